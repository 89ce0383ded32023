/**
 * A new project is written into a staging directory beside its target and
 * renamed into place in one step (into an existing empty directory, entry by
 * entry), so an interrupted run leaves either nothing or the whole project. On
 * SIGINT or SIGTERM the staging directory is removed; after a SIGKILL it stays
 * behind, locked by nobody, and the next command there removes it (_staging.ts).
 */
import { basename, dirname, join, resolve } from "../path.ts";
import { CancelledError, UserError } from "../errors.ts";
import { ANSWERS_FILE } from "../project/answers_file.ts";
import { fileBytes, type PlannedFile } from "../plan/mod.ts";
import { fsError } from "./_fs_error.ts";
import { interruptible, type StepHook } from "./_interrupt.ts";
import { allowExecute } from "./_modes.ts";
import { makeLockedDirectory, removeStaleNewStaging } from "./_staging.ts";

export interface WriteProgress {
  (written: number, total: number, path: string): void;
}

/**
 * Checks that `target` can receive a new project: absent, or an empty directory. The path is
 * checked as it will be written, resolved (`absent/..` is the directory it ends in); an empty
 * one is refused, since it is most often a shell variable that was not set.
 */
export async function checkNewTarget(target: string): Promise<void> {
  if (target.trim() === "") {
    throw new UserError("The project directory is empty text.", {
      hint: 'Pass a name (pyscaffold new my-api), or "." for the current directory.',
    });
  }
  const absolute = resolve(target);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(absolute);
    // A symbolic link is followed to its directory; a dangling one is refused below.
    if (info.isSymlink) info = await Deno.stat(absolute);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      if (await isDanglingLink(absolute)) {
        throw new UserError(`${target} is a symbolic link to nothing.`, {
          hint: "Remove the link, or choose another project name or directory.",
        });
      }
      await checkParent(dirname(absolute));
      return;
    }
    throw fsError(error, target);
  }
  if (!info.isDirectory) {
    throw new UserError(`${target} exists and is not a directory.`, {
      hint: "Choose another project name or directory.",
    });
  }
  for await (const _ of Deno.readDir(absolute)) {
    // `..` or `.` in it: the directory it ends in is named too.
    const named = basename(target) === basename(absolute) ? target : `${target} (${absolute})`;
    throw new UserError(`${named} already exists and is not empty; nothing was written.`, {
      hint: "Choose another directory, or empty this one first.",
    });
  }
}

async function isDanglingLink(path: string): Promise<boolean> {
  try {
    return (await Deno.lstat(path)).isSymlink;
  } catch {
    return false;
  }
}

async function checkParent(parent: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(parent);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UserError(`The parent directory ${parent} does not exist.`, {
        hint: "Create it first, or choose another location.",
      });
    }
    throw fsError(error, parent);
  }
  if (!info.isDirectory) throw new UserError(`${parent} is not a directory.`);
}

/**
 * Writes every file into `target`, which must be absent or empty. All or
 * nothing: the files go into a staging directory that is renamed onto the
 * target in one step. An interrupt cancels the write (CancelledError) and
 * removes the staging directory; once the rename has started the project is
 * complete and the signal is ignored.
 */
export async function writeNewProject(
  target: string,
  files: readonly PlannedFile[],
  onProgress?: WriteProgress,
  hook?: StepHook,
): Promise<void> {
  await checkNewTarget(target);
  // Write into the directory a symbolic link points at, and keep the link.
  const absolute = await realTarget(resolve(target));
  await removeStaleNewStaging(dirname(absolute));
  const stagingName = () =>
    join(dirname(absolute), `.${basename(absolute)}.pyscaffold-${crypto.randomUUID().slice(0, 8)}`);
  let staging: string | undefined;
  let lock: Deno.FsFile | undefined;
  try {
    await interruptible(async (checkpoint) => {
      ({ path: staging, lock } = makeLockedDirectory(stagingName));
      // Each folder once, parents first, rather than a recursive mkdir per file.
      for (const folder of foldersOf(files)) Deno.mkdirSync(join(staging, ...folder.split("/")));
      let written = 0;
      for (const file of files) {
        await checkpoint(`stage ${file.path}`);
        // Synchronous: a small file is written faster than an asynchronous call is
        // dispatched, and the checkpoint above still lets a signal in between files.
        const path = join(staging, ...file.path.split("/"));
        // No mode: the umask decides, as for git and cp (_modes.ts).
        Deno.writeFileSync(path, fileBytes(file), { createNew: true });
        if (file.executable) allowExecute(path);
        onProgress?.(++written, files.length, file.path);
      }
      // The last check: the rename that follows is synchronous and starts before any
      // signal listener could run, so the project lands whole.
      await checkpoint("commit");
      moveIntoPlace(staging, absolute);
    }, hook);
  } catch (error) {
    if (staging) await Deno.remove(staging, { recursive: true }).catch(() => {});
    const failure = fsError(error, target);
    if (failure instanceof CancelledError) throw failure;
    const said = /nothing was written\.$/i.test(failure.message);
    throw new UserError(said ? failure.message : `${failure.message} Nothing was written.`, {
      hint: failure.hint,
    });
  } finally {
    lock?.close();
  }
}

/** Every folder that holds a file of `files` (paths with "/"), each parent before its children. */
export function foldersOf(files: readonly Pick<PlannedFile, "path">[]): string[] {
  const folders = new Set<string>();
  for (const { path } of files) {
    for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
      folders.add(path.slice(0, i));
    }
  }
  // A parent is a prefix of its children, so it sorts before them.
  return [...folders].sort();
}

async function realTarget(absolute: string): Promise<string> {
  try {
    return await Deno.realPath(absolute);
  } catch {
    return absolute; // absent: created by the rename
  }
}

/**
 * An absent target becomes the staging directory, renamed: one atomic step.
 * An existing empty directory is kept — a shell may be sitting in it
 * (`new .`), and it may have its own owner, mode or mount — and the staged
 * entries are renamed into it, the answers file last, synchronously, so no
 * signal handler runs in between; only a SIGKILL within that sub-millisecond
 * loop could leave part.
 */
function moveIntoPlace(staging: string, target: string): void {
  let exists = false;
  try {
    exists = Deno.statSync(target).isDirectory;
  } catch {
    // absent
  }
  if (!exists) {
    Deno.renameSync(staging, target);
    return;
  }
  // Checked again: a file that appeared since the first check must not be replaced.
  for (const _ of Deno.readDirSync(target)) {
    throw new UserError(`${target} is no longer empty; nothing was written.`);
  }
  const names = [...Deno.readDirSync(staging)].map((e) => e.name)
    .sort((a, b) => Number(a === ANSWERS_FILE) - Number(b === ANSWERS_FILE));
  const moved: string[] = [];
  try {
    for (const name of names) {
      Deno.renameSync(join(staging, name), join(target, name));
      moved.push(name);
    }
  } catch (error) {
    for (const name of moved.reverse()) {
      Deno.renameSync(join(target, name), join(staging, name));
    }
    throw error;
  }
  Deno.removeSync(staging);
}
