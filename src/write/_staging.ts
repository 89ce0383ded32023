/**
 * The staging directories the writer makes, and cleaning up after a run that was
 * killed (SIGKILL, a power cut) while writing:
 *
 * - `new` stages a project in `.<name>.pyscaffold-<8 hex>` beside its target;
 * - `add` and `remove` stage in `.pyscaffold-tx-<8 hex>` inside the project, with a
 *   journal of every rename, so a killed change can be rolled back.
 *
 * The writer holds an advisory lock on its staging directory while it works (taken before
 * the directory has its name: makeLockedDirectory); a directory whose lock nobody holds was
 * left by a killed run, and the next command that works there cleans it: `new` in the
 * target's parent, `add` and `remove` in the project (rolling back the unfinished change
 * from its journal) and in the project's parent.
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
 * The suffix of a staging directory until it is locked: its name then is one the cleaners
 * only take once nobody holds it (see makeLockedDirectory).
 */
export const LOCKING_SUFFIX = ".locking";

/**
 * Creates a staging directory named by `name()` and holds an advisory lock on it for as long
 * as this process writes into it (close `lock` to release it), so that another run can tell a
 * live staging directory from one left by a killed run. Where directories cannot be locked,
 * nothing is (`lock` undefined). Returns the directory made and its lock.
 *
 * A directory cannot be locked before it exists, and a cleaner (`new` or `add` starting beside
 * this one) removes a staging directory nobody holds. So it is made as `<name>.locking`, locked,
 * and only then renamed to its name (the lock stays with it): under the name it is written in,
 * it is locked from its first moment. A cleaner that takes a `<name>.locking` in the moment
 * before its lock (what a kill at that moment leaves is one too) makes the lock or the rename
 * fail: the directory is made again under a new name, which cleaners that listed the old one
 * cannot meet. Synchronous from the mkdir to the rename: no other task of the process runs in
 * between, and a signal's listener waits.
 *
 * Made, opened and locked under its name by asynchronous calls, it was unlocked for an
 * event-loop turn or two, and made again under the same name, it could be removed by each
 * cleaner that had listed it, in turn: twelve `new`s at once failed so (docs/DECISIONS.md).
 */
export function makeLockedDirectory(
  name: () => string,
  mode = 0o755,
): { path: string; lock: Deno.FsFile | undefined } {
  for (let attempt = 1;; attempt++) {
    const path = name();
    const locking = `${path}${LOCKING_SUFFIX}`;
    Deno.mkdirSync(locking, { mode });
    let lock: Deno.FsFile | undefined;
    try {
      try {
        lock = Deno.openSync(locking, { read: true });
        lock.lockSync(true);
      } catch (error) {
        lock?.close();
        lock = undefined;
        if (error instanceof Deno.errors.NotFound) throw error;
        // a file system without locks: written unlocked
      }
      Deno.renameSync(locking, path);
      return { path, lock };
    } catch (error) {
      lock?.close();
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      // a cleaner removed it meanwhile
      if (attempt >= 5) throw new Deno.errors.NotFound(`${path} was removed while it was made`);
    }
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
    // Synchronous: an awaited step per entry made every `new` and `add` pay for each entry of
    // the directory (1.1 ms for 100 entries, 0.16 synchronously; docs/DECISIONS.md, "#15 the
    // tool, tenth pass").
    for (const entry of Deno.readDirSync(parent)) {
      // One that was being locked when a kill came is left as `<name>.locking`.
      const named = entry.name.endsWith(LOCKING_SUFFIX)
        ? entry.name.slice(0, -LOCKING_SUFFIX.length)
        : entry.name;
      if (entry.isDirectory && pattern.test(named)) names.push(entry.name);
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
