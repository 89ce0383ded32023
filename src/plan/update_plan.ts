/**
 * The Plan of `pyscaffold update`: the project as pyscaffold generates it now
 * (theirs: the recorded answers changed by `--set`, every recorded module with
 * its fields and access policy), merged three ways into the files on disk
 * (ours) from what pyscaffold generated before (base: the project's base store,
 * src/project/base_store.ts, with fallbacks for projects made before it).
 * Schema changes arrive as new Alembic revisions chained onto the head.
 */
import { join } from "../path.ts";
import { UserError } from "../errors.ts";
import { FEATURE_QUESTIONS, type FeatureId, pickAnswers } from "../choices/features/mod.ts";
import { type ProjectSpec, resolveProjectSpec } from "../choices/project_spec.ts";
import type { IdWidth } from "../choices/ids.ts";
import { type AccessPolicy, exampleModule } from "../choices/module_spec.ts";
import { parseAccess } from "../choices/features/module.ts";
import { moduleNames } from "../choices/module_names.ts";
import {
  columnSteps,
  formatCall,
  type ModuleView,
  moduleView,
  ownerIndexSteps,
  uniqueWhileActiveSteps,
} from "../python/mod.ts";
import { render } from "../render/mod.ts";
import {
  ANSWERS_FILE,
  type ModuleRecord,
  moduleRecordContent,
  type ProjectState,
} from "../project/answers_file.ts";
import {
  GZIP_STORE_FILE,
  isMergedPath,
  readStore,
  STORE_FILE,
  storeChanges,
} from "../project/base_store.ts";
import {
  nextRevision,
  parseRevision,
  readRevisions,
  type Revision,
  VERSIONS_DIR,
} from "../project/migrations.ts";
import { isLaterVersion, VERSION } from "../version.ts";
import { renderProject } from "./project_plan.ts";
import { buildModuleFiles, buildOwnerFile } from "./module_plan.ts";
import { builtinRefs, knownModule, recordedAccess, recordedModule } from "./module_ops.ts";
import { plannedAnswersFile, plannedModuleRecord } from "./answers_plan.ts";
import { plannedStore } from "./store_plan.ts";
import { asLf, sha256, usesCrlf } from "./content_hash.ts";
import { projectFlags } from "./template_context.ts";
import { widenIdsMigration, widensIds } from "./widen_ids.ts";
import { hasConflictMarkers, type MergeKind, threeWay } from "./three_way.ts";
import { mergedFile } from "./_merged_file.ts";
import {
  byPath,
  type Conflict,
  type Plan,
  type PlannedDeletion,
  type PlannedFile,
  plannedFile,
} from "./_types.ts";

/** The features `update --set` may switch. */
export type FeatureSettings = Partial<Record<FeatureId, boolean>>;

const TRUE = new Set(["true", "yes", "on", "1"]);
const FALSE = new Set(["false", "no", "off", "0"]);

/** A module's access policy asked for by `update --set <module>.access=<policy>` (raw text). */
export type AccessSettings = Readonly<Record<string, string>>;

/** The key of a module's access policy in `--set`: `<module>.access`. */
const ACCESS_KEY = /^(.+)\.access$/;

/** A `--set` option's key and value, trimmed; the value undefined without "=". */
function keyValue(item: string): [string, string | undefined] {
  const at = item.indexOf("=");
  return at < 0 ? [item.trim(), undefined] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
}

/** The `--set <module>.access=<policy>` options (module → policy as given), checked by planUpdate. */
export function parseAccessSettings(raw: readonly string[]): AccessSettings {
  const settings: Record<string, string> = {};
  for (const item of raw) {
    const [key, value] = keyValue(item);
    const module = ACCESS_KEY.exec(key)?.[1];
    if (module === undefined) continue;
    if (!value) {
      throw new UserError(`--set ${key}: which policy? Nothing follows "=".`, {
        hint: `For example: --set ${module}.access=public-read`,
      });
    }
    settings[module.trim()] = value;
  }
  return settings;
}

/**
 * Parses `--set KEY=VALUE` options for the project's features; framework and database are
 * refused with the reason. `<module>.access` keys are parseAccessSettings'.
 */
export function parseSettings(raw: readonly string[]): FeatureSettings {
  const settings: FeatureSettings = {};
  const known = FEATURE_QUESTIONS.map((q) => q.id);
  for (const item of raw) {
    const [rawKey, rawValue = ""] = keyValue(item);
    const [key, value] = [rawKey.toLowerCase(), rawValue.toLowerCase()];
    if (ACCESS_KEY.test(key)) continue;
    if (key === "framework" || key === "database") {
      throw new UserError(
        `update cannot change the ${key} of an existing project in this version.`,
        {
          hint: `Every file of the project depends on its ${key}: generate a new project ` +
            `with the other ${key} (pyscaffold new) and move your code over.`,
        },
      );
    }
    if (key === "ids") continue; // parseIdsSetting (src/plan/widen_ids.ts)
    if (!(known as string[]).includes(key)) {
      throw new UserError(`--set ${JSON.stringify(item)}: unknown key "${key}".`, {
        hint: `Keys update can change: ${known.join(", ")} (e.g. --set celery=true), a ` +
          "module's access policy (e.g. --set items.access=public-read), and ids=bigint.",
      });
    }
    if (!TRUE.has(value) && !FALSE.has(value)) {
      throw new UserError(`--set ${key}: "${value}" is not true or false.`, {
        hint: `For example: --set ${key}=true`,
      });
    }
    settings[key as FeatureId] = TRUE.has(value);
  }
  return settings;
}

/** The project spec the answers file records (its first module included). */
export function recordedSpec(state: ProjectState, settings: FeatureSettings = {}): ProjectSpec {
  const answers = pickAnswers({ ...state.file.answers, ...settings });
  return { ...resolveProjectSpec(answers), ids: state.project.ids };
}

/**
 * Every merged file of a project (path → planned file): the project's own files
 * and those of each recorded module, as this version of pyscaffold renders them.
 * The first module (the answers' `module`) is rendered by `new`'s plan when it is
 * still recorded; a removed first module brings no files.
 */
export function generatedFiles(
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): Map<string, PlannedFile> {
  const firstName = spec.module.name;
  const first = modules[firstName];
  const firstSpec = first ? recordedModule(firstName, modules, spec) : spec.module;
  const rendered = renderProject({ ...spec, module: firstSpec });
  // A first module removed since is not regenerated; the answers file and the store are not
  // merged (isMergedPath), so they are not rendered here.
  const files = new Map<string, PlannedFile>();
  for (const file of [...rendered.project, ...first ? rendered.module : []]) {
    if (isMergedPath(file.path)) files.set(file.path, file);
  }
  for (const name of Object.keys(modules)) {
    if (name === firstName) continue;
    for (const file of buildModuleFiles(spec, recordedModule(name, modules, spec))) {
      files.set(file.path, file);
    }
  }
  return files;
}

/** One generated file in the update: the three sides and the decision. */
export interface FileMerge {
  path: string;
  kind: MergeKind;
  base?: string;
  ours?: string;
  theirs?: string;
  /** What is written (create, replace, merge, conflict with its markers). */
  result?: string;
  /** Where the base came from. */
  baseFrom?: "store" | "regenerated" | "hash";
  regions?: number;
}

export interface UpdatePlan {
  plan: Plan;
  /** Every generated file the update looked at, sorted by path. */
  merges: FileMerge[];
  /** Features switched: id → new value. */
  switched: FeatureSettings;
  /** Modules whose access policy changes (`--set <module>.access=`), in the order given. */
  accessSwitches: AccessSwitch[];
  /** The Alembic revisions written for schema changes, in their order (also in `plan.files`). */
  migrations: PlannedFile[];
  /** Tables the migration drops (disabling auth). */
  drops: string[];
  /** `--set ids=bigint`: the tables whose keys and references its revision widens. */
  widenedIds?: string[];
  /** Generated files that still hold conflict markers of an earlier update. */
  unresolved: string[];
  /** Where the base came from overall: the store, or a fallback for an older project. */
  baseSource: "store" | "regenerated" | "hashes";
  /** Modules whose record moves out of an older answers file (0.12.4 and earlier) into its own. */
  movedRecords: string[];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    const info = await Deno.lstat(path);
    if (!info.isFile) return undefined;
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** The module records after a switch of auth: every module takes the policy that fits. */
function switchedModules(
  modules: Record<string, ModuleRecord>,
  auth: boolean | undefined,
): Record<string, ModuleRecord> {
  if (auth === undefined) return modules;
  return Object.fromEntries(
    Object.entries(modules).map((
      [name, record],
    ) => [name, { ...record, access: auth ? "authenticated" : "public" }]),
  );
}

/** A module whose access policy `update --set <module>.access=` changes. */
export interface AccessSwitch {
  module: string;
  from: AccessPolicy;
  to: AccessPolicy;
  /** To or from owner: the revision that adds or drops `owner_id` (also in `migrations`). */
  revision?: string;
}

/**
 * The module records after `--set <module>.access=<policy>` (after any switch of auth): each
 * named module takes the policy, checked as `add --access` checks it; a policy a module has
 * already changes nothing. Under the owner policy a row belongs to a user (an `owner_id`
 * column), so a switch to or from it comes with a revision (buildOwnerFile).
 */
function switchedAccess(
  state: ProjectState,
  modules: Record<string, ModuleRecord>,
  wanted: AccessSettings,
  auth: boolean,
): { modules: Record<string, ModuleRecord>; switches: AccessSwitch[] } {
  const entries = Object.entries(wanted);
  const after = { ...modules };
  const switches: AccessSwitch[] = [];
  for (const [raw, policy] of entries) {
    const name = knownModule(state, raw);
    const to = parseAccess(policy, auth);
    const from = recordedAccess(state.modules[name], state.project);
    if (to === recordedAccess(after[name], { auth })) continue;
    after[name] = { ...after[name], access: to };
    switches.push({ module: name, from, to });
  }
  return { modules: after, switches };
}

/**
 * Refuses a project where a module references one that is no longer there: git merges a branch
 * that removed a module with one that added a reference to it without a conflict (each module's
 * files and record are its own), and the update would render the reference to a missing table.
 */
function checkReferences(state: ProjectState): void {
  for (const [name, record] of Object.entries(state.modules)) {
    for (const field of record.fields) {
      if (field.type !== "ref") continue;
      const target = field.ref!;
      if (Object.hasOwn(state.modules, target) || builtinRefs(state.project).includes(target)) {
        continue;
      }
      throw new UserError(
        `Module "${name}" references ${target} (field ${field.name}), which is not a module of ` +
          "this project: was it removed on a branch merged since? Nothing was written.",
        {
          hint: `Add it again (pyscaffold add ${target} --field ...), or remove ${name} ` +
            `(pyscaffold remove ${name}) and add it without the field, then run this again.`,
        },
      );
    }
  }
}

/** Refuses to switch auth off where the schema depends on the users table. */
function checkAuthOff(state: ProjectState): void {
  const owned = Object.entries(state.modules)
    .filter(([, r]) => (r.access ?? "owner") === "owner").map(([name]) => name);
  if (owned.length > 0) {
    const [these, use, their] = owned.length === 1
      ? [`Module ${owned[0]}`, "uses", "its"]
      : [`Modules ${owned.join(", ")}`, "use", "their"];
    throw new UserError(
      `${these} ${use} the owner policy: ${their} rows belong to users (an owner_id column), ` +
        "so auth cannot be switched off by update in this version.",
      {
        hint: `Keep auth on, or give ${owned.length === 1 ? "it" : "each"} another policy ` +
          `first (pyscaffold update --set ${owned[0]}.access=authenticated: the revision drops ` +
          "owner_id), or remove it (pyscaffold remove; its table is dropped).",
      },
    );
  }
  const refs = Object.entries(state.modules)
    .filter(([, r]) => r.fields.some((f) => f.type === "ref" && f.ref === "users"))
    .map(([name]) => name);
  if (refs.length > 0) {
    throw new UserError(
      `${refs.length === 1 ? `Module ${refs[0]} has` : `Modules ${refs.join(", ")} have`} ` +
        "fields referencing users; switching auth off would drop the table they point to.",
      { hint: `Remove those fields or modules first (pyscaffold remove ${refs[0]}).` },
    );
  }
}

/** The revision that creates or drops the auth tables, chained onto `revisions`' head. */
function authMigration(
  revisions: readonly Revision[],
  spec: ProjectSpec,
  on: boolean,
): PlannedFile {
  const kind = on ? "create" : "drop";
  const { id, down } = nextRevision(revisions, `${kind}_users`);
  const path = `${VERSIONS_DIR}/${id}_${kind}_users.py`;
  const template = `module/migrations/auth_${kind}.py.eta`;
  const content = render(template, {
    ...projectFlags(spec),
    module: moduleView(exampleModule(), spec.database, false, spec.ids),
    revision: { id, down: down ?? null },
  });
  return plannedFile(
    {
      origin: "auth",
      why: on
        ? `creates the users and revoked_tokens tables (Alembic revision ${id})`
        : `drops the users and revoked_tokens tables (Alembic revision ${id})`,
      lesson: "migrations",
    },
    path,
    template,
    content,
  );
}

/** The version from which a module's unique columns are unique over its active rows only. */
export const UNIQUE_WHILE_ACTIVE_SINCE = "0.14.0";

/**
 * A revision `update` writes for the recorded modules of a project made before some version:
 * `steps` of each module's view (undefined: the module needs none), chained onto `revisions`'
 * head as module/migrations/<slug>.py.eta renders it; undefined when no module needs one. `why`
 * says what it does to the tables it changes.
 */
function modulesRevision(
  revisions: readonly Revision[],
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
  slug: string,
  steps: (view: ModuleView) => { upgrade: string[]; downgrade: string[] } | undefined,
  why: (tables: string) => string,
): PlannedFile | undefined {
  const upgrade: string[] = [];
  const downgrade: string[] = [];
  const tables: string[] = [];
  for (const name of Object.keys(modules).sort()) {
    const view = moduleView(
      recordedModule(name, modules, spec),
      spec.database,
      spec.auth,
      spec.ids,
    );
    const own = steps(view);
    if (own === undefined) continue;
    tables.push(view.table);
    upgrade.push(...own.upgrade);
    downgrade.push(...own.downgrade);
  }
  if (tables.length === 0) return undefined;
  const { id, down } = nextRevision(revisions, slug);
  const path = `${VERSIONS_DIR}/${id}_${slug}.py`;
  const template = `module/migrations/${slug}.py.eta`;
  const content = render(template, {
    ...projectFlags(spec),
    revision: { id, down: down ?? null },
    steps: { upgrade, downgrade },
  });
  return plannedFile(
    {
      origin: "core",
      why: `${why(tables.join(", "))} (Alembic revision ${id})`,
      lesson: "migrations",
    },
    path,
    template,
    content,
  );
}

/**
 * For a project made before UNIQUE_WHILE_ACTIVE_SINCE, the revision that makes each recorded
 * module's unique columns unique over the active rows, chained onto `revisions`' head;
 * undefined when no module has a unique column.
 */
function uniqueWhileActiveMigration(
  revisions: readonly Revision[],
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): PlannedFile | undefined {
  return modulesRevision(revisions, spec, modules, "unique_while_active", (view) => {
    const steps = uniqueWhileActiveSteps(view);
    return steps.upgrade.length ? steps : undefined;
  }, (tables) => `makes the unique columns of ${tables} unique over the active rows`);
}

/** The version from which the owner's index is over (owner_id, is_active, id) (OWNER_INDEX_COLUMNS). */
export const OWNER_INDEX_SINCE = "0.26.0";

/**
 * For a project made before OWNER_INDEX_SINCE: the revision that gives each module under the
 * owner policy its owner index, chained onto `revisions`' head; undefined when none is.
 */
function ownerIndexMigration(
  revisions: readonly Revision[],
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): PlannedFile | undefined {
  return modulesRevision(
    revisions,
    spec,
    modules,
    "owner_index",
    (view) => view.owner ? ownerIndexSteps(view, spec.database) : undefined,
    (tables) => `indexes the rows of ${tables} by owner, then id`,
  );
}

/** The version from which tokens carry their user's token generation (`users.token_generation`). */
export const TOKEN_GENERATION_SINCE = "0.15.0";

/** For a project with auth made before TOKEN_GENERATION_SINCE: the revision that adds the users'
 * token generation, chained onto `revisions`' head. */
function tokenGenerationMigration(revisions: readonly Revision[], spec: ProjectSpec): PlannedFile {
  const { id, down } = nextRevision(revisions, "token_generation");
  const path = `${VERSIONS_DIR}/${id}_token_generation.py`;
  const template = "module/migrations/token_generation.py.eta";
  const flags = projectFlags(spec);
  const steps = columnSteps("users", {
    name: "token_generation",
    line: formatCall(8, "sa.Column", [
      '"token_generation"',
      "sa.Integer()",
      'server_default="0"',
      "nullable=False",
    ], ","),
    indexes: [],
    indexNames: [],
  }, flags.db.translatedSchema?.placeholder);
  const content = render(template, { ...flags, steps, revision: { id, down: down ?? null } });
  return plannedFile(
    {
      origin: "auth",
      why:
        `adds the users' token generation, which a password change raises (Alembic revision ${id})`,
      lesson: "migrations",
    },
    path,
    template,
    content,
  );
}

/**
 * An older pyscaffold would take the project back to its own templates (and could not read
 * what a newer one wrote): `update` refuses a project a newer version made.
 */
function refuseNewerProject(made: string): void {
  if (isLaterVersion(made, VERSION)) {
    throw new UserError(
      `This project was made by pyscaffold ${made}, newer than this pyscaffold ${VERSION}: ` +
        "updating would take it back to older templates. Nothing was written.",
      { hint: `Update pyscaffold to ${made} or later, then run \`pyscaffold update\` again.` },
    );
  }
}

/**
 * Plans `pyscaffold update`: reads the project, its base and its files, and
 * decides every generated file (threeWay). Nothing is written; the command
 * decides what to do with conflicts.
 */
export async function planUpdate(
  state: ProjectState,
  settings: FeatureSettings,
  access: AccessSettings = {},
  ids?: IdWidth,
): Promise<UpdatePlan> {
  refuseNewerProject(state.file.pyscaffold);
  checkReferences(state);
  const before = recordedSpec(state);
  const widen = widensIds(before, ids);
  const switched: FeatureSettings = {};
  for (const [key, value] of Object.entries(settings) as [FeatureId, boolean][]) {
    if (before[key] !== value) switched[key] = value;
  }
  if (switched.auth === false && Object.keys(access).length > 0) {
    throw new UserError(
      "auth=false makes every module public, so no module can take another access policy. " +
        "Nothing was written.",
      { hint: "Leave out --set <module>.access, or keep auth on." },
    );
  }
  if (switched.auth === false) checkAuthOff(state);
  const after = { ...recordedSpec(state, switched), ...(widen ? { ids: "bigint" as const } : {}) };
  const { modules, switches } = switchedAccess(
    state,
    switchedModules(state.modules, switched.auth),
    access,
    after.auth,
  );
  const theirs = generatedFiles(after, modules);

  const store = await readStore(state.root);
  const sameVersion = state.file.pyscaffold === VERSION;
  // The fallback of a project made before the base store: this version's rendering of the
  // recorded answers (the base itself when the project was made by this version).
  const regenerated = store === undefined || sameVersion
    ? generatedFiles(before, state.modules)
    : undefined;
  const recorded = new Map<string, string>();
  for (const record of Object.values(state.modules)) {
    for (const [path, hash] of Object.entries(record.files)) recorded.set(path, hash);
  }
  const paths = new Set([
    ...theirs.keys(),
    ...(store?.files.keys() ?? []),
    ...(regenerated?.keys() ?? []),
    ...[...recorded.keys()].filter(isMergedPath),
  ]);
  const labels = {
    ours: "yours",
    base: `pyscaffold ${store?.version ?? state.file.pyscaffold} (before)`,
    theirs: `pyscaffold ${VERSION} (now)`,
  };

  const merges: FileMerge[] = [];
  const unresolved: string[] = [];
  // Files checked out with CRLF line endings (git's core.autocrlf on Windows): merged as the LF
  // text pyscaffold writes, and written back with CRLF, so a line ending is never a change.
  const crlf = new Set<string>();
  for (const path of [...paths].sort()) {
    const onDisk = await readIfExists(join(state.root, ...path.split("/")));
    if (onDisk !== undefined && usesCrlf(onDisk)) crlf.add(path);
    const ours = onDisk === undefined ? undefined : asLf(onDisk);
    let base: string | undefined;
    let baseFrom: FileMerge["baseFrom"];
    const again = regenerated?.get(path)?.content;
    if (store?.files.has(path)) [base, baseFrom] = [store.files.get(path), "store"];
    else if (again !== undefined && (sameVersion || again === ours)) {
      [base, baseFrom] = [again, "regenerated"];
    } else if (ours !== undefined && recorded.get(path) === await sha256(ours)) {
      [base, baseFrom] = [ours, "hash"];
    }
    const their = theirs.get(path)?.content;
    if (ours !== undefined && hasConflictMarkers(ours)) unresolved.push(path);
    const outcome = threeWay(base, ours, their, labels);
    merges.push({
      path,
      kind: outcome.kind,
      base,
      ours,
      theirs: their,
      result: outcome.content,
      baseFrom,
      regions: outcome.regions,
    });
  }

  const files: PlannedFile[] = [];
  const deletes: PlannedDeletion[] = [];
  const conflicts: Conflict[] = [];
  for (const m of merges) {
    const planned = theirs.get(m.path);
    if (planned !== undefined) {
      // Created, replaced, merged, or with its conflict markers (the command decides).
      const outcome = { kind: m.kind, content: m.result, regions: m.regions };
      const { file, conflict } = mergedFile(planned, outcome, {
        ours: m.ours,
        crlf: crlf.has(m.path),
      });
      if (file) files.push(file);
      if (conflict) conflicts.push(conflict);
    } else if (m.kind === "delete") {
      deletes.push({
        action: "delete",
        path: m.path,
        origin: "core",
        why: "no longer generated for these answers, and unchanged since pyscaffold wrote it",
        template: "",
      });
    } else if (m.kind === "kept-changed") {
      conflicts.push({ path: m.path, kind: "changed", current: m.ours! });
    }
  }

  // Schema changes, each revision chained onto the one before.
  const migrations: PlannedFile[] = [];
  const revisions = () => [
    ...readRevisions(state.root),
    ...migrations.map((m) => parseRevision(m.path, m.content)!),
  ];
  if (isLaterVersion(UNIQUE_WHILE_ACTIVE_SINCE, state.file.pyscaffold)) {
    const unique = uniqueWhileActiveMigration(revisions(), after, modules);
    if (unique) migrations.push(unique);
  }
  // With auth switched on, the users table is created whole (module/migrations/_auth_tables.eta).
  if (
    after.auth && switched.auth === undefined &&
    isLaterVersion(TOKEN_GENERATION_SINCE, state.file.pyscaffold)
  ) {
    migrations.push(tokenGenerationMigration(revisions(), after));
  }
  // Before the modules' policies change: those that take the owner policy get the index whole.
  if (isLaterVersion(OWNER_INDEX_SINCE, state.file.pyscaffold)) {
    const index = ownerIndexMigration(revisions(), before, state.modules);
    if (index) migrations.push(index);
  }
  // The tables there before this update (those it makes come 64-bit in their own revisions).
  let widened: string[] = [];
  if (widen) {
    const { file, tables } = widenIdsMigration(revisions(), before, state.modules);
    if (file) migrations.push(file);
    widened = tables;
  }
  // A module that takes or leaves the owner policy gains or loses its owner column.
  for (const change of switches.filter((s) => (s.from === "owner") !== (s.to === "owner"))) {
    const owner = change.to === "owner";
    const table = moduleNames(change.module).table;
    const { id, down } = nextRevision(revisions(), `${owner ? "own" : "disown"}_${table}`);
    const module = recordedModule(change.module, owner ? modules : state.modules, after);
    const revision = buildOwnerFile(after, module, change.to, { id, down });
    migrations.push(revision);
    change.revision = revision.path;
  }
  const drops: string[] = [];
  if (switched.auth !== undefined) {
    migrations.push(authMigration(revisions(), after, switched.auth));
    if (!switched.auth) drops.push("users", "revoked_tokens");
  }
  files.push(...migrations);
  const changed = files.length > 0 || deletes.length > 0 || !sameVersion ||
    Object.keys(switched).length > 0 || switches.length > 0 || widen;
  if (changed) {
    files.push(
      await plannedStore(
        [...theirs].map(([p, f]) => [p, f.content]),
        store?.path === STORE_FILE ? "replace" : "create",
      ),
    );
    // The store just planned holds everything: the older, gzip'ed one (0.11.0 and earlier)
    // and every change on disk go (changes left behind a deleted store too, which would
    // otherwise apply on top of the new one).
    for (
      const path of [
        ...(store?.path === GZIP_STORE_FILE ? [store.path] : []),
        ...storeChanges(state.root),
      ]
    ) {
      deletes.push({
        action: "delete",
        path,
        origin: "core",
        why: `now in the base store, ${STORE_FILE}, written whole`,
        lesson: "living-with-a-generated-project",
        template: "",
      });
    }
    const records: Record<string, ModuleRecord> = {};
    for (const [name, record] of Object.entries(modules)) {
      const own = Object.keys(record.files).filter((p) => !isMergedPath(p) || theirs.has(p));
      records[name] = {
        ...record,
        files: Object.fromEntries(
          await Promise.all(own.map(async (p) => [
            p,
            theirs.has(p) ? await sha256(theirs.get(p)!.content) : record.files[p],
          ])),
        ),
      };
    }
    // The answers file without "modules": each module's record is a file of its own, from
    // 0.13.0 (those an older answers file holds are moved there), written when it changed.
    const { modules: _moved, ...kept } = state.file;
    const answers = { ...state.file.answers, ...switched };
    const content = JSON.stringify(
      { ...kept, pyscaffold: VERSION, ...(widen ? { ids: after.ids } : {}), answers },
      null,
      2,
    ) + "\n";
    files.push(plannedAnswersFile(content, "replace"));
    for (const [name, record] of Object.entries(records)) {
      const planned = plannedModuleRecord(name, record, "replace");
      const onDisk = await readIfExists(join(state.root, ...planned.path.split("/")));
      // A record whose meaning is the same stays as it is, whatever the order of its keys
      // (0.13.0's `new` wrote a field's length before "required", `add` after "index").
      if (onDisk !== undefined && moduleRecordContent(modules[name]) === planned.content) continue;
      files.push(onDisk === undefined ? { ...planned, action: "create" } : planned);
    }
  }
  const plan: Plan = {
    root: state.project.name,
    spec: after,
    target: "existing",
    files: files.sort(byPath),
    deletes: deletes.sort(byPath),
    conflicts,
    prune: [...new Set(deletes.map((d) => d.path.split("/").slice(0, -1).join("/")))]
      .filter((d) => d !== "" && !["src", "tests", "migrations"].includes(d))
      .sort((a, b) => b.length - a.length),
  };
  return {
    plan,
    merges,
    switched,
    accessSwitches: switches,
    migrations,
    drops,
    widenedIds: widen ? widened : undefined,
    unresolved,
    baseSource: store ? "store" : sameVersion ? "regenerated" : "hashes",
    movedRecords: changed ? Object.keys(state.file.modules ?? {}).sort() : [],
  };
}

export { ANSWERS_FILE };
