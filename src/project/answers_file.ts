/**
 * The answers file: `.pyscaffold.json` in every generated project, and the
 * format of `--answers` / `--save-answers`. It records the choices a project
 * was made with, the pyscaffold version, and for each module the fields it was
 * generated from and a hash of every file it created (so `remove` can tell
 * whether the user changed a file).
 */
import { UserError } from "../errors.ts";
import type { FieldSpec } from "../spec/module_spec.ts";
import type { ProjectAnswers, ProjectSpec } from "../spec/project_spec.ts";
import { VERSION } from "../version.ts";

export const ANSWERS_FILE = ".pyscaffold.json";

export interface ModuleRecord {
  fields: FieldSpec[];
  /** path → sha256 of the content pyscaffold wrote. */
  files: Record<string, string>;
}

export interface AnswersFile {
  pyscaffold: string;
  answers: Required<Omit<ProjectAnswers, "name">> & { name: string };
  modules?: Record<string, ModuleRecord>;
}

export function answersOf(spec: ProjectSpec): AnswersFile["answers"] {
  return {
    name: spec.name,
    framework: spec.framework,
    database: spec.database,
    auth: spec.auth,
    cache: spec.cache,
    celery: spec.celery,
    module: spec.module.name,
  };
}

export function answersFileContent(
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): string {
  const file: AnswersFile = { pyscaffold: VERSION, answers: answersOf(spec), modules };
  return JSON.stringify(file, null, 2) + "\n";
}

const ANSWER_TYPES: Record<keyof ProjectAnswers, "string" | "boolean"> = {
  name: "string",
  framework: "string",
  database: "string",
  auth: "boolean",
  cache: "boolean",
  celery: "boolean",
  module: "string",
};

/**
 * Parses answers given as JSON: either a bare answers object or a whole
 * answers file (`{"pyscaffold": ..., "answers": {...}}`). Unknown keys and
 * values of the wrong type are errors that name the key.
 */
export function parseAnswers(text: string, source: string): ProjectAnswers {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source} is not valid JSON: ${(error as Error).message}.`);
  }
  if (isRecord(data) && "answers" in data) data = data.answers;
  if (!isRecord(data)) {
    throw new UserError(`${source} must contain a JSON object of answers.`, {
      hint: 'For example: {"framework": "flask", "auth": true}',
    });
  }
  const answers: ProjectAnswers = {};
  for (const [key, value] of Object.entries(data)) {
    if (!Object.hasOwn(ANSWER_TYPES, key)) {
      throw new UserError(`${source}: unknown key "${key}".`, {
        hint: `Known keys: ${Object.keys(ANSWER_TYPES).join(", ")}.`,
      });
    }
    const expected = ANSWER_TYPES[key as keyof ProjectAnswers];
    const actual: string = typeof value;
    if (actual !== expected) {
      throw new UserError(
        `${source}: "${key}" must be a ${expected}, not ${JSON.stringify(value)}.`,
      );
    }
    (answers as Record<string, unknown>)[key] = value;
  }
  return answers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
