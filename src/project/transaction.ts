/**
 * Changes to an existing project, all or nothing. `add` and `remove` create,
 * replace and delete a handful of files and then rewrite the answers file;
 * this module does it so that a failure or Ctrl-C at any point leaves the
 * project exactly as it was:
 *
 * 1. every new content is first written into a staging directory inside the
 *    project (same file system, so the moves below are renames);
 * 2. each change is a rename — an existing file is moved aside into the
 *    staging directory before anything replaces it — recorded in a journal;
 * 3. the answers file is replaced last, by rename;
 * 4. on error or SIGINT the journal is played backwards.
 */
import { dirname, join } from "node:path";
import { CancelledError, UserError } from "../errors.ts";
import { fsError } from "../write/mod.ts";
import { ANSWERS_FILE } from "./answers_file.ts";
import { safeRelativePath } from "./paths.ts";

export interface FileWrite {
  /** Relative POSIX path inside the project. */
  path: string;
  content: string;
  /** Whether an existing file may be replaced (`--force`). */
  replace?: boolean;
}

export interface Changes {
  writes: readonly FileWrite[];
  /** Relative paths of files to delete. */
  deletes: readonly string[];
  /** New content of the answers file. */
  answers: string;
  /** Directories (relative) to remove afterwards when nothing but caches is left in them. */
  prune?: readonly string[];
}

type Step =
  | { kind: "mkdir"; dir: string }
  | { kind: "moved-aside"; from: string; to: string }
  | { kind: "placed"; path: string };

/** For tests: called before each step; throwing there simulates a failure mid-way. */
export type StepHook = (step: string) => void;

const STAGING_PREFIX = ".pyscaffold-tx-";

export async function applyChanges(root: string, changes: Changes, hook?: StepHook): Promise<void> {
  for (const p of [...changes.writes.map((w) => w.path), ...changes.deletes]) {
    if (safeRelativePath(p) === undefined) throw new Error(`unsafe path in a change: ${p}`);
  }
  const staging = join(root, `${STAGING_PREFIX}${crypto.randomUUID().slice(0, 8)}`);
  const journal: Step[] = [];
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  const checkpoint = (step: string) => {
    if (interrupted) throw new CancelledError();
    hook?.(step);
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    await Deno.mkdir(staging);
    // 1. stage
    const staged: string[] = [];
    for (const [i, w] of changes.writes.entries()) {
      checkpoint(`stage ${w.path}`);
      const path = join(staging, `new-${i}`);
      await Deno.writeTextFile(path, w.content, { createNew: true, mode: 0o644 });
      staged.push(path);
    }
    const answersStaged = join(staging, "answers.json");
    await Deno.writeTextFile(answersStaged, changes.answers, { createNew: true, mode: 0o644 });

    // 2. move into place
    for (const [i, w] of changes.writes.entries()) {
      checkpoint(`place ${w.path}`);
      const target = abs(root, w.path);
      await mkdirs(root, dirname(w.path), journal);
      if (await exists(target)) {
        if (!w.replace) throw new Error(`refusing to replace ${w.path}`);
        const aside = join(staging, `old-${i}`);
        await Deno.rename(target, aside);
        journal.push({ kind: "moved-aside", from: target, to: aside });
      }
      await Deno.rename(staged[i], target);
      journal.push({ kind: "placed", path: target });
    }
    for (const [i, path] of changes.deletes.entries()) {
      checkpoint(`delete ${path}`);
      const target = abs(root, path);
      const aside = join(staging, `deleted-${i}`);
      await Deno.rename(target, aside);
      journal.push({ kind: "moved-aside", from: target, to: aside });
    }

    // 3. the answers file, last
    checkpoint(`write ${ANSWERS_FILE}`);
    const answersPath = join(root, ANSWERS_FILE);
    await Deno.rename(answersPath, join(staging, "answers.old"));
    journal.push({ kind: "moved-aside", from: answersPath, to: join(staging, "answers.old") });
    await Deno.rename(answersStaged, answersPath);
    journal.push({ kind: "placed", path: answersPath });
    checkpoint("commit");
  } catch (error) {
    rollback(journal);
    removeQuietly(staging);
    throw error instanceof CancelledError ? error : fsError(error, root);
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
  removeQuietly(staging);
  for (const dir of changes.prune ?? []) pruneDir(abs(root, dir));
}

/** Undoes the journal, newest step first. Synchronous: it also runs on the way out of a signal. */
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

async function mkdirs(root: string, relDir: string, journal: Step[]): Promise<void> {
  if (relDir === "." || relDir === "") return;
  const parts = relDir.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const dir = abs(root, parts.slice(0, i).join("/"));
    try {
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
  try {
    Deno.removeSync(path, { recursive: true });
  } catch {
    // already gone
  }
}

function abs(root: string, rel: string): string {
  return join(root, ...rel.split("/"));
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
