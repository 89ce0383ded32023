/**
 * From answers to a validated ProjectSpec. The types themselves are derived
 * from the question records (src/choices/features/mod.ts).
 */
import { UserError } from "../errors.ts";
import { printable, validateProjectName } from "./names.ts";
import {
  databaseQuestion,
  FEATURE_QUESTIONS,
  type FeatureId,
  frameworkQuestion,
  moduleQuestion,
  type ProjectAnswers,
  type ProjectSpec,
} from "./features/mod.ts";
import type { Database, Framework, SelectQuestion } from "./questions.ts";
import { NEW_PROJECT_IDS } from "./ids.ts";

export type { Database, Framework, ProjectAnswers, ProjectSpec };

/** Choices that are declared but whose templates have not landed yet. */
export const NOT_YET_SUPPORTED: ReadonlySet<string> = new Set([]);

export function checkChoice<V extends string>(
  question: SelectQuestion<string, V>,
  raw: string,
): V {
  const choice = question.choices.find((c) => c.value === raw.toLowerCase());
  if (!choice) {
    throw new UserError(
      `Unknown ${question.id} "${printable(raw)}".`,
      { hint: `Choose one of: ${question.choices.map((c) => c.value).join(", ")}.` },
    );
  }
  if (NOT_YET_SUPPORTED.has(choice.value)) {
    throw new UserError(`${choice.name} projects are not supported yet.`, {
      hint: `Use ${question.flag} ${question.default} for now.`,
    });
  }
  return choice.value;
}

/**
 * The database the answers name, or the default while they name none (or one
 * that does not exist): what a module name is checked against before the
 * answers are validated as a whole.
 */
export function databaseOf(answers: ProjectAnswers): Database {
  return databaseQuestion.choices.find((c) => c.value === answers.database)?.value ??
    databaseQuestion.default;
}

/** Every yes/no feature, answered or by its default. */
function featureSwitches(answers: ProjectAnswers): Record<FeatureId, boolean> {
  return Object.fromEntries(
    FEATURE_QUESTIONS.map((q) => [q.id, answers[q.id] ?? q.default]),
  ) as Record<FeatureId, boolean>;
}

/** Fills unanswered questions with their defaults and validates everything. */
export function resolveProjectSpec(answers: ProjectAnswers): ProjectSpec {
  if (answers.name === undefined) {
    throw new UserError("A project name is required.", { hint: "pyscaffold new my-api" });
  }
  const name = validateProjectName(answers.name);
  const framework = checkChoice(frameworkQuestion, answers.framework ?? frameworkQuestion.default);
  const database = checkChoice(databaseQuestion, answers.database ?? databaseQuestion.default);
  const moduleName = moduleQuestion.parse(answers.module ?? moduleQuestion.default, { database });
  return {
    name,
    ids: NEW_PROJECT_IDS,
    framework,
    database,
    ...featureSwitches(answers),
    module: moduleQuestion.resolve(moduleName),
  };
}
