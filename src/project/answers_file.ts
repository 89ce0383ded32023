/**
 * The answers file: `.pyscaffold.json` in every generated project, and the
 * format of `--answers` / `--save-answers`. It records the choices a project
 * was made with and the pyscaffold version. Each module has a record of its
 * own, `.pyscaffold/modules/<name>.json`: the fields it was generated from, its
 * access policy and a hash of every file it created (so `remove` can tell
 * whether the user changed a file). Projects of 0.12.4 and earlier keep those
 * records in the answers file, under "modules": they are read from there until
 * `update` moves them (docs/DECISIONS.md, "0.13.0: each module's record in a file of its own").
 */
import { join, parentOf, resolve } from "../path.ts";
import { UserError } from "../errors.ts";
import { printable } from "../choices/names.ts";
import {
  ACCESS_POLICIES,
  type AccessPolicy,
  type FieldSpec,
  fieldText,
} from "../choices/module_spec.ts";
import { parseField } from "../choices/fields.ts";
import { resolveProjectSpec } from "../choices/project_spec.ts";
import { ID_WIDTHS, type IdWidth, UNRECORDED_IDS } from "../choices/ids.ts";
import {
  ANSWER_TYPES,
  answersOf,
  pickAnswers,
  type ProjectAnswers,
  type ProjectSpec,
  type SavedAnswers,
} from "../choices/features/mod.ts";
import type { ModuleProject } from "../plan/module_files.ts";
import { safeRelativePath } from "./paths.ts";
import { VERSION, VERSION_PATTERN } from "../version.ts";

export const ANSWERS_FILE = ".pyscaffold.json";
/** Where each module's record is, one file per module (see above). */
export const MODULES_DIR = ".pyscaffold/modules";
const MODULE_NAME = /^[a-z][a-z0-9_]*$/;

/** The path of a module's record. */
export function moduleRecordPath(name: string): string {
  return `${MODULES_DIR}/${name}.json`;
}

/** Whether `path` is one of pyscaffold's records: the answers file or a module's record. */
export function isRecordPath(path: string): boolean {
  return path === ANSWERS_FILE ||
    (path.startsWith(`${MODULES_DIR}/`) && path.endsWith(".json") &&
      !path.slice(MODULES_DIR.length + 1).includes("/"));
}

export interface ModuleRecord {
  fields: FieldSpec[];
  /**
   * Its access policy (issue 14). Absent in files written before the choice existed: owner
   * with auth (what those versions generated), public without.
   */
  access?: AccessPolicy;
  /** path → sha256 of the content pyscaffold wrote. */
  files: Record<string, string>;
  /** The Alembic revision that created the table (absent: the project's initial revision). */
  migration?: string;
}

export interface AnswersFile {
  pyscaffold: string;
  /** The width of the project's ids; absent: made before 64-bit ids, so 32-bit (src/choices/ids.ts). */
  ids?: IdWidth;
  answers: SavedAnswers;
  /** The module records of a project made by 0.12.4 or earlier (see above). */
  modules?: Record<string, ModuleRecord>;
}

/** The answers file of a new project. */
export function answersFileContent(spec: ProjectSpec): string {
  const file: AnswersFile = { pyscaffold: VERSION, ids: spec.ids, answers: answersOf(spec) };
  return JSON.stringify(file, null, 2) + "\n";
}

/**
 * The order a record writes a field's properties in, whichever path built the field: `new`'s
 * default module, `--field` specs, the field wizard, a record read back. Without it the same
 * module was written in two orders, and `update` rewrote a record that had not changed.
 */
const FIELD_KEYS = [
  "name",
  "type",
  "length",
  "precision",
  "scale",
  "choices",
  "ref",
  "required",
  "unique",
  "index",
  "default",
] as const satisfies readonly (keyof FieldSpec)[];

// Every property of FieldSpec is in FIELD_KEYS (this fails to compile otherwise): a field
// written without one would lose it.
const _everyFieldKey: Record<Exclude<keyof FieldSpec, typeof FIELD_KEYS[number]>, never> = {};

function recordedField(field: FieldSpec): Partial<FieldSpec> {
  // Absent properties stay absent: JSON.stringify leaves out undefined values.
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, field[key]]));
}

/**
 * A module's record file, as written: its keys in the order of {@link ModuleRecord}, each
 * field's in the order of FIELD_KEYS.
 */
export function moduleRecordContent(record: ModuleRecord): string {
  const { fields, access, files, migration } = record;
  return JSON.stringify(
    {
      fields: fields.map(recordedField),
      ...(access ? { access } : {}),
      files,
      ...(migration !== undefined ? { migration } : {}),
    },
    null,
    2,
  ) + "\n";
}

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
    throw jsonError(text, source, error as Error);
  }
  if (isRecord(data) && "answers" in data) data = data.answers;
  if (!isRecord(data)) {
    throw new UserError(`${source} must contain a JSON object of answers.`, {
      hint: 'For example: {"framework": "flask", "auth": true}',
    });
  }
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!Object.hasOwn(ANSWER_TYPES, key)) {
      const near = closest(key, Object.keys(ANSWER_TYPES));
      throw new UserError(
        `${source}: unknown key "${printable(key)}"${near ? ` (did you mean "${near}"?)` : ""}.`,
        { hint: `Known keys: ${Object.keys(ANSWER_TYPES).join(", ")}.` },
      );
    }
    const expected = ANSWER_TYPES[key as keyof ProjectAnswers];
    const actual: string = typeof value;
    if (actual !== expected) {
      throw new UserError(
        `${source}: "${key}" must be a ${expected}, not ${shownValue(value)}.`,
      );
    }
    answers[key] = value;
  }
  return pickAnswers(answers);
}

/**
 * The first module's access policy as an answers file records it (`modules.<module>.access`: a
 * `.pyscaffold.json` or a `--save-answers` file), or undefined (none, or `public`: a project
 * without auth). A value that is no policy is an error naming the file and the key.
 */
export function firstModuleAccess(
  text: string,
  answers: ProjectAnswers,
  source: string,
): AccessPolicy | undefined {
  const data: unknown = JSON.parse(text); // parseAnswers has read it already
  let modules = isRecord(data) && isRecord(data.modules) ? data.modules : undefined;
  const name = answers.module ??
    (modules && Object.keys(modules).length === 1 ? Object.keys(modules)[0] : undefined);
  let where = `${source}: "modules.${printable(name ?? "")}.access"`;
  const project = resolve(source);
  if (
    modules === undefined && name !== undefined && MODULE_NAME.test(name) &&
    project.endsWith(`/${ANSWERS_FILE}`)
  ) {
    // A project's answers file (0.13.0 and later): the module's record is beside it.
    const path = join(parentOf(project) ?? "/", ...moduleRecordPath(name).split("/"));
    let beside: string | undefined;
    where = `${path}: "access"`;
    try {
      beside = Deno.readTextFileSync(path);
    } catch {
      // no record there: no policy to carry
    }
    if (beside !== undefined) {
      try {
        modules = { [name]: JSON.parse(beside) };
      } catch (error) {
        throw jsonError(beside, path, error as Error);
      }
    }
  }
  const record = modules && name !== undefined ? modules[name] : undefined;
  if (!isRecord(record) || record.access === undefined) return undefined;
  const access = record.access;
  if (access === "public") return undefined; // a project without auth: no policy to carry
  if (typeof access !== "string" || !(ACCESS_POLICIES as readonly string[]).includes(access)) {
    throw new UserError(
      `${where} is ${shownValue(access)}, not an access policy.`,
      { hint: `One of: ${ACCESS_POLICIES.join(", ")}.` },
    );
  }
  return access as AccessPolicy;
}

/** A value for an error message: a string in quotes (escaped inside), anything else as JSON. */
function shownValue(value: unknown): string {
  return typeof value === "string"
    ? `the string "${printable(value)}"`
    : printable(JSON.stringify(value) ?? String(value));
}

const GIT_CONFLICT_START = /^<{7}(?: |$)/m;
const GIT_CONFLICT_END = /^>{7}(?: |$)/m;

/**
 * The error for one of pyscaffold's records (the answers file, a module's record, the base
 * store) that a git merge left with conflict markers, or undefined when `text` has none. Two
 * branches conflict there only when both rewrote the record, that is both ran `update` (`add`
 * and `remove` write files of their own): their generated files conflict too, and redoing one
 * branch's update on top of the other's is the way out (lesson 18).
 */
export function unmergedError(text: string, where: string): UserError | undefined {
  if (!GIT_CONFLICT_START.test(text) || !GIT_CONFLICT_END.test(text)) return undefined;
  return new UserError(`${where} holds git's conflict markers: a merge left it unresolved.`, {
    hint: "Both branches ran `pyscaffold update`, and its records are not merged line by " +
      "line: abort the merge (git merge --abort), revert one branch's update commit " +
      "(git revert), merge, then run that branch's `pyscaffold update --set ...` again.",
  });
}

/**
 * A JSON syntax error with its line and column, the line itself and a caret.
 * The parser does not always say where (`Unexpected token 'x', "<the input>"
 * ...`), so the place is found as the shortest prefix that can no longer
 * become valid JSON; answers files are small.
 */
function jsonError(text: string, source: string, error: Error): UserError {
  const unmerged = unmergedError(text, source);
  if (unmerged) return unmerged;
  const reason = (message: string) =>
    message.replace(/, (\.\.\.)?"[\s\S]*$/, "").replace(/ in JSON at position \d+[\s\S]*$/, "");
  let at = text.length;
  let why = printable(reason(error.message));
  for (let end = 1; end <= text.length; end++) {
    try {
      JSON.parse(text.slice(0, end));
    } catch (e) {
      const message = (e as Error).message;
      if (/Unexpected end of JSON input/.test(message)) continue;
      const position = /at position (\d+)/.exec(message);
      if (position && Number(position[1]) >= end) continue; // the prefix is only unfinished
      at = position ? Number(position[1]) : end - 1;
      why = printable(reason(message));
      break;
    }
  }
  // A bare word (`tru`, `yes`): point at its start and name it.
  let start = at;
  while (start > 0 && /[A-Za-z_]/.test(text[start - 1])) start--;
  const word = /^[A-Za-z_]*/.exec(text.slice(start))![0];
  if (word !== "") {
    why = `${printable(word)} is not a JSON value (true, false, null, a number, "text")`;
    at = start;
  }
  const before = text.slice(0, at).split("\n");
  const line = before.length;
  const column = [...before.at(-1)!].length + 1;
  // The line as it is around the place, marked with ▶ (one line: no control character,
  // nothing that reorders text, reaches the terminal).
  const chars = [...(text.split("\n")[line - 1] ?? "")];
  const from = Math.max(0, column - 41);
  const shown = (from > 0 ? "…" : "") + chars.slice(from, column - 1).join("") + "▶" +
    chars.slice(column - 1, column + 39).join("") + (chars.length > column + 39 ? "…" : "");
  // deno-lint-ignore no-control-regex
  const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/g;
  return new UserError(`${source}:${line}:${column}: not valid JSON: ${why}.`, {
    hint: `line ${line}: ${shown.replace(unsafe, "?")}`,
  });
}

/** The known word nearest to `word` (at most two edits away), for "did you mean". */
function closest(word: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(
          row[j] + 1,
          next[j - 1] + 1,
          row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      row = next;
    }
    return row[b.length];
  };
  const scored = known.map((k) => ({ k, d: distance(word.toLowerCase(), k) }))
    .sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].k : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A generated project as `add` and `remove` see it. */
export interface ProjectState {
  /** Absolute path of the directory holding the answers file. */
  root: string;
  /** The answers file as read (unknown keys are kept when it is rewritten). */
  file: AnswersFile & Record<string, unknown>;
  project: ModuleProject;
  /**
   * Every module by name, in name order: those of `.pyscaffold/modules/`, each read when first
   * used (readProject), and those an answers file of 0.12.4 or earlier records.
   */
  modules: Record<string, ModuleRecord>;
}

/** The nearest directory from `start` upwards that holds an answers file. */
export async function findProjectRoot(start: string): Promise<string> {
  let dir = resolve(start);
  for (;;) {
    try {
      const info = await Deno.stat(join(dir, ANSWERS_FILE));
      if (info.isFile) return dir;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
        throw error;
      }
    }
    const parent = parentOf(dir);
    if (parent === undefined) {
      throw new UserError(
        `No pyscaffold project here: no ${ANSWERS_FILE} in ${
          resolve(start)
        } or any parent directory.`,
        { hint: "Run this inside a project made by `pyscaffold new`." },
      );
    }
    dir = parent;
  }
}

/** Finds and reads the project around `start`. */
export async function readProject(start: string): Promise<ProjectState> {
  const root = await findProjectRoot(start);
  const source = join(root, ANSWERS_FILE);
  const text = await Deno.readTextFile(source);
  const state = parseAnswersFile(text, source);
  const modules = withModuleRecords(root, state.modules, state.project.database);
  return { root, ...state, modules };
}

/**
 * Parses and validates a whole answers file. Everything in it is checked as
 * if the user had typed it — the choices, every field, every path — because
 * `remove` deletes the paths it lists.
 */
export function parseAnswersFile(
  text: string,
  source: string,
): Omit<ProjectState, "root"> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw jsonError(text, source, error as Error);
  }
  if (!isRecord(data) || !isRecord(data.answers)) {
    throw new UserError(`${source} is not a pyscaffold answers file (no "answers" object).`);
  }
  // `add` and `update` compare it with their own version.
  if (typeof data.pyscaffold !== "string" || !VERSION_PATTERN.test(data.pyscaffold)) {
    throw new UserError(
      `${source}: "pyscaffold" is ${
        shownValue(data.pyscaffold)
      }; it must be the version that made the project, like "${VERSION}".`,
      { hint: "Restore the file from version control (git checkout -- .pyscaffold.json)." },
    );
  }
  const answers = parseAnswers(JSON.stringify(data.answers), source);
  const spec = { ...resolveProjectSpec(answers), ids: recordedIds(data.ids, source) };
  const { module: _first, ...project } = spec;
  const modules: Record<string, ModuleRecord> = {};
  const rawModules = data.modules ?? {};
  if (!isRecord(rawModules)) throw new UserError(`${source}: "modules" must be an object.`);
  for (const [name, raw] of Object.entries(rawModules)) {
    const where = `${source}: module "${name}"`;
    if (!MODULE_NAME.test(name)) throw new UserError(`${where} is not a module name.`);
    modules[name] = parseModuleRecord(raw, where, spec.database);
  }
  return { file: data as AnswersFile & Record<string, unknown>, project, modules };
}

/** The width of ids an answers file records (none: a project made before 64-bit ids). */
function recordedIds(value: unknown, source: string): IdWidth {
  if (value === undefined) return UNRECORDED_IDS;
  if (typeof value === "string" && (ID_WIDTHS as readonly string[]).includes(value)) {
    return value as IdWidth;
  }
  throw new UserError(
    `${source}: "ids" is ${shownValue(value)}; it must be one of ${ID_WIDTHS.join(", ")}.`,
    {
      hint: "It records the width the project's tables were made with: restore the file from " +
        "version control (git checkout -- .pyscaffold.json).",
    },
  );
}

/**
 * One module's record, checked as if the user had typed it: every field, the policy, every
 * path (`remove` deletes them) and hash. `where` names it in errors.
 */
function parseModuleRecord(
  raw: unknown,
  where: string,
  database: ProjectSpec["database"],
): ModuleRecord {
  if (!isRecord(raw) || !Array.isArray(raw.fields) || !isRecord(raw.files)) {
    throw new UserError(`${where} needs "fields" (a list) and "files" (an object).`);
  }
  const fields = raw.fields.map((f: unknown) => {
    if (!isRecord(f) || typeof f.name !== "string" || typeof f.type !== "string") {
      throw new UserError(`${where} has a field that is not {"name", "type", ...}.`);
    }
    // Re-parsing the field's text validates every property.
    try {
      return parseField(fieldText(f as unknown as FieldSpec), database);
    } catch (error) {
      throw new UserError(`${where}: ${(error as Error).message}`);
    }
  });
  const files: Record<string, string> = {};
  for (const [path, hash] of Object.entries(raw.files)) {
    if (safeRelativePath(path) === undefined) {
      throw new UserError(`${where} lists a path outside the project: "${path}".`);
    }
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new UserError(`${where}: the hash of ${path} is not a sha256.`);
    }
    files[path] = hash;
  }
  let access: AccessPolicy | undefined;
  if (raw.access !== undefined) {
    // Without auth a recorded policy is not used (every module is public), but it must be one.
    const allowed: readonly string[] = ["public", ...ACCESS_POLICIES];
    if (typeof raw.access !== "string" || !allowed.includes(raw.access)) {
      throw new UserError(
        `${where}: "access" is ${shownValue(raw.access)}; ` +
          `it must be one of ${allowed.join(", ")}.`,
      );
    }
    access = raw.access as AccessPolicy;
  }
  const record: ModuleRecord = { fields, ...(access ? { access } : {}), files };
  if (raw.migration !== undefined) {
    if (typeof raw.migration !== "string" || safeRelativePath(raw.migration) === undefined) {
      throw new UserError(`${where}: "migration" is not a path inside the project.`);
    }
    record.migration = raw.migration;
  }
  return record;
}

/**
 * The modules recorded in `.pyscaffold/modules/` of the project at `root`, added to those of
 * the answers file (`legacy`, a project of 0.12.4 or earlier). The directory is listed now;
 * each record is read and checked when first used, so that `add`, which needs only the names
 * and the records its references point to, costs the same in a project of any size. A record
 * that is damaged is an error naming its file, as the answers file's are.
 */
function withModuleRecords(
  root: string,
  legacy: Record<string, ModuleRecord>,
  database: ProjectSpec["database"],
): Record<string, ModuleRecord> {
  let names: string[] = [];
  try {
    names = [...Deno.readDirSync(join(root, ...MODULES_DIR.split("/")))]
      .filter((entry) => entry.name.endsWith(".json"))
      .map((entry) => entry.name.slice(0, -".json".length));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const modules: Record<string, ModuleRecord> = {};
  const recorded = new Set(names);
  for (const name of [...new Set([...Object.keys(legacy), ...names])].sort()) {
    if (!recorded.has(name)) {
      modules[name] = legacy[name];
      continue;
    }
    const path = moduleRecordPath(name);
    if (!MODULE_NAME.test(name)) {
      throw new UserError(`${path}: "${printable(name)}" is not a module name.`, {
        hint: `Only module records belong in ${MODULES_DIR}/: move this file away.`,
      });
    }
    if (Object.hasOwn(legacy, name)) {
      throw new UserError(
        `Module "${name}" is recorded twice: in ${ANSWERS_FILE} and in ${path}.`,
        {
          hint: "Keep the record that matches the module's files, and delete the other one.",
        },
      );
    }
    let record: ModuleRecord | undefined;
    Object.defineProperty(modules, name, {
      enumerable: true,
      configurable: true,
      get: () => record ??= readModuleRecord(root, path, database),
    });
  }
  return modules;
}

function readModuleRecord(
  root: string,
  path: string,
  database: ProjectSpec["database"],
): ModuleRecord {
  const source = join(root, ...path.split("/"));
  let text: string;
  try {
    text = Deno.readTextFileSync(source);
  } catch (error) {
    throw new UserError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw jsonError(text, path, error as Error);
  }
  return parseModuleRecord(data, path, database);
}

/**
 * The answers file of a project of 0.12.4 or earlier with its "modules" changed (`remove` of a
 * module it records); every other key is kept as it was.
 */
export function answersFileWithModules(
  file: AnswersFile & Record<string, unknown>,
  modules: Record<string, ModuleRecord>,
): string {
  const sorted = Object.fromEntries(
    Object.keys(modules).sort().map((name) => [name, modules[name]]),
  );
  return JSON.stringify({ ...file, modules: sorted }, null, 2) + "\n";
}
