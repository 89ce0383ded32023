import { render } from "../render/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { buildModuleFiles } from "./module_plan.ts";
import { PROJECT_FILES } from "./project_files.ts";
import { byPath, type Plan, type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { projectContext } from "./template_context.ts";
import { fileHashes } from "./content_hash.ts";
import { plannedAnswersFile } from "./answers_plan.ts";
import { answersFileContent } from "../project/answers_file.ts";
import { plannedStore } from "./store_plan.ts";

/**
 * The rendered files of a new project but its two records (the answers file and the base
 * store, which hash and compress these): the project's own files, and its first module's.
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

/** Every file of a new project, rendered in memory, with its answers file and base store. */
export async function buildProjectPlan(spec: ProjectSpec): Promise<Plan> {
  const { project, module: moduleFiles } = renderProject(spec);
  const files = [...project, ...moduleFiles];
  files.push(plannedAnswersFile(
    answersFileContent(spec, {
      [spec.module.name]: {
        fields: spec.module.fields,
        access: spec.auth ? spec.module.access ?? "owner" : "public",
        files: await fileHashes(moduleFiles),
      },
    }),
    "create",
  ));
  files.push(await plannedStore(files.map((f) => [f.path, f.content]), "create"));
  files.sort(byPath);
  return { root: spec.name, spec, target: "new", files, deletes: [], conflicts: [], prune: [] };
}
