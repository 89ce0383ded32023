/**
 * The validated description of a project. Everything downstream (the Plan,
 * the preview, the writer) reads a ProjectSpec and never the raw flags.
 */
import { UserError } from "../errors.ts";
import { exampleModule, type ModuleSpec } from "./module_spec.ts";
import { parseModuleName } from "./module_names.ts";
import { printable, validateProjectName } from "./names.ts";
import {
  authQuestion,
  cacheQuestion,
  celeryQuestion,
  type Database,
  databaseQuestion,
  type Framework,
  frameworkQuestion,
  moduleQuestion,
  type SelectQuestion,
} from "./questions.ts";

export type { Database, Framework };

export interface ProjectSpec {
  /** Directory and distribution name: `my-api`. */
  name: string;
  framework: Framework;
  database: Database;
  auth: boolean;
  cache: boolean;
  celery: boolean;
  /** The first resource module. */
  module: ModuleSpec;
}

/** Answers as they arrive from flags, an answers file or the wizard: possibly partial, unvalidated. */
export interface ProjectAnswers {
  name?: string;
  framework?: string;
  database?: string;
  auth?: boolean;
  cache?: boolean;
  celery?: boolean;
  module?: string;
}

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

/** Fills unanswered questions with their defaults and validates everything. */
export function resolveProjectSpec(answers: ProjectAnswers): ProjectSpec {
  if (answers.name === undefined) {
    throw new UserError("A project name is required.", { hint: "pyscaffold new my-api" });
  }
  const name = validateProjectName(answers.name);
  const framework = checkChoice(frameworkQuestion, answers.framework ?? frameworkQuestion.default);
  const database = checkChoice(databaseQuestion, answers.database ?? databaseQuestion.default);
  const moduleName = parseModuleName(answers.module ?? moduleQuestion.default, database);
  return {
    name,
    framework,
    database,
    auth: answers.auth ?? authQuestion.default,
    cache: answers.cache ?? cacheQuestion.default,
    celery: answers.celery ?? celeryQuestion.default,
    module: exampleModule(moduleName),
  };
}
