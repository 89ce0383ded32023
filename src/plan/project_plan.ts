import { createHash } from "node:crypto";
import { render } from "../render/mod.ts";
import { type ModuleView, moduleView } from "../choices/module_spec.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { VERSION } from "../version.ts";
import { awaited, FRAMEWORK_PROFILES } from "../choices/frameworks.ts";
import { DATABASE_PROFILES } from "../choices/databases.ts";
import { answerContext } from "../choices/features/mod.ts";
import type { ModuleProject } from "./module_files.ts";
import { buildModuleFiles } from "./module_plan.ts";
import { PROJECT_FILES } from "./project_files.ts";
import { type Plan, type PlannedFile, plannedFile, resolveTemplate } from "./_types.ts";
import { ANSWERS_FILE, answersFileContent } from "../project/answers_file.ts";

/** Flags every template can test: `it.flask`, `it.oracle`, `it.auth`, ... */
export function projectFlags(project: ModuleProject) {
  return {
    version: VERSION,
    project: {
      name: project.name,
      /** `my-api` → `my_api`: for identifiers such as the cache key prefix. */
      slug: project.name.replaceAll("-", "_"),
      title: project.name.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join(" "),
    },
    /** Each answer by its question's id, each choice as a flag, the dependency lists. */
    ...answerContext(project),
    /** The framework profile (src/choices/frameworks.ts). */
    fw: FRAMEWORK_PROFILES[project.framework],
    /** `it.awaited("x")`: `(await x)` on Quart, `x` on Flask. */
    awaited: (expr: string) => awaited(FRAMEWORK_PROFILES[project.framework], expr),
    /** The database profile (src/choices/databases.ts). */
    db: DATABASE_PROFILES[project.database],
  };
}

/** The context project templates see as `it`. */
export function projectContext(
  spec: ProjectSpec,
): ReturnType<typeof projectFlags> & { module: ModuleView; modules: ModuleView[] } {
  const module = moduleView(spec.module, spec.database);
  return { ...projectFlags(spec), module, modules: [module] };
}

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

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
  files.push({
    ...plannedFile(
      { path: ANSWERS_FILE, template: "", origin: "core", why: "" },
      ANSWERS_FILE,
      "",
      answersFileContent(spec, {
        [spec.module.name]: {
          fields: spec.module.fields,
          files: Object.fromEntries(moduleFiles.map((f) => [f.path, sha256(f.content)])),
        },
      }),
    ),
    why: "the answers this project was generated with; `pyscaffold add` reads them",
    lesson: undefined,
  });
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { root: spec.name, spec, files };
}
