/**
 * The files of one resource module. `pyscaffold new` renders them for the
 * first module and `pyscaffold add` for every later one: one code path.
 * `{module}` in a path becomes the module name.
 */
import type { FileRule } from "./_types.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { FRAMEWORK_PROFILES } from "../choices/frameworks.ts";

/** What a module's templates may depend on: the project's choices, not its first module. */
export type ModuleProject = Omit<ProjectSpec, "module">;

/** Whether the project's framework has live feeds (src/realtime). */
const realtime = (project: ModuleProject) => FRAMEWORK_PROFILES[project.framework].realtime;

/**
 * Templates are named without their family: `resolveTemplate("module", ...)`
 * picks templates/module/<framework>/<name>.eta where a framework has its own
 * version, and templates/module/<name>.eta otherwise.
 */
export const MODULE_FILES: readonly FileRule<ModuleProject>[] = [
  {
    path: "src/models/{module}_model.py",
    template: "model.py",
    origin: "module",
    why: "the module's table: its fields plus the audit fields of the base model",
    lesson: "base-model",
  },
  {
    path: "src/{module}/__init__.py",
    template: "init.py",
    origin: "module",
    why: "the module's package (its controller is discovered, not registered)",
    lesson: "auto-discovery",
  },
  {
    path: "src/{module}/{module}_schemas.py",
    template: "schemas.py",
    origin: "module",
    why: "pydantic bodies: create, update (all optional) and output",
    lesson: "three-layer-architecture",
  },
  {
    path: "src/{module}/{module}_repository.py",
    template: "repository.py",
    origin: "module",
    why: "queries: active rows only, ordered by id, paginated",
    lesson: "repository-pattern",
  },
  {
    path: "src/{module}/{module}_service.py",
    template: "service.py",
    origin: "module",
    why: "the rules: not found, conflicts, soft delete, audit fields, cache",
    lesson: "three-layer-architecture",
  },
  {
    path: "src/{module}/{module}_controller.py",
    template: "controller.py",
    origin: "module",
    why: "the routes: request in, envelope out",
    lesson: "three-layer-architecture",
  },
  {
    path: "tests/test_{module}.py",
    template: "test_module.py",
    origin: "module",
    why: "CRUD, pagination, soft delete and validation of every field",
    lesson: "testing",
  },
  {
    path: "src/{module}/{module}_feed.py",
    template: "feed.py",
    origin: "module",
    why: "the module's live feed (GET /ws/<table>): its model, output schema and read rule",
    lesson: "websockets",
    when: realtime,
  },
  {
    path: "tests/test_{module}_feed.py",
    template: "test_feed.py",
    origin: "module",
    why: "the live feed: authentication, events per access rule, garbage and oversized frames",
    lesson: "websockets",
    when: realtime,
  },
];
