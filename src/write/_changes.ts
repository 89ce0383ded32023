/**
 * Changes to an existing project, all or nothing. `add` and `remove` create,
 * replace and delete a handful of files and record the module; this
 * writes them so that a failure, Ctrl-C or SIGTERM at any point leaves the
 * project exactly as it was:
 *
 * 1. every new content is first written into a staging directory inside the
 *    project (same file system, so the moves below are renames);
 * 2. each change is a rename — an existing file is moved aside into the
 *    staging directory (its backup) before anything replaces it — recorded in
 *    a journal;
 * 3. the records (the answers file, a module's record) are placed last;
 * 4. on error or interrupt the journal is played backwards.
 *
 * The journal is also written to the staging directory, each step before it is done, and
 * the directory is locked while the change runs: after a SIGKILL, the next `add` or
 * `remove` in the project rolls the change back from it (_staging.ts).
 */
import { basename, dirname, join } from "../path.ts";
import { CancelledError, UserError } from "../errors.ts";
import { isRecordPath } from "../project/answers_file.ts";
import { fileBytes, type PlannedFile, sha256 } from "../plan/mod.ts";
import { fsError } from "./_fs_error.ts";
import { interruptible, type StepHook } from "./_interrupt.ts";
import { allowExecute, permissionsOf } from "./_modes.ts";
import type { WriteProgress } from "./_new_project.ts";
import { exists, JOURNAL, type JournalStep, makeLockedDirectory, TX_PREFIX } from "./_staging.ts";

export interface Changes {
  /** Files to create or replace. */
  files: readonly PlannedFile[];
  /** Relative paths of files to delete. */
  deletes: readonly string[];
  /** Directories (relative) to remove afterwards when nothing but caches is left in them. */
  prune: readonly string[];
}

type Step =
  | { kind: "mkdir"; dir: string }
  | { kind: "moved-aside"; from: string; to: string }
  | { kind: "placed"; path: string };

export async function applyChanges(
  root: string,
  changes: Changes,
  onProgress?: WriteProgress,
  hook?: StepHook,
): Promise<void> {
  // The records last (the answers file, a module's record): they must never record a change
  // that did not happen.
  const files = changes.files.filter((f) => !isRecordPath(f.path));
  const records = changes.files.filter((f) => isRecordPath(f.path));
  const deletes = [...changes.deletes].sort((a, b) =>
    Number(isRecordPath(a)) - Number(isRecordPath(b))
  );
  // Named when made (makeLockedDirectory), the first thing the write below does.
  let staging = "";
  const journal: Step[] = [];
  // Written before each step is done: whatever point a kill falls on, it covers the disk.
  const note = (step: JournalStep) =>
    Deno.writeTextFileSync(join(staging, JOURNAL), `${JSON.stringify(step)}\n`, { append: true });
  const total = changes.files.length;
  let done = 0;
  let lock: Deno.FsFile | undefined;
  try {
    await interruptible(async (checkpoint) => {
      ({ path: staging, lock } = makeLockedDirectory(() =>
        join(root, `${TX_PREFIX}${crypto.randomUUID().slice(0, 8)}`)
      ));
      // 1. stage
      const staged = new Map<PlannedFile, string>();
      for (const [i, file] of [...files, ...records].entries()) {
        await checkpoint(`stage ${file.path}`);
        const path = join(staging, `new-${i}`);
        // No mode: a new file gets what the umask leaves; a replaced one keeps its own (below).
        await Deno.writeFile(path, fileBytes(file), { createNew: true });
        if (file.executable) allowExecute(path);
        staged.set(file, path);
      }
      // 2. move into place, every existing file moved aside first
      const place = async (file: PlannedFile, i: number) => {
        await checkpoint(`place ${file.path}`);
        const target = abs(root, file.path);
        await mkdirs(root, dirname(file.path), journal, note);
        if (await exists(target)) {
          if (file.action === "create") {
            throw new UserError(
              `${file.path} appeared since the plan was made; nothing was written.`,
            );
          }
          // The user's permissions (a chmod +x, a chmod 600) stay on what replaces the file.
          const permissions = await permissionsOf(target);
          if (permissions !== undefined) await Deno.chmod(staged.get(file)!, permissions);
          const aside = join(staging, `old-${i}`);
          note({ aside: file.path, staged: `old-${i}` });
          await Deno.rename(target, aside);
          journal.push({ kind: "moved-aside", from: target, to: aside });
        }
        // Text files carry their hash: a rollback after a kill keeps a file changed since.
        const hash = file.encoding === undefined ? { sha256: await sha256(file.content) } : {};
        note({ place: file.path, staged: basename(staged.get(file)!), ...hash });
        await Deno.rename(staged.get(file)!, target);
        journal.push({ kind: "placed", path: target });
        onProgress?.(++done, total, file.path);
      };
      for (const [i, file] of files.entries()) await place(file, i);
      for (const [i, path] of deletes.entries()) {
        await checkpoint(`delete ${path}`);
        const target = abs(root, path);
        const aside = join(staging, `deleted-${i}`);
        note({ aside: path, staged: `deleted-${i}` });
        await Deno.rename(target, aside);
        journal.push({ kind: "moved-aside", from: target, to: aside });
      }
      // 3. the records, last
      for (const [i, record] of records.entries()) await place(record, files.length + i);
      await checkpoint("commit");
      note({ commit: true });
    }, hook);
  } catch (error) {
    rollback(journal);
    removeQuietly(staging);
    lock?.close();
    throw error instanceof CancelledError ? error : fsError(error, root);
  }
  removeQuietly(staging);
  lock?.close();
  for (const dir of changes.prune) pruneDir(abs(root, dir));
}

/** Undoes the journal, newest step first. Synchronous: nothing may run in between. */
function rollback(journal: Step[]): void {
  for (const step of journal.reverse()) {
    try {
      if (step.kind === "placed") Deno.removeSync(step.path);
      else if (step.kind === "moved-aside") Deno.renameSync(step.to, step.from);
      else Deno.removeSync(step.dir);
    } catch {
      // keep undoing the rest
    }
  }
}

async function mkdirs(
  root: string,
  relDir: string,
  journal: Step[],
  note: (step: JournalStep) => void,
): Promise<void> {
  if (relDir === "." || relDir === "") return;
  const parts = relDir.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join("/");
    const dir = abs(root, rel);
    try {
      if (!(await exists(dir))) note({ mkdir: rel });
      await Deno.mkdir(dir);
      journal.push({ kind: "mkdir", dir });
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      // Never write through a symbolic link: it could lead outside the project.
      const info = await Deno.lstat(dir);
      if (info.isSymlink || !info.isDirectory) {
        throw new UserError(`${dir} is not a plain directory; nothing was written.`);
      }
    }
  }
}

/** Removes a directory that holds nothing but Python caches; leaves it otherwise. */
function pruneDir(dir: string): void {
  try {
    const entries = [...Deno.readDirSync(dir)];
    if (entries.some((e) => e.name !== "__pycache__")) return;
    Deno.removeSync(dir, { recursive: true });
  } catch {
    // absent or not removable: nothing to prune
  }
}

function removeQuietly(path: string): void {
  if (path === "") return; // nothing was made
  try {
    Deno.removeSync(path, { recursive: true });
  } catch {
    // already gone
  }
}

function abs(root: string, rel: string): string {
  return join(root, ...rel.split("/"));
}
