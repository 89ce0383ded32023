import { render } from "../render/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { buildModuleFiles } from "./module_plan.ts";
import { PROJECT_FILES } from "./project_files.ts";
import { byPath, type Plan, type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { projectContext } from "./template_context.ts";
import { sha256 } from "./content_hash.ts";
import { plannedAnswersFile } from "./answers_plan.ts";
import { answersFileContent } from "../project/answers_file.ts";
import { plannedStore } from "./store_plan.ts";

/** Every file of a new project, rendered in memory. */
export function buildProjectPlan(spec: ProjectSpec): Plan {
  const context = projectContext(spec);
  const files: PlannedFile[] = PROJECT_FILES.filter((rule) => rule.when?.(spec) ?? true).map(
    (rule) => {
      const template = resolveTemplate("project", rule.template, spec.framework);
      return plannedFile(rule, rule.path, template, render(template, context));
    },
  );
  const moduleFiles = buildModuleFiles(spec, spec.module);
  files.push(...moduleFiles);
  files.push(plannedAnswersFile(
    answersFileContent(spec, {
      [spec.module.name]: {
        fields: spec.module.fields,
        access: spec.auth ? spec.module.access ?? "owner" : "public",
        files: Object.fromEntries(moduleFiles.map((f) => [f.path, sha256(f.content)])),
      },
    }),
    "create",
  ));
  files.push(plannedStore(files.map((f) => [f.path, f.content]), "create"));
  files.sort(byPath);
  return { root: spec.name, spec, target: "new", files, deletes: [], conflicts: [], prune: [] };
}
