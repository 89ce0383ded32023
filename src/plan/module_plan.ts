import type { ModuleSpec } from "../choices/module_spec.ts";
import { type ModuleView, moduleView } from "../python/mod.ts";
import { render } from "../render/mod.ts";
import { MODULE_FILES, type ModuleProject } from "./module_files.ts";
import { type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { projectFlags } from "./project_plan.ts";

/** The context module templates see as `it`. */
export function moduleContext(
  project: ModuleProject,
  module: ModuleSpec,
): ReturnType<typeof projectFlags> & { module: ModuleView } {
  return { ...projectFlags(project), module: moduleView(module, project.database) };
}

/** Renders the files of one module for a project. */
export function buildModuleFiles(project: ModuleProject, module: ModuleSpec): PlannedFile[] {
  const context = moduleContext(project, module);
  return MODULE_FILES.filter((rule) => rule.when?.(project) ?? true).map((rule) => {
    const path = rule.path.replaceAll("{module}", module.name);
    const template = resolveTemplate("module", rule.template, project.framework);
    return plannedFile(rule, path, template, render(template, context));
  });
}
