import { render } from "../render/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { buildModuleFiles } from "./module_plan.ts";
import { PROJECT_FILES } from "./project_files.ts";
import { byPath, type Plan, type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { projectContext } from "./template_context.ts";
import { fileHashes } from "./content_hash.ts";
import { plannedAnswersFile, plannedModuleRecord } from "./answers_plan.ts";
import { answersFileContent, type ModuleRecord } from "../project/answers_file.ts";
import { plannedStore } from "./store_plan.ts";

/**
 * The rendered files of a new project but its records (the answers file, the first module's
 * record and the base store, which hash these): the project's own files, and its first module's.
 * Synchronous, for what only compares content (the wizard's guide, `update`'s merge).
 */
export function renderProject(
  spec: ProjectSpec,
): { project: PlannedFile[]; module: PlannedFile[] } {
  const context = projectContext(spec);
  const project = PROJECT_FILES.filter((rule) => rule.when?.(spec) ?? true).map((rule) => {
    const template = resolveTemplate("project", rule.template, spec.framework);
    return plannedFile(rule, rule.path, template, render(template, context));
  });
  return { project, module: buildModuleFiles(spec, spec.module) };
}

/** Every file of a new project, rendered in memory, with its records and base store. */
export async function buildProjectPlan(spec: ProjectSpec): Promise<Plan> {
  const { project, module: moduleFiles } = renderProject(spec);
  const files = [...project, ...moduleFiles];
  files.push(plannedAnswersFile(answersFileContent(spec), "create"));
  const record: ModuleRecord = {
    fields: spec.module.fields,
    access: spec.auth ? spec.module.access ?? "owner" : "public",
    files: await fileHashes(moduleFiles),
  };
  files.push(plannedModuleRecord(spec.module.name, record, "create"));
  files.push(await plannedStore(files.map((f) => [f.path, f.content]), "create"));
  files.sort(byPath);
  return { root: spec.name, spec, target: "new", files, deletes: [], conflicts: [], prune: [] };
}
