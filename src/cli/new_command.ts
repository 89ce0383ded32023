/**
 * `pyscaffold new <dir>`: answers → ProjectSpec → Plan → preview / JSON / write.
 */
import { basename, dirname, resolve } from "../path.ts";
import { CancelledError, UserError } from "../errors.ts";
import { buildProjectPlan, type Plan } from "../plan/mod.ts";
import { databaseOf, resolveProjectSpec } from "../choices/project_spec.ts";
import { printable, projectNameProblem, suggestProjectName } from "../choices/names.ts";
import {
  answersOf,
  localServicesNote,
  nextSteps as projectNextSteps,
  pickAnswers,
  PROJECT_QUESTIONS,
  type ProjectAnswers,
  type ProjectSpec,
  type QuestionAnswers,
  SELECT_QUESTIONS,
} from "../choices/features/mod.ts";
import { firstModuleAccess, parseAnswers } from "../project/answers_file.ts";
// Not output/mod.ts: its pager loads node:util, which `new` does not need.
import { type Colors, makeColors } from "../output/colors.ts";
import { planJson } from "../output/plan_json.ts";
import { renderTree } from "../output/tree.ts";
import { wrap } from "../output/text.ts";
import {
  gitInit,
  installDependencies,
  SETUP_DEFAULTS,
  SETUP_QUESTIONS,
  SETUP_STEPS,
  type SetupChoices,
  type SetupOutcome,
  type SetupStep,
  writeDotEnv,
} from "./_project_setup.ts";
import { VERSION } from "../version.ts";
import { checkNewTarget, removeStaleNewStaging, writeNewFile, writePlan } from "../write/mod.ts";
import { GoBackError, type Prompter } from "../wizard/prompter.ts";
import { DEFAULT_PROJECT_NAME } from "../wizard/steps/project_name.ts";
import { moduleNameProblem } from "../wizard/steps/module.ts";
import { parseAccess } from "../choices/features/module.ts";

/** The spec with its first module's access policy (`--access`, checked against auth). */
function withAccess(spec: ProjectSpec, access: string | undefined): ProjectSpec {
  return { ...spec, module: { ...spec.module, access: parseAccess(access, spec.auth) } };
}

/** The options of `new`: an answer for each question (derived from the records), and these. */
export type NewOptions = QuestionAnswers & {
  /** The first module's access policy (only with auth). */
  access?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  answers?: string;
  saveAnswers?: string;
  learn?: boolean;
  /** After writing: `.env` from `.env.example` with fresh secrets. */
  env?: boolean;
  /** After writing: `git init` and a first commit. */
  git?: boolean;
  /** After writing: the dependencies into `.venv`. */
  install?: boolean;
};

/** Answers from the answers file, then flags on top. */
async function collectAnswers(
  directory: string | undefined,
  options: NewOptions,
): Promise<{ answers: ProjectAnswers; savedAccess?: string }> {
  let answers: ProjectAnswers = {};
  let savedAccess: string | undefined;
  if (options.answers) {
    let text: string;
    try {
      text = await Deno.readTextFile(options.answers);
    } catch (error) {
      throw new UserError(
        `Cannot read answers file ${options.answers}: ${(error as Error).message}`,
      );
    }
    answers = parseAnswers(text, options.answers);
    checkAnswerValues(answers, options.answers);
    savedAccess = firstModuleAccess(text, answers, options.answers);
  }
  answers = { ...answers, ...pickAnswers(options) };
  if (directory !== undefined) answers.name = basename(resolve(directory));
  return { answers, savedAccess };
}

/**
 * Values of an answers file, checked as if typed: the error names the file,
 * the key and the value, and what would be accepted.
 */
export function checkAnswerValues(answers: ProjectAnswers, source: string): void {
  const bad = (key: string, value: string, problem: string) =>
    new UserError(`${source}: "${key}" is "${printable(value)}": ${problem}`);
  for (const q of SELECT_QUESTIONS) {
    const value = answers[q.id];
    if (value !== undefined && !q.choices.some((c) => c.value === value)) {
      throw bad(q.id, value, `choose one of ${q.choices.map((c) => c.value).join(", ")}.`);
    }
  }
  if (answers.name !== undefined) {
    const problem = projectNameProblem(answers.name);
    if (problem) {
      throw bad("name", answers.name, `${problem}; try "${suggestProjectName(answers.name)}".`);
    }
  }
  if (answers.module !== undefined) {
    const problem = moduleNameProblem(answers.module, databaseOf(answers));
    if (problem) throw bad("module", answers.module, problem);
  }
}

/** The flags that would answer the questions still open. */
export function missingFlags(answers: ProjectAnswers): string[] {
  const missing: string[] = [];
  if (answers.name === undefined) missing.push("<directory>");
  for (const q of PROJECT_QUESTIONS) {
    if (answers[q.id] === undefined) {
      missing.push(
        q.kind === "select"
          ? `${q.flag} ${q.choices.map((c) => c.value).join("|")}`
          : q.kind === "confirm"
          ? `${q.flag}/--no-${q.id}`
          : `${q.flag} <${q.placeholder}>`,
      );
    }
  }
  return missing;
}

/**
 * `new`'s action, on commander's options (`opts()`): from commander (_commands.ts) or from
 * the fast path's parse of the same options (fast_path.ts).
 */
export async function newAction(
  directory: string | undefined,
  options: Readonly<Record<string, unknown>>,
): Promise<void> {
  await runNew(directory, { ...options, ...pickAnswers(options) } as NewOptions);
}

export async function runNew(directory: string | undefined, options: NewOptions): Promise<void> {
  const { answers, savedAccess } = await collectAnswers(directory, options);
  // The first module's policy: --access, else the answers file's where the project has auth (a
  // flag may have turned auth off since the file was saved).
  const accessWith = (auth: boolean) => options.access ?? (auth ? savedAccess : undefined);
  const missing = missingFlags(answers);
  const interactive = missing.length > 0 && !options.yes;
  let spec: ProjectSpec;
  let plan: Plan;
  let target: string;
  let prompter: Prompter | undefined;
  if (interactive) {
    if (!Deno.stdin.isTerminal()) {
      throw new UserError(
        "Some questions are unanswered and stdin is not a terminal, so pyscaffold cannot ask them.",
        { hint: `Pass ${missing.join(", ")} — or --yes to accept the defaults.` },
      );
    }
    // Bad flags, and a directory that cannot receive the project, are reported before
    // anything is asked.
    const early = resolveProjectSpec({ ...answers, name: answers.name ?? DEFAULT_PROJECT_NAME });
    // An unknown policy, or one without auth (given, or the default auth), fails before asking.
    parseAccess(accessWith(early.auth), early.auth);
    if (directory !== undefined && !options.json) await checkNewTarget(directory);
    const { runNewWizard, terminalPrompter } = await import("../wizard/mod.ts");
    prompter = await terminalPrompter({ output: options.json ? "stderr" : "stdout" });
    const stopListening = cancelOnInterrupt();
    try {
      ({ spec, plan, target } = await runNewWizard({
        prompter,
        given: answers,
        directory,
        preview: !options.json,
        dryRun: options.dryRun,
        access: accessWith(early.auth),
        checkTarget: options.json ? undefined : targetProblem,
        guide: options.learn ? await learnGuide() : undefined,
      }));
    } finally {
      stopListening();
    }
  } else {
    if (answers.name === undefined) {
      throw new UserError("Missing the project directory.", { hint: "pyscaffold new my-api" });
    }
    const resolved = resolveProjectSpec(answers);
    spec = withAccess(resolved, accessWith(resolved.auth));
    target = directory ?? spec.name;
    plan = await buildProjectPlan(spec);
    // --learn with every question answered: the guide of each answer, then of the files.
    if (options.learn && !options.json) {
      const guide = await learnGuide();
      const given = answersOf(spec);
      for (const id of ["name", ...PROJECT_QUESTIONS.map((q) => q.id)]) {
        const text = guide.question(id, given);
        if (text) console.log(text);
      }
      console.log(guide.beforeWrite(plan));
    }
  }

  // Staging directories that killed runs left beside the target: any `new` there cleans them.
  await removeStaleNewStaging(dirname(resolve(target)));
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    await saveAnswers(options.saveAnswers, spec);
    return;
  }
  const c = prompter?.colors ?? makeColors();
  if (options.dryRun) {
    await checkNewTarget(target);
    if (!interactive) console.log(renderTree(plan, c));
    console.log(c.dim("\n--dry-run: nothing was written."));
    await saveAnswers(options.saveAnswers, spec);
    return;
  }
  // Saved first: a refusal to replace an existing file comes before the project is written,
  // and the answers survive a failed write, ready for `--answers`. But a target that cannot
  // receive the project is refused before anything is written at all.
  await checkNewTarget(target);
  await saveAnswers(options.saveAnswers, spec);
  await writePlan(plan, target, {
    onProgress: prompter && ((done, total, path) => prompter.progress(done, total, path)),
  });
  // The wizard has shown the tree in its preview already.
  if (!interactive) console.log(renderTree(plan, c));
  console.log(`\n${c.green("✔")} Created ${c.bold(target)} (${plan.files.length} files).`);
  const setup = await chooseSetup(options, prompter, c).catch((error) => {
    if (!(error instanceof CancelledError)) throw error;
    throw new CancelledError(
      `Cancelled — ${target} is written, without the steps after it (.env, git, install).`,
    );
  });
  const outcomes = await runSetup(setup, target, c);
  const done = (step: "env" | "install") => outcomes.some((o) => o.step === step && o.ok);
  console.log("\nNext steps:\n");
  const steps = projectNextSteps(spec, target, { env: done("env"), install: done("install") });
  const width = Math.max(...steps.map((s) => s.command.length));
  for (const { command, note } of steps) {
    console.log(
      note ? `  ${c.cyan(command.padEnd(width))}  ${c.dim(note)}` : `  ${c.cyan(command)}`,
    );
  }
  // Wrapped as the wizard wraps its text: a terminal would break the long line inside a word.
  const note = wrap(localServicesNote(spec), Math.max(20, (prompter?.columns ?? 80) - 1));
  console.log(`\n${note.map((line) => c.dim(line)).join("\n")}`);
}

/**
 * The after-write steps: each one a flag gives; the others asked by the
 * wizard, or (without one) the defaults, printed so the run says what it chose.
 */
async function chooseSetup(
  options: NewOptions,
  prompter: Prompter | undefined,
  c: Colors,
): Promise<SetupChoices> {
  const choices = { ...SETUP_DEFAULTS };
  const defaulted: string[] = [];
  const asked: SetupStep[] = [];
  for (const step of SETUP_STEPS) {
    const given = options[step];
    if (given !== undefined) choices[step] = given;
    else if (prompter) asked.push(step);
    else defaulted.push(`--${choices[step] ? "" : "no-"}${step}`);
  }
  // Escape goes back to the previous offer; the project is written already, so not further.
  for (let i = 0; i < asked.length;) {
    try {
      choices[asked[i]] = await prompter!.confirm({
        message: SETUP_QUESTIONS[asked[i]],
        default: choices[asked[i]] || asked[i] === "install",
      });
      i++;
    } catch (error) {
      if (!(error instanceof GoBackError)) throw error;
      i = Math.max(0, i - 1);
    }
  }
  if (defaulted.length > 0) console.log(c.dim(`After writing, by default: ${defaulted.join(" ")}`));
  return choices;
}

/** Runs the chosen steps in order; a failed step is reported with what to run by hand. */
async function runSetup(choices: SetupChoices, target: string, c: Colors): Promise<SetupOutcome[]> {
  const outcomes: SetupOutcome[] = [];
  for (const step of SETUP_STEPS) {
    if (!choices[step]) continue;
    const outcome = step === "env"
      ? await writeDotEnv(target)
      : step === "git"
      ? await gitInit(target)
      : await installDependencies(target, (line) => console.log(c.dim(`  $ ${line}`)));
    outcomes.push(outcome);
    const mark = outcome.ok ? c.green("✔") : c.yellow("!");
    console.log(`${mark} ${outcome.message}`);
    if (outcome.byHand) {
      console.log(`  ${c.dim("By hand:")} ${c.cyan(`cd ${target} && ${outcome.byHand}`)}`);
    }
  }
  return outcomes;
}

/** `--learn`: the guided mode's explanations (src/learn), loaded only when asked for. */
async function learnGuide() {
  const learn = await import("../learn/mod.ts");
  return learn.wizardGuide(learn.terminalOptions());
}

/** Why `target` cannot receive a new project, or undefined when it can. */
async function targetProblem(target: string): Promise<string | undefined> {
  try {
    await checkNewTarget(target);
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}

/**
 * Between prompts the terminal is not in raw mode, so Ctrl-C is a SIGINT: end
 * the same way as a Ctrl-C inside a prompt. Nothing has been written yet.
 */
function cancelOnInterrupt(): () => void {
  const onSignal = () => {
    console.error(`\n${new CancelledError().message}`);
    Deno.exit(130);
  };
  try {
    Deno.addSignalListener("SIGINT", onSignal);
  } catch {
    return () => {}; // no signals on this platform
  }
  return () => Deno.removeSignalListener("SIGINT", onSignal);
}

/** `--save-answers FILE`: the answers file format, so `--answers FILE` reads it back. */
async function saveAnswers(path: string | undefined, spec: ProjectSpec): Promise<void> {
  if (path === undefined) return;
  // The first module's access policy, where an answers file of 0.12.4 and earlier kept it (only
  // with auth: without, every module is public).
  const modules = spec.auth && spec.module.access
    ? { modules: { [spec.module.name]: { access: spec.module.access } } }
    : {};
  const content = JSON.stringify(
    { pyscaffold: VERSION, answers: answersOf(spec), ...modules },
    null,
    2,
  );
  // Refuses to replace a different file that is already there.
  await writeNewFile(path, content + "\n");
}
