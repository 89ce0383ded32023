/**
 * The files of one resource module. `pyscaffold new` renders them for the
 * first module and `pyscaffold add` for every later one: one code path.
 * `{module}` in a path becomes the module name.
 */
import type { FileRule } from "./_types.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";

/** What a module's templates may depend on: the project's choices, not its first module. */
export type ModuleProject = Omit<ProjectSpec, "module">;

/**
 * Model and schemas are the same for Flask and Quart; the repository, service,
 * controller and tests are framework-specific (sync or async), under
 * templates/module/{framework}/.
 */
export const MODULE_FILES: readonly FileRule<ModuleProject>[] = [
  {
    path: "src/models/{module}_model.py",
    template: "module/model.py.eta",
    origin: "module",
    why: "the module's table: its fields plus the audit fields of the base model",
    lesson: "base-model",
  },
  {
    path: "src/{module}/__init__.py",
    template: "module/init.py.eta",
    origin: "module",
    why: "the module's package (its controller is discovered, not registered)",
    lesson: "auto-discovery",
  },
  {
    path: "src/{module}/{module}_schemas.py",
    template: "module/schemas.py.eta",
    origin: "module",
    why: "pydantic bodies: create, update (all optional) and output",
    lesson: "three-layer-architecture",
  },
  {
    path: "src/{module}/{module}_repository.py",
    template: "module/{framework}/repository.py.eta",
    origin: "module",
    why: "queries: active rows only, ordered by id, paginated",
    lesson: "repository-pattern",
  },
  {
    path: "src/{module}/{module}_service.py",
    template: "module/{framework}/service.py.eta",
    origin: "module",
    why: "the rules: not found, conflicts, soft delete, audit fields, cache",
    lesson: "three-layer-architecture",
  },
  {
    path: "src/{module}/{module}_controller.py",
    template: "module/{framework}/controller.py.eta",
    origin: "module",
    why: "the routes: request in, envelope out",
    lesson: "three-layer-architecture",
  },
  {
    path: "tests/test_{module}.py",
    template: "module/{framework}/test_module.py.eta",
    origin: "module",
    why: "CRUD, pagination, soft delete and validation of every field",
    lesson: "testing",
  },
];
