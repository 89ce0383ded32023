/**
 * The files of one module, rendered in memory: the same code for the first
 * module of `new` and for every module `add` creates, plus the Alembic
 * revisions `add` and `remove` chain onto the project's migrations.
 */
import type { AccessPolicy, ModuleSpec } from "../choices/module_spec.ts";
import { moduleNames } from "../choices/module_names.ts";
import { render } from "../render/mod.ts";
import { VERSIONS_DIR } from "../project/migrations.ts";
import { MODULE_FILES, type ModuleProject } from "./module_files.ts";
import { type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { moduleContext } from "./template_context.ts";
import {
  addColumnSteps,
  dropColumnSteps,
  moduleView,
  ownerColumnSteps,
  renameColumnSteps,
} from "../python/mod.ts";
import { DATABASE_PROFILES } from "../choices/databases.ts";
import { fieldColumn } from "../choices/module_spec.ts";

/** Renders the files of one module for a project. */
export function buildModuleFiles(project: ModuleProject, module: ModuleSpec): PlannedFile[] {
  const context = moduleContext(project, module);
  return MODULE_FILES.filter((rule) => rule.when?.(project) ?? true).map((rule) => {
    const path = rule.path.replaceAll("{module}", module.name);
    const template = resolveTemplate("module", rule.template, project.framework);
    return plannedFile(rule, path, template, render(template, context));
  });
}

/** An Alembic revision that creates or drops a module's table, chained onto `down`. */
export function buildMigrationFile(
  project: ModuleProject,
  module: ModuleSpec,
  kind: "create" | "drop",
  revision: { id: string; down: string | undefined },
): PlannedFile {
  const table = moduleNames(module.name).table;
  const path = `${VERSIONS_DIR}/${revision.id}_${kind}_${table}.py`;
  const template = `module/migrations/${kind}.py.eta`;
  const content = render(template, {
    ...moduleContext(project, module),
    revision: { id: revision.id, down: revision.down ?? null },
  });
  const why = kind === "create"
    ? `creates the ${table} table (Alembic revision ${revision.id})`
    : `drops the ${table} table (Alembic revision ${revision.id})`;
  return plannedFile({ origin: "module", why, lesson: "migrations" }, path, template, content);
}

/**
 * The Alembic revision that changes a module's fields, chained onto `down`: it adds the columns
 * `change.added` of `module` (which holds them) or drops the columns `change.dropped` of
 * `before` (which held them); `module/migrations/fields.py.eta`.
 */
export function buildFieldsFile(
  project: ModuleProject,
  before: ModuleSpec,
  module: ModuleSpec,
  change: { added: readonly string[]; dropped: readonly string[] },
  revision: { id: string; down: string | undefined },
): PlannedFile {
  const table = moduleNames(module.name).table;
  const adding = change.added.length > 0;
  const columns = adding ? change.added : change.dropped;
  const path = `${VERSIONS_DIR}/${revision.id}_${adding ? "add_to" : "drop_from"}_${table}.py`;
  const template = "module/migrations/fields.py.eta";
  // Dropped, a required column without a default comes back nullable: its values are gone.
  const emptied = before.fields.filter((f) =>
    change.dropped.includes(fieldColumn(f)) && f.required && f.default === undefined
  );
  const restored = {
    ...before,
    fields: before.fields.map((f) => emptied.includes(f) ? { ...f, required: false } : f),
  };
  const view = moduleView(adding ? module : restored, project.database, project.auth, project.ids);
  const fields = view.fields.filter((f) => columns.includes(f.column));
  const content = render(template, {
    ...moduleContext(project, module),
    adding,
    columns,
    filled: fields.filter((f) => f.migrationFilledColumn).map((f) => f.column),
    emptied: emptied.map(fieldColumn),
    steps: adding
      ? addColumnSteps(view, columns, project.database)
      : dropColumnSteps(view, columns, project.database),
    revision: { id: revision.id, down: revision.down ?? null },
  });
  const why = `${adding ? "adds" : "drops"} ${columns.join(", ")} ${adding ? "to" : "from"} the ` +
    `${table} table (Alembic revision ${revision.id})`;
  return plannedFile({ origin: "module", why, lesson: "migrations" }, path, template, content);
}

/**
 * The Alembic revision of a module that takes the owner policy (`to` is owner: its rows get the
 * `owner_id` column, those there the user the revision's ROWS_OWNER names) or leaves it for `to`
 * (the column is dropped), chained onto `down`; `module` is the module under the owner policy, as it
 * is after or was before. `module/migrations/owner.py.eta`.
 */
export function buildOwnerFile(
  project: ModuleProject,
  module: ModuleSpec,
  to: AccessPolicy,
  revision: { id: string; down: string | undefined },
): PlannedFile {
  const adding = to === "owner";
  const table = moduleNames(module.name).table;
  const path = `${VERSIONS_DIR}/${revision.id}_${adding ? "own" : "disown"}_${table}.py`;
  const template = "module/migrations/owner.py.eta";
  const view = moduleView(module, project.database, project.auth, project.ids);
  const content = render(template, {
    ...moduleContext(project, module),
    adding,
    policy: to,
    owner: ownerColumnSteps(view, project.database),
    revision: { id: revision.id, down: revision.down ?? null },
  });
  const why = adding
    ? `gives the rows of ${table} an owner, the owner policy's owner_id (Alembic revision ` +
      `${revision.id})`
    : `drops owner_id from ${table}, which leaves the owner policy (Alembic revision ` +
      `${revision.id})`;
  return plannedFile({ origin: "module", why, lesson: "migrations" }, path, template, content);
}

/**
 * The Alembic revision that renames columns of a module (`pairs`: `[old, new]`), chained onto
 * `down`: `before` held the old names, `module` holds the new; `module/migrations/rename.py.eta`.
 */
export function buildRenameFile(
  project: ModuleProject,
  before: ModuleSpec,
  module: ModuleSpec,
  pairs: readonly (readonly [string, string])[],
  revision: { id: string; down: string | undefined },
): PlannedFile {
  const table = moduleNames(module.name).table;
  const path = `${VERSIONS_DIR}/${revision.id}_rename_in_${table}.py`;
  const template = "module/migrations/rename.py.eta";
  const steps = renameColumnSteps(
    moduleView(before, project.database, project.auth, project.ids),
    moduleView(module, project.database, project.auth, project.ids),
    pairs,
    DATABASE_PROFILES[project.database].foreignKeyOnDelete,
  );
  const content = render(template, {
    ...moduleContext(project, module),
    pairs,
    steps,
    revision: { id: revision.id, down: revision.down ?? null },
  });
  const why = `renames ${pairs.map(([from, to]) => `${from} to ${to}`).join(", ")} in the ` +
    `${table} table (Alembic revision ${revision.id})`;
  return plannedFile({ origin: "module", why, lesson: "migrations" }, path, template, content);
}
