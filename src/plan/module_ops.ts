/**
 * The Plans of `pyscaffold add` and `pyscaffold remove`, computed before
 * anything is written: the module's files (rendered by the same code `new`
 * uses for the first module) to create or delete, the Alembic revision chained
 * onto the current head, the module's record (created or deleted), and the
 * conflicts with what is on disk. src/write applies them like any Plan.
 */
import { join } from "../path.ts";
import { UserError } from "../errors.ts";
import {
  buildFieldsFile,
  buildMigrationFile,
  buildModuleFiles,
  buildRenameFile,
} from "./module_plan.ts";
import {
  byPath,
  type Conflict,
  type Plan,
  type PlannedDeletion,
  type PlannedFile,
} from "./_types.ts";
import { plannedAnswersFile, plannedModuleRecord } from "./answers_plan.ts";
import { asLf, fileHashes, sha256, usesCrlf } from "./content_hash.ts";
import { changedStore } from "./store_plan.ts";
import { hasConflictMarkers, threeWay } from "./three_way.ts";
import { mergedFile } from "./_merged_file.ts";
import { MODULE_FILES } from "./module_files.ts";
import { brokenImports } from "./_python_imports.ts";
import {
  type AccessPolicy,
  defaultAccess,
  fieldColumn,
  type FieldSpec,
  fieldText,
  type ModuleSpec,
  OWNER_FIELD,
} from "../choices/module_spec.ts";
import { parseAccess } from "../choices/features/module.ts";
import { moduleNameProblem, moduleNames, parseModuleName } from "../choices/module_names.ts";
import { exampleDefault, parseFields } from "../choices/fields.ts";
import { printable, words } from "../choices/names.ts";
import {
  answersFileWithModules,
  type ModuleRecord,
  moduleRecordPath,
  type ProjectState,
} from "../project/answers_file.ts";
import { nextRevision, readRevisions } from "../project/migrations.ts";

/** What `add` or `remove` would do to a project: its Plan, and the module it is about. */
export interface ModulePlan {
  module: ModuleSpec;
  /** `add` of a module that exists: the fields it gains (the others it had already). */
  added?: FieldSpec[];
  /** `remove <module> --field ...`: the fields it loses. */
  dropped?: FieldSpec[];
  /** `rename <module> --field old=new`: each field as it was, and as it is named now. */
  renamed?: (readonly [FieldSpec, FieldSpec])[];
  /** The Alembic revision the plan creates (also in `plan.files`). */
  migration: PlannedFile;
  /**
   * The module's files as this version renders them now, before any merge with yours (`add`,
   * `remove --field`, `rename`): pyscaffold's own lines, as `oldNameUses` tells them from yours.
   */
  generated?: ReadonlyMap<string, string>;
  /**
   * The files whose edits of yours the plan merges with (`action: "merge"`, conflict markers
   * included), with what is on disk (as LF text): the diffs shown before asking. Empty for a
   * plan that merges nothing (a new module, a removal).
   */
  merges: { path: string; ours: string }[];
  plan: Plan;
}

export interface RemovePlan extends ModulePlan {
  /** `__init__.py` files kept, unchanged, because their package keeps a changed file. */
  keptPackages: string[];
  /** Files of the module that are already gone: nothing to delete. */
  missing: string[];
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

/**
 * The recorded module a name denotes exactly (`Items` or `items`: items), or undefined: a new
 * module, or a name that only shares a table or class with one (which `findModule` finds).
 * `add` of such a module adds fields to it.
 */
export function recordedName(
  modules: Record<string, ModuleRecord>,
  raw: string,
): string | undefined {
  const name = words(raw).join("_");
  return Object.hasOwn(modules, name) ? name : undefined;
}

const USERS_TABLE = "users";

/** Tables of the project itself that fields may reference: the users of auth. */
export function builtinRefs(project: { auth: boolean }): string[] {
  return project.auth ? [USERS_TABLE] : [];
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
      // `users` is the table of authentication, a name no module may take: the way to it is auth.
      const users = names.table === USERS_TABLE && !builtins.includes(USERS_TABLE);
      throw new UserError(
        `Field "${f.name}" references "${f.ref}", which is not a module of this project` +
          (known.length ? ` (modules: ${known.join(", ")}).` : "."),
        {
          hint: users
            ? "The users table comes with authentication: pyscaffold update --set auth=true"
            : `Add it first: pyscaffold add ${f.ref} --field 'name:str(120)'`,
        },
      );
    }
    return { ...f, ref: target };
  });
}

/** A recorded module's policy: as recorded, or (an older answers file) the default. */
export function recordedAccess(record: ModuleRecord, project: { auth: boolean }): AccessPolicy {
  return project.auth ? record.access ?? defaultAccess(true) : "public";
}

/**
 * The references of an owner-scoped module to other owner-scoped modules: their rows must
 * belong to the same owner. Empty under any other policy.
 */
export function ownedRefs(
  access: AccessPolicy,
  fields: readonly FieldSpec[],
  modules: Record<string, ModuleRecord>,
  project: { auth: boolean },
): string[] {
  if (access !== "owner") return [];
  return [
    ...new Set(
      fields.flatMap((f) =>
        f.type === "ref" && Object.hasOwn(modules, f.ref!) &&
          recordedAccess(modules[f.ref!], project) === "owner"
          ? [f.ref!]
          : []
      ),
    ),
  ].sort();
}

/** The ModuleSpec a recorded module was generated from. */
export function recordedModule(
  name: string,
  modules: Record<string, ModuleRecord>,
  project: { auth: boolean },
): ModuleSpec {
  const record = modules[name];
  const access = recordedAccess(record, project);
  const refs = ownedRefs(access, record.fields, modules, project);
  return { name, fields: record.fields, access, ...(refs.length ? { ownedRefs: refs } : {}) };
}

function nextMigration(
  state: ProjectState,
  module: ModuleSpec,
  kind: "create" | "drop",
): PlannedFile {
  const what = `${kind}_${moduleNames(module.name).table}`;
  return buildMigrationFile(
    state.project,
    module,
    kind,
    nextRevision(readRevisions(state.root), what),
  );
}

/** A change plan for the project in `state`, its files and deletions sorted by path. */
function changePlan(
  state: ProjectState,
  module: ModuleSpec,
  changes: Pick<Plan, "files" | "deletes" | "conflicts" | "prune">,
): Plan {
  return {
    root: state.project.name,
    spec: { ...state.project, module },
    target: "existing",
    files: [...changes.files].sort(byPath),
    deletes: [...changes.deletes].sort(byPath),
    conflicts: changes.conflicts,
    prune: changes.prune,
  };
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

/**
 * Plans `pyscaffold add`: validates the name and fields, renders every file,
 * and finds the files already on disk where a file would be created. With
 * `force` those are replaced; without, they stay conflicts the command refuses.
 */
export async function planAdd(
  state: ProjectState,
  rawName: string,
  rawFields: readonly string[],
  force = false,
  rawAccess?: string,
): Promise<ModulePlan> {
  const database = state.project.database;
  // Checked first: a policy the project cannot have is refused whatever else is wrong.
  const access = parseAccess(rawAccess, state.project.auth);
  const name = parseModuleName(rawName, database);
  const existing = findModule(state.modules, name);
  if (existing === name) return await planExtend(state, name, rawFields, force);
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
      hint: `pyscaffold add ${name} --field 'title:str(120):required'`,
    });
  }
  const fields = resolveRefs(
    name,
    parseFields(rawFields, database),
    state.modules,
    builtinRefs(state.project),
  );
  const ownerColumn = fieldColumn(OWNER_FIELD);
  const taken = access === "owner" ? fields.find((f) => fieldColumn(f) === ownerColumn) : undefined;
  if (taken !== undefined) {
    throw new UserError(
      `Field "${taken.name}" would be the column ${ownerColumn}, which the owner policy already ` +
        "gives every row of the module (the user who created it).",
      {
        hint: "Rename the field (e.g. assignee:ref:users), or choose another policy with " +
          "--access (the owner policy is the default with auth).",
      },
    );
  }
  const refs = ownedRefs(access, fields, state.modules, state.project);
  const module: ModuleSpec = { name, fields, access, ...(refs.length ? { ownedRefs: refs } : {}) };
  // A module of the user's own (src/<name>.py) would be shadowed by the package src/<name>/.
  const own = `src/${name}.py`;
  if (await readIfExists(join(state.root, ...own.split("/"))) !== undefined) {
    throw new UserError(
      `${own} exists: the module's package src/${name}/ would shadow it, and imports of it ` +
        "would find the package instead. Nothing was written.",
      { hint: `Choose another module name, or rename ${own}.` },
    );
  }
  const migration = nextMigration(state, module, "create");
  const moduleFiles = buildModuleFiles(state.project, module);
  const files: PlannedFile[] = [];
  const conflicts: Conflict[] = [];
  for (const file of [...moduleFiles, migration]) {
    const current = await readIfExists(join(state.root, ...file.path.split("/")));
    if (current === undefined) {
      files.push(file);
      continue;
    }
    conflicts.push({ path: file.path, kind: "exists", current, planned: file.content });
    files.push(force ? { ...file, action: "replace" } : file);
  }
  const record: ModuleRecord = {
    fields,
    access,
    files: await fileHashes(moduleFiles),
    migration: migration.path,
  };
  return await recorded(state, module, record, "create", {
    moduleFiles,
    files,
    conflicts,
    migration,
  });
}

/**
 * The end of `add`, of a new module or of one that gains fields: the base store records the
 * module's files as rendered, and the module's record is written (its own file: `add` neither
 * reads nor rewrites the other modules' records, and two branches that each add a module merge
 * without a conflict).
 */
async function recorded(
  state: ProjectState,
  module: ModuleSpec,
  record: ModuleRecord,
  action: "create" | "replace",
  parts: {
    moduleFiles: PlannedFile[];
    files: PlannedFile[];
    conflicts: Conflict[];
    merges?: ModulePlan["merges"];
    migration: PlannedFile;
    added?: FieldSpec[];
    dropped?: FieldSpec[];
    renamed?: (readonly [FieldSpec, FieldSpec])[];
  },
): Promise<ModulePlan> {
  const { moduleFiles, files, conflicts, merges, migration, added, dropped, renamed } = parts;
  const store = await changedStore(state.root, moduleFiles);
  if (store) files.push(store);
  files.push(plannedModuleRecord(module.name, record, action));
  return {
    module,
    ...(added ? { added } : {}),
    ...(dropped ? { dropped } : {}),
    ...(renamed ? { renamed } : {}),
    merges: merges ?? [],
    migration,
    generated: new Map(moduleFiles.map((f) => [f.path, f.content])),
    plan: changePlan(state, module, { files, deletes: [], conflicts, prune: [] }),
  };
}

/**
 * Plans `pyscaffold add <module> --field ...` for a module that exists (`planFields`): the fields
 * are optional, or required with a default, which the rows the table holds get; a reference
 * comes with its foreign key, unless it would close a cycle of references.
 */
async function planExtend(
  state: ProjectState,
  name: string,
  rawFields: readonly string[],
  force: boolean,
): Promise<ModulePlan> {
  const hint = (text: string) => ({ hint: text });
  if (rawFields.length === 0) {
    throw new UserError(`Module "${name}" already exists.`, {
      hint:
        `Add fields to it with --field (pyscaffold add ${name} --field 'note:str(200):optional'), ` +
        `or remove it first: pyscaffold remove ${name}`,
    });
  }
  const database = state.project.database;
  const before = recordedModule(name, state.modules, state.project);
  const added = resolveRefs(
    name,
    parseFields(rawFields, database),
    state.modules,
    builtinRefs(state.project),
  );
  const taken = new Map(before.fields.map((f) => [fieldColumn(f), f.name]));
  if (before.access === "owner") taken.set(fieldColumn(OWNER_FIELD), "the owner policy's owner");
  for (const f of added) {
    const other = taken.get(fieldColumn(f));
    if (other !== undefined) {
      throw new UserError(
        `Module "${name}" already has the column ${
          fieldColumn(f)
        } (${other}); nothing was written.`,
        hint("Name the new field otherwise."),
      );
    }
    if (f.required && f.default === undefined) {
      const example = exampleDefault(f);
      const optional = `add it as optional (--field '${fieldText({ ...f, required: false })}')`;
      const ways = example === undefined ? optional : `give it a default, which the rows there ` +
        `get (--field '${fieldText({ ...f, default: example })}'), or ${optional}`;
      throw new UserError(
        `Field "${f.name}" is required, and the rows ${name} already holds would have no value ` +
          "for it; nothing was written.",
        hint(`Either ${ways}.`),
      );
    }
  }
  // A reference back to a module that (through others) references this one would make a cycle:
  // no order of the tables could then be deleted or created one after the other.
  const table = moduleNames(name).table;
  for (const f of added.filter((f) => f.type === "ref")) {
    const path = referencePath(state.modules, moduleNames(f.ref!).table, table);
    if (path !== undefined) {
      throw new UserError(
        `Field "${f.name}" would close a cycle of references (${[table, ...path].join(" → ")}); ` +
          "nothing was written.",
        hint("Reference the other way round, or keep the link in a module of its own."),
      );
    }
  }
  return await planFields(
    state,
    before,
    [...before.fields, ...added],
    { added, dropped: [] },
    force,
  );
}

/**
 * Plans `pyscaffold remove <module> --field ...`: the fields named `rawNames` (a field's name, or
 * a reference's column) leave the module. Its files are rendered again without them and merged
 * with the ones on disk, as `planExtend` does; a revision drops the columns with their indexes
 * and foreign keys. A module keeps at least one field: to go whole, it is removed.
 */
export async function planDropFields(
  state: ProjectState,
  rawName: string,
  rawNames: readonly string[],
  force: boolean,
): Promise<ModulePlan> {
  const name = knownModule(state, rawName);
  const before = recordedModule(name, state.modules, state.project);
  const dropped: FieldSpec[] = [];
  for (const raw of rawNames) {
    const field = recordedField(before, raw);
    if (!dropped.includes(field)) dropped.push(field);
  }
  const fields = before.fields.filter((f) => !dropped.includes(f));
  if (fields.length === 0) {
    throw new UserError(
      `Module "${name}" would have no field left; nothing was written.`,
      { hint: `Keep one, or remove the module whole: pyscaffold remove ${name}` },
    );
  }
  return await planFields(state, before, fields, { added: [], dropped }, force);
}

/** The field of `module` that `raw` names (its name, or a reference's column); refused if none. */
function recordedField(module: ModuleSpec, raw: string): FieldSpec {
  const field = module.fields.find((f) => f.name === raw || fieldColumn(f) === raw);
  if (field !== undefined) return field;
  throw new UserError(
    `Module "${module.name}" has no field "${printable(raw)}"; nothing was written.`,
    {
      hint: `Its fields: ${module.fields.map((f) => f.name).join(", ")}.`,
    },
  );
}

/**
 * Plans `pyscaffold rename <module> --field old=new ...`: each field named `old` (a field's name,
 * or a reference's column) takes the name `new`, under the rules of a new field's name. Its files
 * are rendered again and merged with the ones on disk, as `planExtend` does; a revision renames
 * the columns, their values kept, and makes their indexes and foreign keys again under the new
 * names.
 */
export async function planRenameFields(
  state: ProjectState,
  rawName: string,
  rawPairs: readonly string[],
  force: boolean,
): Promise<ModulePlan> {
  const name = knownModule(state, rawName);
  const before = recordedModule(name, state.modules, state.project);
  const example = `pyscaffold rename ${name} --field ${before.fields[0].name}=new_name`;
  const renames = new Map<FieldSpec, string>();
  for (const raw of rawPairs) {
    const equals = raw.indexOf("=");
    const [from, to] = [raw.slice(0, equals).trim(), raw.slice(equals + 1).trim()];
    if (equals < 0 || !from || !to) {
      throw new UserError(
        `"${printable(raw)}" is no rename: --field takes the old name, "=" and the new one.`,
        { hint: example },
      );
    }
    const field = recordedField(before, from);
    if (renames.has(field)) {
      throw new UserError(`Field "${field.name}" is renamed twice; nothing was written.`, {
        hint: "Rename each field once.",
      });
    }
    // A reference is renamed by its name: its column follows (`<name>_id`).
    const newName = field.type === "ref" && to.endsWith("_id") && from === fieldColumn(field)
      ? to.slice(0, -3)
      : to;
    if (newName === field.name) {
      throw new UserError(`Field "${field.name}" is named so already; nothing was written.`, {
        hint: example,
      });
    }
    renames.set(field, newName);
  }
  const fields = before.fields.map((f) => renames.has(f) ? { ...f, name: renames.get(f)! } : f);
  // The rules of a new field's name (snake_case, no reserved word, not an audit field),
  // said of the rename rather than of a field's text the user did not type.
  for (const [field, to] of renames) {
    const text = fieldText({ ...field, name: to });
    try {
      parseFields([text], state.project.database);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError(
        error.message.replace(
          `Invalid field "${printable(text)}"`,
          `Field "${field.name}" cannot be renamed "${printable(to)}"`,
        ),
        { hint: error.hint },
      );
    }
  }
  // A name or column another field has (after the renames), said of the rename.
  for (const [i, field] of before.fields.entries()) {
    if (!renames.has(field)) continue;
    const names = new Set([fields[i].name, fieldColumn(fields[i])]);
    const other = fields.find((f, j) =>
      j !== i && (names.has(f.name) || names.has(fieldColumn(f)))
    );
    if (other !== undefined) {
      throw new UserError(
        `Field "${field.name}" cannot be renamed "${fields[i].name}": field "${other.name}" has ` +
          "that name or column; nothing was written.",
        { hint: "Choose another name." },
      );
    }
    // The revision renames one column after the other: a name another rename frees is still
    // taken when this one runs.
    const freed = before.fields.find((f, j) =>
      j !== i && renames.has(f) && (names.has(f.name) || names.has(fieldColumn(f)))
    );
    if (freed !== undefined) {
      throw new UserError(
        `Field "${field.name}" cannot be renamed "${fields[i].name}" in the command that renames ` +
          `"${freed.name}" away from it; nothing was written.`,
        { hint: "Rename them one at a time, through a name neither has." },
      );
    }
  }
  if (before.access === "owner") {
    const owner = fields.find((f) => fieldColumn(f) === fieldColumn(OWNER_FIELD));
    if (owner) {
      throw new UserError(
        `Field "${owner.name}" would take the column ${
          fieldColumn(OWNER_FIELD)
        }, the owner policy's; nothing was written.`,
        { hint: "Choose another name." },
      );
    }
  }
  const renamed = before.fields.flatMap((f, i) => renames.has(f) ? [[f, fields[i]] as const] : []);
  return await planFields(state, before, fields, { added: [], dropped: [], renamed }, force);
}

/**
 * A recorded module whose fields become `fields` (`change`: those added, or those dropped): its
 * files rendered again and merged three ways with the files on disk (the base: this version's
 * render of the module as recorded; `add` and `remove` need a project of this version), a
 * revision that adds or drops the columns, and the record. A file whose edits and the change
 * touch the same lines is a conflict, planned as `update` plans one (`mergedFile`): with its
 * markers, which the command writes only when the user accepts them, or with `force` replaced by
 * pyscaffold's version. A file that still holds markers of an earlier change is refused.
 */
async function planFields(
  state: ProjectState,
  before: ModuleSpec,
  fields: FieldSpec[],
  change: {
    added: FieldSpec[];
    dropped: FieldSpec[];
    renamed?: (readonly [FieldSpec, FieldSpec])[];
  },
  force: boolean,
): Promise<ModulePlan> {
  const name = before.name;
  const record = state.modules[name];
  const refs = ownedRefs(before.access ?? "public", fields, state.modules, state.project);
  const { ownedRefs: _, ...rest } = before;
  const module: ModuleSpec = { ...rest, fields, ...(refs.length ? { ownedRefs: refs } : {}) };
  const added = change.added.map(fieldColumn);
  const dropped = change.dropped.map(fieldColumn);
  const renamed = (change.renamed ?? []).map(([from, to]) =>
    [fieldColumn(from), fieldColumn(to)] as const
  );
  const base = new Map(buildModuleFiles(state.project, before).map((f) => [f.path, f.content]));
  const moduleFiles = buildModuleFiles(state.project, module);
  const labels = {
    ours: "yours",
    base: `pyscaffold (${name} as it was)`,
    theirs: added.length
      ? `pyscaffold (${name} with ${added.join(", ")})`
      : renamed.length
      ? `pyscaffold (${name} with ${renamed.map(([from, to]) => `${from} as ${to}`).join(", ")})`
      : `pyscaffold (${name} without ${dropped.join(", ")})`,
  };
  const files: PlannedFile[] = [];
  const conflicts: Conflict[] = [];
  const merges: ModulePlan["merges"] = [];
  const marked: string[] = [];
  for (const file of moduleFiles) {
    const onDisk = await readIfExists(join(state.root, ...file.path.split("/")));
    const ours = onDisk === undefined ? undefined : asLf(onDisk);
    if (ours !== undefined && hasConflictMarkers(ours)) marked.push(file.path);
    const outcome = threeWay(base.get(file.path), ours, file.content, labels);
    // As `update` plans it: a conflict with its markers, which the command writes only when
    // accepted; with `force`, pyscaffold's version.
    const planned = mergedFile(file, outcome, { ours, crlf: usesCrlf(onDisk ?? "") }, force);
    if (planned.file) files.push(planned.file);
    if (planned.conflict) conflicts.push(planned.conflict);
    if (planned.file?.action === "merge") merges.push({ path: file.path, ours: ours! });
  }
  if (marked.length > 0) {
    // Merged again, the markers an earlier change left would be taken for edits of the user's,
    // and a new conflict beside them would nest markers in markers.
    throw new UserError(
      `${marked.length} file(s) of ${name} still hold conflict markers; nothing was ` +
        `written:\n${marked.map((p) => `  ${p}`).join("\n")}`,
      {
        hint: "Resolve each <<<<<<< yours ... >>>>>>> pyscaffold region first (keep the lines " +
          "you want, delete the markers), then run this again.",
      },
    );
  }
  const table = moduleNames(name).table;
  const revisions = readRevisions(state.root);
  const migration = renamed.length
    ? buildRenameFile(
      state.project,
      before,
      module,
      renamed,
      nextRevision(revisions, `rename_in_${table}`),
    )
    : buildFieldsFile(
      state.project,
      before,
      module,
      { added, dropped },
      nextRevision(revisions, added.length ? `add_to_${table}` : `drop_from_${table}`),
    );
  files.push(migration);
  const updated = { ...record, fields: module.fields, files: await fileHashes(moduleFiles) };
  return await recorded(state, module, updated, "replace", {
    moduleFiles,
    files,
    conflicts,
    merges,
    migration,
    ...change.renamed?.length
      ? { renamed: change.renamed }
      : change.added.length
      ? { added: change.added }
      : { dropped: change.dropped },
  });
}

/**
 * The tables from `from` to `to` along the recorded modules' references (`from` first), or
 * undefined when `to` cannot be reached from `from`.
 */
function referencePath(
  modules: Record<string, ModuleRecord>,
  from: string,
  to: string,
  seen: Set<string> = new Set(),
): string[] | undefined {
  if (from === to) return [from];
  if (seen.has(from)) return undefined;
  seen.add(from);
  const name = Object.keys(modules).find((m) => moduleNames(m).table === from);
  for (const f of name === undefined ? [] : modules[name].fields) {
    if (f.type !== "ref") continue;
    const rest = referencePath(modules, moduleNames(f.ref!).table, to, seen);
    if (rest !== undefined) return [from, ...rest];
  }
  return undefined;
}

/** Directories that hold other modules' files too and are never removed. */
const SHARED_DIRS = new Set(["src", "src/models", "tests", "migrations", "migrations/versions"]);

/**
 * What `remove` does with the module's files you edited since `add`: refuse, naming them (the
 * default: nothing is written), keep them (`--keep-edited`), or delete them too (`--force`).
 */
export type EditedFiles = "refuse" | "keep" | "delete";

/**
 * Plans `pyscaffold remove`: deletes the module's files that are unchanged
 * since `add` (its record keeps their hashes), and adds the revision
 * that drops its table. Changed files are conflicts: refused (`edited`
 * "refuse", naming them), kept ("keep"), or deleted too ("delete").
 */
export async function planRemove(
  state: ProjectState,
  rawName: string,
  edited: EditedFiles,
): Promise<RemovePlan> {
  const force = edited === "delete";
  const name = knownModule(state, rawName);
  refuseReferenced(state, name);
  const record = state.modules[name];
  const module = recordedModule(name, state.modules, state.project);
  const deletes: PlannedDeletion[] = [];
  const conflicts: Conflict[] = [];
  const missing: string[] = [];
  const deletion = (path: string): PlannedDeletion => ({
    action: "delete",
    path,
    origin: "module",
    why: `a file of the module ${name}, removed with it`,
    template: "",
  });
  for (const [path, hash] of Object.entries(record.files).sort()) {
    const current = await readIfExists(join(state.root, ...path.split("/")));
    if (current === undefined) missing.push(path);
    else if (await sha256(asLf(current)) === hash) deletes.push(deletion(path));
    else {
      conflicts.push({ path, kind: "changed", current });
      if (force) deletes.push(deletion(path));
    }
  }
  if (edited === "refuse" && conflicts.length > 0) refuseEdited(name, conflicts);
  // A package that keeps a changed file keeps its __init__.py too.
  const keptFolders = new Set(
    force ? [] : conflicts.map((c) => c.path.split("/").slice(0, -1).join("/")),
  );
  const keptInits = deletes.filter((d) =>
    d.path.endsWith("/__init__.py") && keptFolders.has(d.path.slice(0, -"/__init__.py".length))
  );
  for (const init of keptInits) deletes.splice(deletes.indexOf(init), 1);
  refuseBrokenImports(state.root, name, deletes.map((d) => d.path), conflicts, force);
  const migration = nextMigration(state, module, "drop");
  const prune = [...new Set(deletes.map((d) => d.path.split("/").slice(0, -1).join("/")))]
    .filter((d) => d !== "" && !SHARED_DIRS.has(d))
    .sort((a, b) => b.length - a.length);
  const store = await changedStore(state.root, [], Object.keys(record.files));
  const files = [migration, ...(store ? [store] : [])];
  const legacy = state.file.modules ?? {};
  if (Object.hasOwn(legacy, name)) {
    // Recorded in the answers file (a project of 0.12.4 or earlier): rewritten without it.
    const kept = Object.fromEntries(
      Object.keys(legacy).filter((m) => m !== name).map((m) => [m, state.modules[m]]),
    );
    files.push(plannedAnswersFile(answersFileWithModules(state.file, kept), "replace"));
  } else {
    deletes.push({ ...deletion(moduleRecordPath(name)), why: `pyscaffold's record of ${name}` });
  }
  return {
    module,
    migration,
    merges: [],
    missing,
    keptPackages: keptInits.map((d) => d.path),
    plan: changePlan(state, module, { files, deletes, conflicts, prune }),
  };
}

/**
 * Refuses to remove a module other modules reference (their foreign keys would point at a dropped
 * table), naming the referencing fields and both ways out: drop the references (`remove <other>
 * --field <ref>`, the lighter one, where the module keeps another field) or the modules.
 */
function refuseReferenced(state: ProjectState, name: string): void {
  const users = Object.entries(state.modules).sort(([a], [b]) => a < b ? -1 : 1).flatMap((
    [other, record],
  ) => {
    if (other === name) return [];
    const refs = record.fields.filter((f) => f.type === "ref" && f.ref === name);
    return refs.length ? [{ other, refs, whole: refs.length === record.fields.length }] : [];
  });
  if (users.length === 0) return;
  const named = users.map(({ other, refs }) =>
    `${other} (${refs.map((f) => fieldColumn(f)).join(", ")})`
  );
  const fieldWay = users.filter((u) => !u.whole).map(({ other, refs }) =>
    `pyscaffold remove ${other} ${refs.map((f) => `--field ${f.name}`).join(" ")}`
  );
  const moduleWay = users.map(({ other }) => `pyscaffold remove ${other}`);
  const fieldsOnly = users.every((u) => !u.whole);
  throw new UserError(
    `Module "${name}" is referenced by ${named.join(", ")}; its table cannot be dropped.`,
    {
      hint: fieldsOnly
        ? `Drop the reference${fieldWay.length > 1 || users[0].refs.length > 1 ? "s" : ""} ` +
          `first, which keeps the rest of ${users.map((u) => u.other).join(" and ")}: ` +
          `${fieldWay.join("; ")}. Or remove ${
            users.length > 1 ? "those modules" : "that module"
          } whole first: ${moduleWay.join("; ")}.`
        : `Remove ${users.map((u) => u.other).join(", ")} first (${moduleWay.join("; ")})` +
          (fieldWay.length
            ? `, or drop the references where a module keeps other fields: ${fieldWay.join("; ")}.`
            : "."),
    },
  );
}

/**
 * Refuses a `remove` that would keep files of the module you edited: they would still use the
 * dropped table (a kept model even brings it back: the tests create it, Alembic's autogenerate
 * adds it again), the module would no longer be recorded, and nothing would finish the job.
 * Nothing is deleted with edits in it unless the user says so (--force), nor kept (--keep-edited).
 */
function refuseEdited(name: string, conflicts: readonly Conflict[]): never {
  const model = conflicts.find((c) => c.path === modulePath("src/models/{module}_model.py", name));
  throw new UserError(
    `${conflicts.length} file(s) of ${name} hold edits of yours since add; removing the module ` +
      "would keep them, still using the table it drops" +
      (model ? ` (${model.path} would even bring the table back)` : "") +
      `. Nothing was written:\n${conflicts.map((c) => `  ${c.path}`).join("\n")}`,
    {
      hint: "Copy what you want to keep, then pass --force to delete them with the rest (your " +
        "edits in them are lost), or --keep-edited to keep them and delete or adapt them by hand.",
      exitCode: 1,
    },
  );
}

/** A module file's path (`src/{module}/...`) for the module `name`. */
function modulePath(path: string, name: string): string {
  return path.replaceAll("{module}", name);
}

/** What is left of a module a `remove` dropped while keeping files you had edited. */
export interface LeftoverPlan {
  /** The module's name (its files' prefix). */
  name: string;
  /** The revision that dropped its table. */
  revision: string;
  /** Its files still on disk, which the plan deletes. */
  files: string[];
  plan: Plan;
}

/**
 * A module `remove --keep-edited` (or pyscaffold 0.19.0 and earlier, which kept them unasked)
 * removed while keeping the files you had edited: its record is gone, a revision dropped its
 * table, and files remain where the module's files go (src/models/<name>_model.py,
 * src/<name>/, tests/test_<name>.py). The plan deletes them, refusing (as `remove` does) when a
 * file that stays imports one. Undefined when `rawName` is a recorded module, when no revision
 * dropped its table, or when nothing of it remains: `remove` then says what it always said.
 */
export async function planLeftovers(
  state: ProjectState,
  rawName: string,
): Promise<LeftoverPlan | undefined> {
  if (findModule(state.modules, rawName) !== undefined) return undefined;
  const typed = words(rawName).join("_");
  if (typed === "") return undefined;
  const { singular, plural } = moduleNames(typed);
  const revisions = readRevisions(state.root);
  for (const name of new Set([typed, singular, plural])) {
    // Only a name a module could have had: never a file of the project itself (`users`).
    if (moduleNameProblem(name, state.project.database) !== undefined) continue;
    const drop = `_drop_${moduleNames(name).table}.py`;
    // The last: a module added again after a remove, and removed again.
    const revision = revisions.findLast((r) => r.path.endsWith(drop));
    if (revision === undefined) continue;
    const owned = new Set(Object.values(state.modules).flatMap((r) => Object.keys(r.files)));
    const files: string[] = [];
    for (const rule of MODULE_FILES) {
      if (rule.when && !rule.when(state.project)) continue;
      const path = modulePath(rule.path, name);
      if (owned.has(path)) continue;
      if (await readIfExists(join(state.root, ...path.split("/"))) !== undefined) files.push(path);
    }
    if (files.length === 0) continue;
    files.sort();
    refuseBrokenImports(state.root, name, files, [], true);
    const deletes = files.map((path): PlannedDeletion => ({
      action: "delete",
      path,
      origin: "module",
      why: `a file of the module ${name}, kept by its remove because you had edited it`,
      template: "",
    }));
    const prune = [...new Set(files.map((f) => f.split("/").slice(0, -1).join("/")))]
      .filter((d) => d !== "" && !SHARED_DIRS.has(d));
    const module: ModuleSpec = { name, fields: [], access: "public" };
    return {
      name,
      revision: revision.path,
      files,
      plan: changePlan(state, module, { files: [], deletes, conflicts: [], prune }),
    };
  }
  return undefined;
}

/** The recorded module `rawName` names (`findModule`); an error naming the modules otherwise. */
/** The recorded module `rawName` names (its name or its table); refused, listing them, if none. */
export function knownModule(state: ProjectState, rawName: string): string {
  const name = findModule(state.modules, rawName);
  if (name !== undefined) return name;
  const known = Object.keys(state.modules).sort();
  throw new UserError(`No module "${rawName}" in this project.`, {
    hint: known.length ? `Its modules: ${known.join(", ")}.` : "It has no modules.",
  });
}

/** At most this many importing files are named in the refusal. */
const MAX_NAMED = 4;

/**
 * Refuses a remove after which a file that stays would import a deleted one: the app
 * would no longer start (its controllers are imported at start-up) nor its tests run.
 * A changed file of the module itself can go with --force; any other file must be edited.
 */
function refuseBrokenImports(
  root: string,
  name: string,
  deleted: readonly string[],
  conflicts: readonly Conflict[],
  force: boolean,
): void {
  const broken = brokenImports(root, deleted);
  if (broken.length === 0) return;
  const changed = new Set(conflicts.map((c) => c.path));
  const files = [...new Set(broken.map((b) => b.file))];
  const named = files.slice(0, MAX_NAMED).map((file) => {
    const imports = broken.filter((b) => b.file === file).map((b) => b.module);
    const kept = changed.has(file) ? " (changed since add, so kept)" : "";
    return `${file}${kept} imports ${imports.join(", ")}`;
  });
  const more = files.length > MAX_NAMED ? `; and ${files.length - MAX_NAMED} more files` : "";
  const ownOnly = files.every((file) => changed.has(file)) && !force;
  throw new UserError(
    `Removing module "${name}" would break files that stay: ${named.join("; ")}${more}. ` +
      "The app would no longer start.",
    {
      hint: ownOnly
        ? `Copy your changes elsewhere and run "pyscaffold remove ${name} --force" to delete ` +
          "the changed files too, or edit them so they no longer import the module's files."
        : "Edit those files so they no longer import the module's files, then run remove again.",
    },
  );
}
