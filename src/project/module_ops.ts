/**
 * What `pyscaffold add` and `pyscaffold remove` would change in a project,
 * computed before anything is written: the files (rendered by the same code
 * `new` uses for the first module), the Alembic revision chained onto the
 * current head, and the new module manifest of the answers file.
 */
import { join } from "node:path";
import { createHash } from "node:crypto";
import { UserError } from "../errors.ts";
import { buildModuleFiles, moduleContext, type PlannedFile } from "../plan/mod.ts";
import { plannedFile } from "../plan/_types.ts";
import { render } from "../render/mod.ts";
import type { FieldSpec, ModuleSpec } from "../choices/module_spec.ts";
import { moduleNames, parseModuleName } from "../choices/module_names.ts";
import { parseFields } from "../choices/fields.ts";
import { words } from "../choices/names.ts";
import { answersFileWithModules, type ModuleRecord, type ProjectState } from "./answers_file.ts";
import { headRevision, nextRevisionId, readRevisions, VERSIONS_DIR } from "./migrations.ts";

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** A file `add` would create that is already there. */
export interface Conflict {
  path: string;
  current: string;
  planned: string;
}

export interface AddPlan {
  module: ModuleSpec;
  /** The module's files followed by its migration. */
  files: PlannedFile[];
  migration: PlannedFile;
  conflicts: Conflict[];
  /** New content of the answers file. */
  answers: string;
}

export interface RemovePlan {
  module: string;
  /** Unchanged files (and, with force, changed ones) that will be deleted. */
  deletes: string[];
  /** Files the user changed; kept unless force. */
  changed: string[];
  /** Files already gone. */
  missing: string[];
  migration: PlannedFile;
  answers: string;
  /** Directories emptied by the removal. */
  prune: string[];
}

/** Finds the module a name refers to: by module name, or by its table or class. */
export function findModule(
  modules: Record<string, ModuleRecord>,
  raw: string,
): string | undefined {
  const wanted = words(raw).join("_");
  if (wanted === "") return undefined;
  if (Object.hasOwn(modules, wanted)) return wanted;
  const names = moduleNames(wanted);
  return Object.keys(modules).find((m) => {
    const other = moduleNames(m);
    return other.table === names.table || other.className === names.className;
  });
}

/** Tables of the project itself that fields may reference: the users of auth. */
export function builtinRefs(project: { auth: boolean }): string[] {
  return project.auth ? ["users"] : [];
}

/** Points every reference at an existing module (or a built-in table); anything else is an error. */
export function resolveRefs(
  module: string,
  fields: FieldSpec[],
  modules: Record<string, ModuleRecord>,
  builtins: readonly string[] = [],
): FieldSpec[] {
  return fields.map((f) => {
    if (f.type !== "ref") return f;
    const names = moduleNames(f.ref!);
    if (names.table === moduleNames(module).table) {
      throw new UserError(`Field "${f.name}" references the module being added (${module}).`, {
        hint: "Self-references are not supported yet; add the field by hand after `add`.",
      });
    }
    const target = findModule(modules, f.ref!) ??
      builtins.find((table) => moduleNames(table).table === names.table);
    if (target === undefined) {
      const known = Object.keys(modules).sort();
      throw new UserError(
        `Field "${f.name}" references "${f.ref}", which is not a module of this project` +
          (known.length ? ` (modules: ${known.join(", ")}).` : "."),
        { hint: `Add it first: pyscaffold add ${f.ref} --field name:str(120)` },
      );
    }
    return { ...f, ref: target };
  });
}

function migrationFile(
  state: ProjectState,
  module: ModuleSpec,
  kind: "create" | "drop",
  id: string,
  down: string | undefined,
): PlannedFile {
  const table = moduleNames(module.name).table;
  const path = `${VERSIONS_DIR}/${id}_${kind}_${table}.py`;
  const template = `module/migrations/${kind}.py.eta`;
  const content = render(template, {
    ...moduleContext(state.project, module),
    revision: { id, down: down ?? null },
  });
  return plannedFile(
    {
      path,
      template,
      origin: "module",
      why: kind === "create"
        ? `creates the ${table} table (Alembic revision ${id})`
        : `drops the ${table} table (Alembic revision ${id})`,
      lesson: "migrations",
    },
    path,
    template,
    content,
  );
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    const info = await Deno.lstat(path);
    if (!info.isFile) return `(${info.isDirectory ? "a directory" : "not a regular file"})`;
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Plans `pyscaffold add`: validates the name and fields, renders every file, finds conflicts. */
export async function planAdd(
  state: ProjectState,
  rawName: string,
  rawFields: readonly string[],
): Promise<AddPlan> {
  const database = state.project.database;
  const name = parseModuleName(rawName, database);
  const existing = findModule(state.modules, name);
  if (existing !== undefined) {
    throw new UserError(
      existing === name
        ? `Module "${name}" already exists.`
        : `Module "${name}" would use the table or class of the existing module "${existing}".`,
      { hint: `Choose another name, or remove it first: pyscaffold remove ${existing}` },
    );
  }
  if (rawFields.length === 0) {
    throw new UserError("A module needs at least one field.", {
      hint: `pyscaffold add ${name} --field title:str(120):required`,
    });
  }
  const fields = resolveRefs(
    name,
    parseFields(rawFields, database),
    state.modules,
    builtinRefs(state.project),
  );
  const module: ModuleSpec = { name, fields };
  const revisions = await readRevisions(state.root);
  const migration = migrationFile(
    state,
    module,
    "create",
    nextRevisionId(revisions),
    headRevision(revisions),
  );
  const moduleFiles = buildModuleFiles(state.project, module);
  const files = [...moduleFiles, migration];
  const conflicts: Conflict[] = [];
  for (const file of files) {
    const current = await readIfExists(join(state.root, ...file.path.split("/")));
    if (current !== undefined) conflicts.push({ path: file.path, current, planned: file.content });
  }
  const modules: Record<string, ModuleRecord> = {
    ...state.modules,
    [name]: {
      fields,
      files: Object.fromEntries(moduleFiles.map((f) => [f.path, sha256(f.content)])),
      migration: migration.path,
    },
  };
  return {
    module,
    files,
    migration,
    conflicts,
    answers: answersFileWithModules(state.file, modules),
  };
}

/** Directories that hold other modules' files too and are never removed. */
const SHARED_DIRS = new Set(["src", "src/models", "tests", "migrations", "migrations/versions"]);

/** Plans `pyscaffold remove`: which files are unchanged, changed or gone, and the drop revision. */
export async function planRemove(
  state: ProjectState,
  rawName: string,
  force: boolean,
): Promise<RemovePlan> {
  const name = findModule(state.modules, rawName);
  if (name === undefined) {
    const known = Object.keys(state.modules).sort();
    throw new UserError(`No module "${rawName}" in this project.`, {
      hint: known.length ? `Its modules: ${known.join(", ")}.` : "It has no modules.",
    });
  }
  const users = Object.entries(state.modules)
    .filter(([other, r]) => other !== name && r.fields.some((f) => f.ref === name))
    .map(([other]) => other);
  if (users.length > 0) {
    throw new UserError(
      `Module "${name}" is referenced by ${users.join(", ")}; its table cannot be dropped.`,
      { hint: `Remove ${users.join(", ")} first.` },
    );
  }
  const record = state.modules[name];
  const deletes: string[] = [];
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, hash] of Object.entries(record.files).sort()) {
    const current = await readIfExists(join(state.root, ...path.split("/")));
    if (current === undefined) missing.push(path);
    else if (sha256(current) === hash) deletes.push(path);
    else {
      changed.push(path);
      if (force) deletes.push(path);
    }
  }
  const revisions = await readRevisions(state.root);
  const migration = migrationFile(
    state,
    { name, fields: record.fields },
    "drop",
    nextRevisionId(revisions),
    headRevision(revisions),
  );
  const modules = { ...state.modules };
  delete modules[name];
  const prune = [...new Set(deletes.map((p) => p.split("/").slice(0, -1).join("/")))]
    .filter((d) => d !== "" && !SHARED_DIRS.has(d))
    .sort((a, b) => b.length - a.length);
  return {
    module: name,
    deletes,
    changed,
    missing,
    migration,
    answers: answersFileWithModules(state.file, modules),
    prune,
  };
}
