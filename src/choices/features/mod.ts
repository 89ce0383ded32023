/**
 * Every question of `pyscaffold new`, one record per file, in the order the
 * wizard asks them — and everything derived from them: the ProjectSpec and
 * answer types, which questions are yes/no features, the template context
 * (`it.auth`, `it.flask`, `it.dependencies`, ...), the dependency lists of
 * pyproject.toml and the next steps.
 *
 * A new yes/no feature is one record file plus its line in PROJECT_QUESTIONS;
 * its flags, wizard step, answers-file key, preview entry and template flag
 * follow from here.
 */
import {
  CORE_DEPENDENCIES,
  CORE_DEV_DEPENDENCIES,
  dependencyRank,
  IMPORTED_THROUGH,
  packageOf,
  type PinnedDependency,
  pinOf,
  type Requirement,
  USED_WITHOUT_IMPORT,
} from "../dependencies.ts";
import { DATABASE_PROFILES } from "../databases.ts";
import type { IdWidth } from "../ids.ts";
import type {
  Condition,
  ConfirmQuestion,
  Dependencies,
  Dependency,
  NextStep,
  SelectQuestion,
  TextQuestion,
} from "../questions.ts";
import { authQuestion } from "./auth.ts";
import { cacheQuestion } from "./cache.ts";
import { celeryQuestion } from "./celery.ts";
import { databaseQuestion } from "./database.ts";
import { frameworkQuestion } from "./framework.ts";
import { moduleQuestion } from "./module.ts";

export { authQuestion, cacheQuestion, celeryQuestion, databaseQuestion, frameworkQuestion };
export { moduleQuestion };

/** All questions of `pyscaffold new`, in the order the wizard asks them (after the name). */
export const PROJECT_QUESTIONS = [
  frameworkQuestion,
  databaseQuestion,
  authQuestion,
  cacheQuestion,
  celeryQuestion,
  moduleQuestion,
] as const;

export type ProjectQuestion = typeof PROJECT_QUESTIONS[number];
export type QuestionId = ProjectQuestion["id"];
type Kind<K extends ProjectQuestion["kind"]> = Extract<ProjectQuestion, { kind: K }>;
/** The questions answered by one of a list (framework, database). */
export type ProjectSelectQuestion = Kind<"select">;
/** The yes/no features (auth, cache, celery). */
export type FeatureQuestion = Kind<"confirm">;
export type FeatureId = FeatureQuestion["id"];

export const SELECT_QUESTIONS: readonly ProjectSelectQuestion[] = PROJECT_QUESTIONS.filter(
  (q): q is ProjectSelectQuestion => q.kind === "select",
);
export const FEATURE_QUESTIONS: readonly FeatureQuestion[] = PROJECT_QUESTIONS.filter(
  (q): q is FeatureQuestion => q.kind === "confirm",
);

/** `{ a: 1 } & { b: 2 }` shown as `{ a: 1; b: 2 }`. */
type Simplify<T> = { [K in keyof T]: T[K] } & unknown;

/** The value an answer takes in a ProjectSpec: a choice, a yes/no, a text question's value. */
type SpecValue<Q> = Q extends SelectQuestion<string, infer V> ? V
  : Q extends ConfirmQuestion<string> ? boolean
  : Q extends TextQuestion<string, infer T> ? T
  : never;

/** An answer as a flag, the answers file or the wizard gives it, before it is checked. */
type RawAnswer<Q> = Q extends ConfirmQuestion<string> ? boolean : string;

/** Every choice of every select question: `"flask" | "quart" | "postgresql" | "oracle"`. */
export type ChoiceValue = SpecValue<ProjectSelectQuestion>;

/**
 * The validated description of a project. Everything downstream (the Plan,
 * the preview, the writer) reads a ProjectSpec and never the raw flags.
 */
export type ProjectSpec = Simplify<
  {
    /** Directory and distribution name: `my-api`. */
    name: string;
    /** The width of its ids (src/choices/ids.ts): recorded, never asked. */
    ids: IdWidth;
  } & { [Q in ProjectQuestion as Q["id"]]: SpecValue<Q> }
>;

/** The answers of the questions, as flags (`new`, `learn`) or the answers file give them. */
export type QuestionAnswers = { [Q in ProjectQuestion as Q["id"]]?: RawAnswer<Q> };

/** Answers as they arrive from flags, an answers file or the wizard: possibly partial, unvalidated. */
export type ProjectAnswers = Simplify<{ name?: string } & QuestionAnswers>;

/** The answers of a project, every one given: what the answers file records. */
export type SavedAnswers = Simplify<{ name: string } & Required<QuestionAnswers>>;

/** What the templates of a project (and of its modules) may depend on: all but the first module. */
export type ProjectChoices = Omit<ProjectSpec, "module">;

export function questionById(id: QuestionId): ProjectQuestion {
  return PROJECT_QUESTIONS.find((q) => q.id === id)!;
}

export function isFeature(id: string): id is FeatureId {
  return FEATURE_QUESTIONS.some((q) => q.id === id);
}

/**
 * Whether a question's files, dependencies and next steps are in the project:
 * a yes/no feature's when it is on, a choice's (and a text's) always.
 */
export function questionApplies(question: ProjectQuestion, choices: ProjectChoices): boolean {
  return question.kind !== "confirm" || choices[question.id];
}

/** Whether every answer the condition names is the answer given. */
export function conditionHolds(
  condition: Condition | undefined,
  choices: Readonly<Record<string, unknown>>,
): boolean {
  return Object.entries(condition ?? {}).every(([id, value]) => choices[id] === value);
}

// ---------------------------------------------------------------------------
// Answers

/** The type each answer must have in an answers file, in the order of the wizard. */
export const ANSWER_TYPES: Readonly<Record<keyof ProjectAnswers, "string" | "boolean">> = {
  name: "string",
  ...Object.fromEntries(
    PROJECT_QUESTIONS.map((q) => [q.id, q.kind === "confirm" ? "boolean" : "string"]),
  ) as Record<QuestionId, "string" | "boolean">,
};

/**
 * The answers among `values` (commander's parsed options, or a checked
 * answers file): each one that has its question's type; anything else is left out.
 */
export function pickAnswers(values: Readonly<Record<string, unknown>>): ProjectAnswers {
  const answers: Record<string, string | boolean> = {};
  for (const [key, type] of Object.entries(ANSWER_TYPES)) {
    const value = values[key];
    if (typeof value === "string" && type === "string") answers[key] = value;
    if (typeof value === "boolean" && type === "boolean") answers[key] = value;
  }
  return answers as ProjectAnswers;
}

/** The answers that make `spec` again. */
export function answersOf(spec: ProjectSpec): SavedAnswers {
  const answers: Record<string, string | boolean> = { name: spec.name };
  for (const q of PROJECT_QUESTIONS) {
    answers[q.id] = q.kind === "text" ? q.answerOf(spec[q.id]) : spec[q.id];
  }
  return answers as SavedAnswers;
}

// ---------------------------------------------------------------------------
// What the answers bring

/** The profile (what pyproject.toml gets) of each answered question. */
function broughtBy(choices: ProjectChoices): Dependencies[] {
  return PROJECT_QUESTIONS.filter((q) => questionApplies(q, choices)).map((q) =>
    q.kind === "select" ? mergeDependencies(q, profileOf(q, choices[q.id])) : q
  );
}

function profileOf(question: SelectQuestion<string, string>, value: string): Dependencies {
  return question.profiles[value];
}

function mergeDependencies(a: Dependencies, b: Dependencies): Dependencies {
  return {
    dependencies: [...a.dependencies ?? [], ...b.dependencies ?? []],
    devDependencies: [...a.devDependencies ?? [], ...b.devDependencies ?? []],
  };
}

function pinned(
  core: readonly Requirement[],
  lists: readonly (readonly Dependency[] | undefined)[],
  choices: ProjectChoices,
): PinnedDependency[] {
  const chosen = new Map<Requirement, string | undefined>(core.map((r) => [r, undefined]));
  for (const list of lists) {
    for (const dependency of list ?? []) {
      const { requirement, when, comment } = typeof dependency === "string"
        ? { requirement: dependency, when: undefined, comment: undefined }
        : dependency;
      if (conditionHolds(when, choices)) {
        chosen.set(requirement, chosen.get(requirement) ?? comment);
      }
    }
  }
  return [...chosen.entries()]
    .sort(([a], [b]) => dependencyRank(a) - dependencyRank(b))
    .map(([requirement, comment]) => ({
      package: packageOf(requirement),
      pin: pinOf(requirement),
      ...comment ? { comment } : {},
    }));
}

/** pyproject.toml's dependency lists, and what deptry is told of them (`[tool.deptry]`). */
export interface ProjectDependencies {
  dependencies: PinnedDependency[];
  devDependencies: PinnedDependency[];
  /** The chosen packages used without an import, each with who uses it (deptry's DEP002). */
  usedWithoutImport: { name: string; why: string }[];
  /** Modules imported that no pin names, each with why (deptry's DEP003). */
  importedThrough: { name: string; why: string }[];
}

/** pyproject.toml's dependency lists for these answers, pinned from the one pin map. */
export function projectDependencies(choices: ProjectChoices): ProjectDependencies {
  const profiles = broughtBy(choices);
  const dependencies = pinned(CORE_DEPENDENCIES, profiles.map((p) => p.dependencies), choices);
  return {
    dependencies,
    devDependencies: pinned(CORE_DEV_DEPENDENCIES, profiles.map((p) => p.devDependencies), choices),
    usedWithoutImport: dependencies.flatMap(({ package: name }) => {
      const why = USED_WITHOUT_IMPORT[name];
      return why ? [{ name, why }] : [];
    }),
    importedThrough: Object.entries(IMPORTED_THROUGH).flatMap(([name, { why, framework }]) =>
      framework === undefined || framework === choices.framework ? [{ name, why }] : []
    ),
  };
}

/**
 * The answers as templates see them: each question by its id (`it.framework`,
 * `it.auth`), each choice as a flag (`it.flask`, `it.oracle`), and the
 * dependency lists of pyproject.toml.
 */
export type AnswerContext = Simplify<
  Omit<ProjectChoices, "name" | "ids"> & Record<ChoiceValue, boolean> & ProjectDependencies
>;

export function answerContext(choices: ProjectChoices): AnswerContext {
  const context: Record<string, unknown> = {};
  for (const q of PROJECT_QUESTIONS) {
    if (q.kind === "text") continue; // its value is a richer object, given by the plan (`it.module`)
    context[q.id] = choices[q.id];
    if (q.kind === "select") {
      for (const choice of q.choices) context[choice.value] = choices[q.id] === choice.value;
    }
  }
  return { ...context, ...projectDependencies(choices) } as AnswerContext;
}

/** What `new` did after writing, so the next steps leave it out. */
export interface SetupDone {
  /** `.env` was written. */
  env: boolean;
  /** The dependencies are installed in `.venv`. */
  install: boolean;
}

/**
 * The commands printed after `new`, in the order they work when run as printed:
 * the core ones, then those of the answers (which run after `make run`, in
 * another terminal).
 */
export function nextSteps(
  choices: ProjectChoices,
  target: string,
  done: SetupDone = { env: false, install: false },
): NextStep[] {
  const redis = choices.cache || choices.celery;
  const server = DATABASE_PROFILES[choices.database].server;
  return [
    // Quoted when the shell would split or expand it, so the line works when pasted.
    {
      command: `cd ${
        /^[\w@%+=:,./-]+$/.test(target) ? target : `'${target.replaceAll("'", `'\\''`)}'`
      }`,
      note: "",
    },
    ...done.install
      ? []
      : [{ command: "make install", note: "create .venv and install the dependencies" }],
    ...done.env ? [] : [{
      command: "cp -n .env.example .env",
      note: "the settings for development (they need no secrets)",
    }],
    {
      command: "make services",
      note: `start ${server}${redis ? " and Redis" : ""} in Docker, wait until healthy`,
    },
    { command: "make migrate", note: "create the tables in DATABASE_URL (.env)" },
    { command: "make test", note: "run the tests against TEST_DATABASE_URL (.env)" },
    { command: "make run", note: "start the API on http://localhost:8000 (Ctrl-C stops it)" },
    ...PROJECT_QUESTIONS.filter((q) => questionApplies(q, choices)).flatMap((q) =>
      q.nextSteps ?? []
    ),
  ];
}

/** How to use a database (and Redis) already running instead of `make services`. */
export function localServicesNote(choices: ProjectChoices): string {
  const redis = choices.cache || choices.celery;
  const server = DATABASE_PROFILES[choices.database].server;
  return `${server}${redis ? " and Redis" : ""} already running here? Skip make services: ` +
    `set DATABASE_URL and TEST_DATABASE_URL${redis ? " (and REDIS_URL, TEST_REDIS_URL)" : ""} ` +
    `in .env or export them (your environment wins over .env), and create the two databases.`;
}

// ---------------------------------------------------------------------------
/**
 * A condition that names no question, or an answer its question cannot give,
 * is a typo that would silently drop a file or a package: refused when the
 * records load.
 */
export function checkCondition(condition: Condition | undefined, where: string): void {
  for (const [id, value] of Object.entries(condition ?? {})) {
    const q = PROJECT_QUESTIONS.find((x) => x.id === id);
    const possible = q?.kind === "select"
      ? q.choices.some((c) => c.value === value)
      : q?.kind === "confirm" && typeof value === "boolean";
    if (!possible) throw new Error(`${where}: the condition ${id} = ${value} can never hold`);
  }
}

for (const q of PROJECT_QUESTIONS) {
  const lists: Dependencies[] = [q, ...q.kind === "select" ? Object.values(q.profiles) : []];
  for (const list of lists) {
    for (const d of [...list.dependencies ?? [], ...list.devDependencies ?? []]) {
      if (typeof d !== "string") checkCondition(d.when, `${q.id}: ${d.requirement}`);
    }
  }
  for (const file of q.files ?? []) checkCondition(file.when, `${q.id}: ${file.path}`);
}
