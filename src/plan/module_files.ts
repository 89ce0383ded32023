/**
 * The files of one resource module. `pyscaffold new` renders them for the
 * first module and `pyscaffold add` for every later one: one code path.
 * `{module}` in a path becomes the module name.
 */
import type { FileRule } from "./_types.ts";
import type { ProjectSpec } from "../spec/project_spec.ts";

/** What a module's templates may depend on: the project's choices, not its first module. */
export type ModuleProject = Omit<ProjectSpec, "module">;

export const MODULE_FILES: readonly FileRule<ModuleProject>[] = [];
