/**
 * The files of one module, rendered in memory: the same code for the first
 * module of `new` and for every module `add` creates, plus the Alembic
 * revisions `add` and `remove` chain onto the project's migrations.
 */
import type { ModuleSpec } from "../choices/module_spec.ts";
import { moduleNames } from "../choices/module_names.ts";
import { render } from "../render/mod.ts";
import { VERSIONS_DIR } from "../project/migrations.ts";
import { MODULE_FILES, type ModuleProject } from "./module_files.ts";
import { type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { moduleContext } from "./template_context.ts";
import { addColumnSteps, moduleView } from "../python/mod.ts";

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
 * The Alembic revision that adds the fields `added` (columns of `module`, which holds them) to
 * the module's table, chained onto `down`.
 */
export function buildExtensionFile(
  project: ModuleProject,
  module: ModuleSpec,
  added: readonly string[],
  revision: { id: string; down: string | undefined },
): PlannedFile {
  const table = moduleNames(module.name).table;
  const path = `${VERSIONS_DIR}/${revision.id}_add_to_${table}.py`;
  const template = "module/migrations/extend.py.eta";
  const context = moduleContext(project, module);
  const view = moduleView(module, project.database, project.auth);
  const filled = view.fields.filter((f) => added.includes(f.column) && f.migrationFilledColumn);
  const content = render(template, {
    ...context,
    added,
    filled: filled.map((f) => f.column),
    steps: addColumnSteps(view, added),
    revision: { id: revision.id, down: revision.down ?? null },
  });
  const why = `adds ${added.join(", ")} to the ${table} table (Alembic revision ${revision.id})`;
  return plannedFile({ origin: "module", why, lesson: "migrations" }, path, template, content);
}
