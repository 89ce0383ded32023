/**
 * What templates see as `it`. Project and module templates share the flags;
 * project templates also get every module, module templates their own.
 */
import type { ModuleSpec } from "../choices/module_spec.ts";
import { type ModuleView, moduleView, PYTHON_FORMAT } from "../python/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { VERSION } from "../version.ts";
import { awaited, FRAMEWORK_PROFILES } from "../choices/frameworks.ts";
import { DATABASE_PROFILES } from "../choices/databases.ts";
import { ID_PROFILES } from "../choices/ids.ts";
import { SWAGGER_UI, toolPin } from "../choices/dependencies.ts";
import { answerContext } from "../choices/features/mod.ts";
import type { ModuleProject } from "./module_files.ts";

/** Flags every template can test: `it.flask`, `it.oracle`, `it.auth`, ... */
export function projectFlags(project: ModuleProject) {
  return {
    version: VERSION,
    project: {
      name: project.name,
      /** `my-api` → `my_api`: for identifiers such as the cache key prefix. */
      slug: project.name.replaceAll("-", "_"),
      title: project.name.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join(" "),
      /** deploy/k8s/ object names: `<kube>-migrate` must stay a 63-character DNS label. */
      kube: project.name.slice(0, 52).replace(/-+$/, ""),
    },
    /** Each answer by its question's id, each choice as a flag, the dependency lists. */
    ...answerContext(project),
    /** The width of the ids (src/choices/ids.ts): `it.ids.model`, `it.ids.migration`, ... */
    ids: ID_PROFILES[project.ids],
    /** The framework profile (src/choices/frameworks.ts). */
    fw: FRAMEWORK_PROFILES[project.framework],
    /** `it.awaited("x")`: `(await x)` on Quart, `x` on Flask. */
    awaited: (expr: string) => awaited(FRAMEWORK_PROFILES[project.framework], expr),
    /** The database profile (src/choices/databases.ts). */
    db: DATABASE_PROFILES[project.database],
    /**
     * Python statements laid out as ruff formats them (src/python/python_format.ts), for
     * the lines a long name could push past 100 columns: `it.py.def(...)`, `it.py.call(...)`.
     */
    py: PYTHON_FORMAT,
    /** `it.toolPin("kubernetes-validate")`: a checker CI installs, pinned (src/choices/dependencies.ts). */
    toolPin,
    /** The Swagger UI files of /docs: version and integrity hashes (src/choices/dependencies.ts). */
    swaggerUi: SWAGGER_UI,
  };
}

/** The context project templates see as `it`. */
export function projectContext(
  spec: ProjectSpec,
): ReturnType<typeof projectFlags> & { module: ModuleView; modules: ModuleView[] } {
  const module = moduleView(spec.module, spec.database, spec.auth, spec.ids);
  return { ...projectFlags(spec), module, modules: [module] };
}

/** The context module templates see as `it`. */
export function moduleContext(
  project: ModuleProject,
  module: ModuleSpec,
): ReturnType<typeof projectFlags> & { module: ModuleView } {
  return {
    ...projectFlags(project),
    module: moduleView(module, project.database, project.auth, project.ids),
  };
}
