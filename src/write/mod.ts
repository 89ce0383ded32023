/**
 * The only part of pyscaffold that writes to the disk: one writer for every
 * Plan, all or nothing, with one interrupt handler (SIGINT, SIGTERM).
 *
 * - A new project (`new`) is staged beside its target and renamed into place
 *   (_new_project.ts): an interrupted or failed run leaves nothing, or the
 *   whole project.
 * - Changes to an existing project (`add`, `remove`) are staged inside it,
 *   existing files moved aside as backups, and rolled back on failure or
 *   interrupt (_changes.ts): the project is left exactly as it was.
 *
 * In both, the answers file is written last.
 */
import { UserError } from "../errors.ts";
import type { Plan } from "../plan/mod.ts";
import { safeRelativePath } from "../project/paths.ts";
import { applyChanges } from "./_changes.ts";
import { fsError } from "./_fs_error.ts";
import type { StepHook } from "./_interrupt.ts";
import { writeNewProject, type WriteProgress } from "./_new_project.ts";

export { checkNewTarget, type WriteProgress } from "./_new_project.ts";
export { fsError } from "./_fs_error.ts";
export { cleanStaleStaging, removeStaleNewStaging } from "./_staging.ts";
export type { StepHook } from "./_interrupt.ts";

export interface WriteOptions {
  /** Called after each file is written. */
  onProgress?: WriteProgress;
  /** For tests: called at each step boundary; throwing there simulates a failure mid-way. */
  onStep?: StepHook;
}

/**
 * Applies `plan` to `target`: the directory to create (a `new` plan) or the
 * root of the project to change (an `existing` plan). Throws CancelledError
 * when interrupted, a UserError on failure; either way nothing is changed.
 */
export async function writePlan(
  plan: Plan,
  target: string,
  options: WriteOptions = {},
): Promise<void> {
  // A planned path is relative, POSIX and inside the project; anything else is a bug upstream.
  for (const { path } of [...plan.files, ...plan.deletes]) {
    if (safeRelativePath(path) === undefined) {
      throw new Error(`refusing to write outside the project: ${JSON.stringify(path)}`);
    }
  }
  if (plan.target === "new") {
    await writeNewProject(target, plan.files, options.onProgress, options.onStep);
    return;
  }
  await applyChanges(
    target,
    { files: plan.files, deletes: plan.deletes.map((d) => d.path), prune: plan.prune },
    options.onProgress,
    options.onStep,
  );
}

/**
 * Writes one new file (such as `--save-answers`), refusing to replace a file
 * that is already there with other content: the user decides what to do with it.
 */
export async function writeNewFile(path: string, content: string): Promise<void> {
  try {
    if ((await Deno.readTextFile(path)) === content) return;
    throw new UserError(`${path} already exists; it was left as it is.`, {
      hint: "Choose another file name, or remove the file first.",
    });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw fsError(error, path);
  }
  try {
    await Deno.writeTextFile(path, content, { createNew: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) {
      await Deno.remove(path).catch(() => {});
    }
    throw fsError(error, path);
  }
}
