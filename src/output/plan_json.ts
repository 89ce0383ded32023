import type { Plan } from "../plan/mod.ts";

/**
 * The Plan as `--json` prints it, the same for every command: the root, the
 * choices, every file to create or replace with its content and provenance
 * (`action`, `path`, `content`, `size`, `lines`, `origin`, `why`, `lesson`,
 * `template`), the files to delete, and the conflicts found on disk.
 */
export function planJson(plan: Plan): object {
  return {
    root: plan.root,
    spec: plan.spec,
    target: plan.target,
    files: plan.files,
    deletes: plan.deletes,
    conflicts: plan.conflicts,
  };
}
