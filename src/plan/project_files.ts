/**
 * The project-level files: which template makes each file, when it is
 * included, and why it exists. Module files (controller, service, ...) are in
 * module_files.ts and are shared with `pyscaffold add`.
 *
 * `{framework}` in a template path becomes `flask` or `quart`; files that are
 * the same for both frameworks live under templates/project/common/.
 */
import type { FileRule } from "./_types.ts";

export const PROJECT_FILES: readonly FileRule[] = [
  {
    path: "README.md",
    template: "project/common/README.md.eta",
    origin: "core",
    why: "how to run, test, migrate and extend the project",
  },
];
