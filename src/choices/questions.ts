/**
 * The shape of a question of `pyscaffold new`. Each question is one record
 * (src/choices/features/): its text and choices, its flag, the files and
 * Python dependencies its answer brings, its next steps and lessons. The CLI
 * flags, `--help`, the wizard, shell completions, the answers file, the
 * ProjectSpec type and the template context are all derived from the records,
 * so they cannot drift apart.
 *
 * This file imports nothing at run time, so the profiles, the module parser
 * and the records can all depend on it without a cycle.
 */
import type { Requirement } from "./dependencies.ts";

export const FRAMEWORKS = ["flask", "quart"] as const;
export type Framework = typeof FRAMEWORKS[number];
export const DATABASES = ["postgresql", "oracle"] as const;
export type Database = typeof DATABASES[number];

export interface Choice<V extends string | boolean> {
  value: V;
  /** Shown in the list. */
  name: string;
  /** One line, shown while the choice is highlighted. */
  description: string;
}

/**
 * Other answers a file or a dependency needs, e.g. `{ framework: "quart" }` or
 * `{ cache: false }`: it is included only when every one matches. Keys are
 * question ids; the registry checks them when it loads.
 */
export interface Condition {
  readonly framework?: Framework;
  readonly database?: Database;
  readonly [questionId: string]: string | boolean | undefined;
}

/** A Python package an answer brings, by its name in the pin map (src/choices/dependencies.ts). */
export type Dependency =
  | Requirement
  | {
    requirement: Requirement;
    /** Only when the other answers match. */
    when?: Condition;
    /** Printed as a comment above the pin in pyproject.toml. */
    comment?: string;
  };

/** What an answer adds to the project's pyproject.toml. */
export interface Dependencies {
  dependencies?: readonly Dependency[];
  devDependencies?: readonly Dependency[];
}

/** A project file an answer brings. Its template is named by its path (see resolveTemplate()). */
export interface QuestionFile {
  path: string;
  /** Why the file exists, in one line. */
  why: string;
  /** The lesson that explains it (`pyscaffold learn <lesson>`). */
  lesson?: string;
  /** Only when the other answers match. */
  when?: Condition;
  executable?: boolean;
}

/** A command printed after `new` has written the project. */
export interface NextStep {
  command: string;
  /** What it does, in a few words. */
  note: string;
}

interface QuestionBase<Id extends string> extends Dependencies {
  id: Id;
  /** `--${id}`; yes/no questions also get `--no-${id}`. */
  flag: `--${Id}`;
  /** The prompt, as a question. */
  message: string;
  /** The answer's name in the preview's "Change an answer" list: "JWT authentication". */
  label: string;
  /** A short line for `--help`. */
  help: string;
  /** A paragraph shown before the question in the wizard (and in learning mode). */
  explanation: string;
  /**
   * What the answer decides in the generated code, beyond the explanation:
   * Markdown shown by `new --learn` before the question.
   */
  inYourCode: string;
  /** The lesson that explains this choice in depth. */
  lesson?: string;
  /** The project files the answer brings (for a yes/no question: when it is yes). */
  files?: readonly QuestionFile[];
  /** Commands to print after the project is written (for a yes/no question: when it is yes). */
  nextSteps?: readonly NextStep[];
}

// Trade-off tables (the data is in src/choices/tradeoffs.ts)

/** How well a choice meets a requirement: drawn as ✔, ✘ or ~ in front of the text. */
export type Verdict = "yes" | "no" | "partly";

export interface TradeoffCell {
  verdict: Verdict;
  /** The words of the original table ("Limited", "Needs async alternatives"). */
  text: string;
}

export interface TradeoffRow<V extends string> {
  requirement: string;
  cells: Record<V, TradeoffCell>;
  /** One sentence on why, for readers who want more than a tick (wide terminals, lessons). */
  detail: string;
}

export interface TradeoffTable<Id extends string, V extends string> {
  /** The id of the question this table helps to answer. */
  question: Id;
  title: string;
  /** The choices compared, in column order. */
  columns: readonly V[];
  rows: readonly TradeoffRow<V>[];
}

/** One of a list: the framework, the database. */
export interface SelectQuestion<Id extends string, V extends string> extends QuestionBase<Id> {
  kind: "select";
  choices: readonly Choice<V>[];
  default: V;
  /** The profile of each choice: what it adds to pyproject.toml. */
  profiles: Readonly<Record<V, Dependencies>>;
  /** Shown before the question: how the choices meet common requirements. */
  tradeoffs: TradeoffTable<Id, V>;
}

/** A yes/no feature: `--auth` turns it on, `--no-auth` off. */
export interface ConfirmQuestion<Id extends string> extends QuestionBase<Id> {
  kind: "confirm";
  choices: readonly [Choice<true>, Choice<false>];
  default: boolean;
  /** What this feature adds: files, services, dependencies. */
  adds: string;
  /** What it costs. */
  costs: string;
}

/**
 * Free text whose answer is checked against the earlier answers (a module
 * name against the database's reserved words) and becomes a richer value in
 * the ProjectSpec.
 */
export interface TextQuestion<Id extends string, T> extends QuestionBase<Id> {
  kind: "text";
  default: string;
  /** The value's name in `--help`: `--module <name>`. */
  placeholder: string;
  /** The normalised answer; throws a UserError that says what is wrong and what would do. */
  parse(raw: string, earlier: { database: Database }): string;
  /** The ProjectSpec value of a parsed answer. */
  resolve(parsed: string): T;
  /** The answer that gives `value` back (what the answers file records). */
  answerOf(value: T): string;
}

/** Two choices, for a yes/no question. */
export function yesNo(yes: string, no: string): [Choice<true>, Choice<false>] {
  return [
    { value: true, name: "Yes", description: yes },
    { value: false, name: "No", description: no },
  ];
}
