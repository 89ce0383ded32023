/**
 * The wizard of `pyscaffold new`: runs the steps whose questions the flags and
 * the answers file left open, then the preview, and loops back to a step when
 * the user wants to change an answer. Pure apart from the prompter: it returns
 * the spec, the Plan and the target; writing is the caller's job.
 */
import { basename, dirname, join } from "../path.ts";
import { buildProjectPlan, type Plan } from "../plan/mod.ts";
import { databaseOf, resolveProjectSpec } from "../choices/project_spec.ts";
import {
  authQuestion,
  moduleQuestion,
  PROJECT_QUESTIONS,
  type ProjectAnswers,
  type ProjectQuestion,
  type ProjectSpec,
  questionById,
  type QuestionId,
} from "../choices/features/mod.ts";
import type { SelectQuestion } from "../choices/questions.ts";
import type { AccessPolicy } from "../choices/module_spec.ts";
import { accessQuestion, parseAccess } from "../choices/features/module.ts";
import { GoBackError, type Prompter } from "./prompter.ts";
import { wrap } from "../output/text.ts";
import {
  askAccess,
  askChoiceQuestion,
  askFeatures,
  askProjectName,
  askTextQuestion,
  type ChangeableAnswer,
  preview,
  textProblem,
} from "./steps/mod.ts";

export type AnswerId = "name" | QuestionId;

/** Every answer of `new`, in the order the wizard asks them: the name, then the questions. */
export const ANSWER_IDS: readonly AnswerId[] = ["name", ...PROJECT_QUESTIONS.map((q) => q.id)];

export interface NewWizardContext {
  prompter: Prompter;
  /** Answers from flags and the answers file; their questions are not asked. */
  given: ProjectAnswers;
  /** The directory named on the command line, if any (its last segment is the name). */
  directory?: string;
  /** Show the preview (not for --json, whose output is the Plan itself). */
  preview: boolean;
  /** --dry-run: the preview finishes instead of writing. */
  dryRun?: boolean;
  /** Says why a directory cannot receive the project, or undefined when it can. */
  checkTarget?: (target: string) => Promise<string | undefined>;
  /** `--access`: the first module's access policy; otherwise asked when the project has auth. */
  access?: string;
  /** Guided mode (`new --learn`, src/learn): printed before each question and the preview. */
  guide?: {
    question(id: AnswerId, answers: ProjectAnswers): string;
    beforeWrite(plan: Plan): string;
  };
}

export interface NewWizardResult {
  spec: ProjectSpec;
  plan: Plan;
  /** Where to write: the directory given, or the project name in the current directory. */
  target: string;
  /** All answers, the given ones included. */
  answers: ProjectAnswers;
}

export async function runNewWizard(ctx: NewWizardContext): Promise<NewWizardResult> {
  const { prompter } = ctx;
  const answers: ProjectAnswers = { ...ctx.given };
  const targetOf = (name: string) =>
    ctx.directory === undefined
      ? name
      : basename(ctx.directory) === name
      ? ctx.directory
      : join(dirname(ctx.directory), name);

  const explain = (text: string | undefined) => text && prompter.print(text);
  const ask = async (id: AnswerId, changing: boolean) => {
    explain(ctx.guide?.question(id, answers));
    const initial: ProjectAnswers = changing ? answers : {};
    if (id === "name") {
      answers.name = await askProjectName({
        prompter,
        initial: initial.name,
        checkTarget: ctx.checkTarget && ((name) => ctx.checkTarget!(targetOf(name))),
      });
      return;
    }
    // Each kind of question has one step; the record says which.
    const question = questionById(id);
    switch (question.kind) {
      case "select":
        answers[question.id] = await askChoiceQuestion<string>(
          { prompter, initial: initial[question.id] },
          question,
        );
        break;
      case "confirm":
        Object.assign(answers, await askFeatures({ prompter, ask: [question.id], initial }));
        break;
      case "text":
        answers[question.id] = await askTextQuestion(
          { prompter, database: databaseOf(answers), initial: initial[question.id] },
          question,
        );
    }
  };

  const open = ANSWER_IDS.filter((id) => answers[id] === undefined);
  const c = prompter.colors;
  // With auth, the first module's access policy is one more question (below).
  const accessOpen = ctx.access === undefined && answers.auth !== false;
  const total = open.length + (accessOpen ? 1 : 0);
  const counted = accessOpen && answers.auth === undefined
    ? `up to ${total} questions`
    : `${total} question${total === 1 ? "" : "s"}`;
  const intro = `pyscaffold new — ${counted}, ` +
    "then a preview. Nothing is written before you confirm; Esc goes back, Ctrl-C cancels.";
  const title = "pyscaffold new";
  prompter.print(
    wrap(intro, Math.max(20, prompter.columns - 1)).map((line, i) =>
      i === 0 ? c.bold(title) + c.dim(line.slice(title.length)) : c.dim(line)
    ).join("\n"),
  );
  // One question at a time; Escape (GoBackError) asks the previous one again, with its answer.
  for (let i = 0; i < open.length;) {
    try {
      await ask(open[i], answers[open[i]] !== undefined);
      i++;
    } catch (error) {
      if (!(error instanceof GoBackError)) throw error;
      i = Math.max(0, i - 1);
    }
  }

  // The first module's access policy: a question of its own, only with auth (issue 14).
  let asked: AccessPolicy | undefined;
  // --access (or the answers file's) until the preview's "change an answer" picks another.
  let given = ctx.access;
  const askAccessIfOpen = async () => {
    if (given === undefined && asked === undefined && (answers.auth ?? authQuestion.default)) {
      asked = await askAccess({ prompter });
    }
  };
  await askAccessIfOpen();

  for (;;) {
    await askAccessIfOpen();
    // A change of database can make the module name a reserved word.
    const moduleProblem = answers.module === undefined
      ? undefined
      : textProblem(moduleQuestion, answers.module, databaseOf(answers));
    if (moduleProblem) {
      prompter.print(prompter.colors.yellow(`! ${moduleProblem}`));
      await ask(moduleQuestion.id, true);
    }
    const resolved = resolveProjectSpec(answers);
    const access = parseAccess(given ?? (resolved.auth ? asked : undefined), resolved.auth);
    const spec = { ...resolved, module: { ...resolved.module, access } };
    const plan = await buildProjectPlan(spec);
    const target = targetOf(spec.name);
    if (!ctx.preview) return { spec, plan, target, answers };
    explain(ctx.guide?.beforeWrite(plan));
    const decision = await preview<AnswerId | "access">({
      prompter,
      plan,
      target,
      changeable: changeableAnswers(spec),
      dryRun: ctx.dryRun,
    }).catch((error) => {
      // Escape at the preview: back to the last question.
      if (error instanceof GoBackError) {
        return { action: "change" as const, id: ANSWER_IDS.at(-1)! };
      }
      throw error;
    });
    if (decision.action === "write") return { spec, plan, target, answers };
    // Escape while changing an answer keeps it and shows the preview again.
    if (decision.id === "access") {
      try {
        asked = await askAccess({ prompter, initial: access });
        given = undefined;
      } catch (error) {
        if (!(error instanceof GoBackError)) throw error;
      }
      continue;
    }
    await ask(decision.id, true).catch((error) => {
      if (!(error instanceof GoBackError)) throw error;
    });
  }
}

function changeableAnswers(spec: ProjectSpec): ChangeableAnswer<AnswerId | "access">[] {
  return [
    { id: "name", label: "Project name", value: spec.name },
    ...PROJECT_QUESTIONS.map((q) => ({ id: q.id, label: q.label, value: shownAnswer(q, spec) })),
    // The first module's policy, after its name; only with auth (without, every module is public).
    ...spec.auth && spec.module.access
      ? [{ id: "access" as const, label: accessQuestion.label, value: spec.module.access }]
      : [],
  ];
}

/** An answer as the preview shows it: the choice's name, yes or no, the text. */
function shownAnswer(question: ProjectQuestion, spec: ProjectSpec): string {
  switch (question.kind) {
    case "select":
      return choiceName(question, spec[question.id]);
    case "confirm":
      return spec[question.id] ? "yes" : "no";
    case "text":
      return question.answerOf(spec[question.id]);
  }
}

function choiceName(question: SelectQuestion<string, string>, value: string): string {
  return question.choices.find((c) => c.value === value)?.name ?? value;
}
