/**
 * The staging directories the writer makes, and cleaning up after a run that was
 * killed (SIGKILL, a power cut) while writing:
 *
 * - `new` stages a project in `.<name>.pyscaffold-<8 hex>` beside its target;
 * - `add` and `remove` stage in `.pyscaffold-tx-<8 hex>` inside the project, with a
 *   journal of every rename, so a killed change can be rolled back.
 *
 * The writer holds an advisory lock on its staging directory while it works (made under
 * another name and renamed once locked, so it is never seen unlocked); a directory whose
 * lock nobody holds was left by a killed run, and the next command that works there
 * cleans it: `new` in the target's parent, `add` and `remove` in the project
 * (rolling back the unfinished change from its journal) and in the project's parent.
 */
import { dirname, join, parentOf, resolve } from "../path.ts";
import { ANSWERS_FILE } from "../project/answers_file.ts";
import { sha256 } from "../plan/mod.ts";

/** `.<name>.pyscaffold-<8 hex>`: where `new` stages a project, beside its target. */
export const NEW_STAGING = /^\..+\.pyscaffold-[0-9a-f]{8}$/;
/** `.pyscaffold-tx-<8 hex>`: where `add` and `remove` stage their changes, in the project. */
export const TX_STAGING = /^\.pyscaffold-tx-[0-9a-f]{8}$/;
export const TX_PREFIX = ".pyscaffold-tx-";
/** The journal of a change, inside its staging directory: one JSON step per line. */
export const JOURNAL = "journal";

/**
 * One step of a change, written to the journal BEFORE it is done, so that whatever
 * point a kill falls on, the journal covers every change on disk. Paths are relative:
 * `path` to the project, `staged` to the staging directory.
 */
export type JournalStep =
  | { mkdir: string }
  | { aside: string; staged: string }
  // sha256: the content placed (text files), so that a rollback keeps a file changed since
  | { place: string; staged: string; sha256?: string }
  | { commit: true };

/**
 * The suffix of a staging directory while it is made: a name no cleaner matches
 * (NEW_STAGING and TX_STAGING end with the 8 hex digits), until it is locked.
 */
export const LOCKING_SUFFIX = ".locking";

/**
 * Creates the staging directory `dir` and holds an advisory lock on it for as long as this
 * process writes into it (close the handle to release it), so that another run can tell a
 * live staging directory from one left by a killed run. Where directories cannot be locked,
 * nothing is (undefined).
 *
 * The directory is made as `<dir>.locking`, locked, and only then renamed to `dir` (the lock
 * stays with it): under a name that cleaners match it is locked from its first moment. Made
 * and locked under its own name, it was unlocked in between, and another run's cleaner (`new`
 * or `add` starting beside this one) could take it for a dead run's and remove it; retrying
 * under the same name lost to each other cleaner in turn (seen with twelve `new`s at once).
 * A kill between the mkdir and the rename, a few system calls, leaves an empty
 * `<dir>.locking`, which no run removes.
 */
export async function makeLockedDirectory(
  dir: string,
  mode = 0o755,
): Promise<Deno.FsFile | undefined> {
  const locking = `${dir}${LOCKING_SUFFIX}`;
  await Deno.mkdir(locking, { mode });
  let handle: Deno.FsFile | undefined;
  try {
    try {
      handle = await Deno.open(locking, { read: true });
      await handle.lock(true);
    } catch {
      handle?.close(); // a file system without locks: written unlocked
      handle = undefined;
    }
    await Deno.rename(locking, dir);
    return handle;
  } catch (error) {
    handle?.close();
    await Deno.remove(locking).catch(() => {});
    throw error;
  }
}

/**
 * Runs `clean` on every directory of `parent` named like `pattern` whose lock nobody
 * holds (holding it meanwhile, so two cleaners never meet). Returns the names cleaned.
 */
async function cleanStale(
  parent: string,
  pattern: RegExp,
  clean: (path: string) => Promise<string[] | void>,
): Promise<string[]> {
  const cleaned: string[] = [];
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(parent)) {
      if (entry.isDirectory && pattern.test(entry.name)) names.push(entry.name);
    }
  } catch {
    return cleaned; // an unreadable parent fails later, with a clear message
  }
  for (const name of names.sort()) {
    const path = join(parent, name);
    let handle: Deno.FsFile | undefined;
    try {
      handle = await Deno.open(path, { read: true });
      if (await handle.tryLock(true)) {
        const kept = await clean(path) ?? [];
        cleaned.push(kept.length ? `${name} (kept, changed since: ${kept.join(", ")})` : name);
      }
    } catch {
      // not ours to judge: leave it
    } finally {
      handle?.close();
    }
  }
  return cleaned;
}

/** Removes the staging directories that killed runs of `new` left in `parent`. */
export async function removeStaleNewStaging(parent: string): Promise<string[]> {
  return await cleanStale(parent, NEW_STAGING, (path) => Deno.remove(path, { recursive: true }));
}

/** Whether something (a file, a directory, a link) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

function readJournal(text: string): JournalStep[] {
  const steps: JournalStep[] = [];
  for (const line of text.split("\n")) {
    try {
      if (line.trim()) steps.push(JSON.parse(line));
    } catch {
      break; // a line cut short by the kill: its step was not started
    }
  }
  return steps;
}

/** Journal paths are written by the writer itself; anything else is not followed. */
function inside(base: string, rel: string): string | undefined {
  if (
    typeof rel !== "string" || rel === "" || rel.startsWith("/") || rel.split("/").includes("..")
  ) {
    return undefined;
  }
  return join(base, ...rel.split("/"));
}

/**
 * Rolls back the change a killed `add` or `remove` left in `staging` (inside `root`), from
 * its journal, newest step first, and removes the staging directory. A change whose
 * journal ends with its commit was complete: only the directory goes. A file the run placed
 * and someone changed since is kept (its path is returned), never deleted.
 */
async function rollBackStaged(root: string, staging: string): Promise<string[]> {
  const kept: string[] = [];
  let text = "";
  try {
    text = await Deno.readTextFile(join(staging, JOURNAL));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const steps = readJournal(text);
  if (!steps.some((s) => "commit" in s)) {
    for (const step of steps.reverse()) {
      try {
        if ("place" in step) {
          const [target, staged] = [inside(root, step.place), inside(staging, step.staged)];
          if (target && staged && !(await exists(staged)) && await exists(target)) {
            if (step.sha256 && await sha256(await Deno.readTextFile(target)) !== step.sha256) {
              kept.push(step.place);
            } else {
              await Deno.remove(target);
            }
          }
        } else if ("aside" in step) {
          const [target, staged] = [inside(root, step.aside), inside(staging, step.staged)];
          if (target && staged && await exists(staged) && !(await exists(target))) {
            await Deno.rename(staged, target);
          }
        } else if ("mkdir" in step) {
          const dir = inside(root, step.mkdir);
          if (dir) await Deno.remove(dir).catch(() => {}); // only when empty
        }
      } catch {
        // keep undoing the rest
      }
    }
  }
  await Deno.remove(staging, { recursive: true });
  return kept;
}

/**
 * Cleans what killed runs left around the project that contains `start`: the unfinished
 * changes of `add` and `remove` are rolled back (every folder from `start` up to the
 * project root is looked at, since a kill may have left the root without its answers
 * file), and the staging directories of `new` in the project's parent are removed.
 * Returns the names cleaned, for a note to the user.
 */
export async function cleanStaleStaging(start: string): Promise<string[]> {
  const cleaned: string[] = [];
  let dir = resolve(start);
  for (;;) {
    cleaned.push(...await cleanStale(dir, TX_STAGING, (path) => rollBackStaged(dir, path)));
    if (await exists(join(dir, ANSWERS_FILE)).catch(() => false)) {
      cleaned.push(...await removeStaleNewStaging(dirname(dir)));
      return cleaned;
    }
    const parent = parentOf(dir);
    if (parent === undefined) return cleaned;
    dir = parent;
  }
}
