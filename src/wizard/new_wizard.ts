/**
 * The wizard of `pyscaffold new`: runs the steps whose questions the flags and
 * the answers file left open, then the preview, and loops back to a step when
 * the user wants to change an answer. Pure apart from the prompter: it returns
 * the spec, the Plan and the target; writing is the caller's job.
 */
import { basename, dirname, join } from "node:path";
import { buildProjectPlan, type Plan } from "../plan/mod.ts";
import {
  type ProjectAnswers,
  type ProjectSpec,
  resolveProjectSpec,
} from "../choices/project_spec.ts";
import {
  databaseQuestion,
  FEATURE_QUESTIONS,
  type FeatureId,
  frameworkQuestion,
  moduleQuestion,
} from "../choices/questions.ts";
import type { Prompter } from "./prompter.ts";
import { askDatabase } from "./steps/database.ts";
import { askFeatures } from "./steps/features.ts";
import { askFramework } from "./steps/framework.ts";
import { askModule, moduleNameProblem } from "./steps/module.ts";
import { type ChangeableAnswer, preview } from "./steps/preview.ts";
import { askProjectName } from "./steps/project_name.ts";

export type AnswerId = "name" | "framework" | "database" | FeatureId | "module";

/** Every answer of `new`, in the order the wizard asks them. */
export const ANSWER_IDS: readonly AnswerId[] = [
  "name",
  "framework",
  "database",
  ...FEATURE_QUESTIONS.map((q) => q.id),
  "module",
] satisfies readonly (keyof ProjectAnswers)[];

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
    const initial = changing ? answers : {};
    switch (id) {
      case "name":
        answers.name = await askProjectName({
          prompter,
          initial: initial.name,
          checkTarget: ctx.checkTarget && ((name) => ctx.checkTarget!(targetOf(name))),
        });
        break;
      case "framework":
        answers.framework = await askFramework({ prompter, initial: initial.framework });
        break;
      case "database":
        answers.database = await askDatabase({ prompter, initial: initial.database });
        break;
      case "module":
        answers.module = await askModule({
          prompter,
          database: databaseOf(answers),
          initial: initial.module,
        });
        break;
      default:
        Object.assign(
          answers,
          await askFeatures({ prompter, ask: [id], initial: changing ? answers : {} }),
        );
    }
  };

  const open = ANSWER_IDS.filter((id) => answers[id] === undefined);
  const c = prompter.colors;
  prompter.print(
    `${c.bold("pyscaffold new")} ${
      c.dim(
        `— ${open.length} question${open.length === 1 ? "" : "s"}, then a preview. ` +
          "Nothing is written before you confirm; Ctrl-C cancels.",
      )
    }`,
  );
  const features = open.filter((id): id is FeatureId => isFeature(id));
  for (const id of open) {
    // guided mode asks features one by one, each after its own guide
    if (isFeature(id) && !ctx.guide) {
      if (id !== features[0]) continue;
      Object.assign(answers, await askFeatures({ prompter, ask: features }));
    } else {
      await ask(id, false);
    }
  }

  for (;;) {
    // A change of database can make the module name a reserved word.
    if (answers.module !== undefined && moduleNameProblem(answers.module, databaseOf(answers))) {
      prompter.print(
        prompter.colors.yellow(`! ${moduleNameProblem(answers.module, databaseOf(answers))}`),
      );
      await ask("module", true);
    }
    const spec = resolveProjectSpec(answers);
    const plan = buildProjectPlan(spec);
    const target = targetOf(spec.name);
    if (!ctx.preview) return { spec, plan, target, answers };
    explain(ctx.guide?.beforeWrite(plan));
    const decision = await preview<AnswerId>({
      prompter,
      plan,
      target,
      changeable: changeableAnswers(spec),
      dryRun: ctx.dryRun,
    });
    if (decision.action === "write") return { spec, plan, target, answers };
    await ask(decision.id, true);
  }
}

function isFeature(id: AnswerId): id is FeatureId {
  return FEATURE_QUESTIONS.some((q) => q.id === id);
}

function databaseOf(answers: ProjectAnswers) {
  return answers.database === "oracle" ? "oracle" : databaseQuestion.default;
}

function changeableAnswers(spec: ProjectSpec): ChangeableAnswer<AnswerId>[] {
  const nameOf = (q: typeof frameworkQuestion | typeof databaseQuestion, v: string) =>
    (q.choices as readonly { value: string; name: string }[]).find((c) => c.value === v)?.name ?? v;
  return [
    { id: "name", label: "Project name", value: spec.name },
    { id: "framework", label: "Framework", value: nameOf(frameworkQuestion, spec.framework) },
    { id: "database", label: "Database", value: nameOf(databaseQuestion, spec.database) },
    ...FEATURE_QUESTIONS.map((q) => ({
      id: q.id,
      label: capitalize(q.message.replace(/^Add /, "").replace(/\?$/, "")),
      value: spec[q.id] ? "yes" : "no",
    })),
    { id: "module", label: capitalize(moduleQuestion.id) + " name", value: spec.module.name },
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
