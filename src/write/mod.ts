/**
 * The only part of pyscaffold that writes to the disk.
 *
 * A new project is written into a staging directory beside its target and
 * renamed into place in one step, so an interrupted run leaves either nothing
 * or the whole project; on SIGINT the staging directory is removed.
 */
import { dirname, join, resolve } from "node:path";
import { UserError } from "../errors.ts";
import type { PlannedFile } from "../plan/mod.ts";

export interface WriteProgress {
  (written: number, total: number, path: string): void;
}

/** Checks that `target` can receive a new project: absent, or an empty directory. */
export async function checkNewTarget(target: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(target);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      await checkParent(dirname(resolve(target)));
      return;
    }
    throw fsError(error, target);
  }
  if (!info.isDirectory) {
    throw new UserError(`${target} exists and is not a directory.`, {
      hint: "Choose another project name or directory.",
    });
  }
  for await (const _ of Deno.readDir(target)) {
    throw new UserError(`${target} already exists and is not empty; nothing was written.`, {
      hint: "Choose another directory, or empty this one first.",
    });
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

export function fsError(error: unknown, path: string): Error {
  if (error instanceof Deno.errors.PermissionDenied) {
    return new UserError(`Permission denied: ${path}.`, {
      hint: "Choose a location you can write to.",
    });
  }
  if (error instanceof Deno.errors.NotFound) return new UserError(`Not found: ${path}.`);
  if (error instanceof Deno.errors.NotADirectory) {
    return new UserError(`Part of ${path} is not a directory.`, {
      hint: "Choose a location whose parent directories exist.",
    });
  }
  if (error instanceof UserError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UserError(`Could not write ${path}: ${message}`);
}

/** Writes every file into `target`, which must be absent or empty. All or nothing. */
export async function writeNewProject(
  target: string,
  files: readonly PlannedFile[],
  onProgress?: WriteProgress,
): Promise<void> {
  await checkNewTarget(target);
  const absolute = resolve(target);
  const staging = join(
    dirname(absolute),
    `.${absolute.split(/[\\/]/).pop()}.pyscaffold-${crypto.randomUUID().slice(0, 8)}`,
  );
  const cleanup = () => {
    try {
      Deno.removeSync(staging, { recursive: true });
    } catch {
      // already gone
    }
  };
  const onSignal = () => {
    cleanup();
    console.error("\nCancelled — nothing was written.");
    Deno.exit(130);
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    await Deno.mkdir(staging, { mode: 0o755 });
    let written = 0;
    for (const file of files) {
      const path = join(staging, ...file.path.split("/"));
      await Deno.mkdir(dirname(path), { recursive: true });
      await Deno.writeTextFile(path, file.content, { mode: file.executable ? 0o755 : 0o644 });
      onProgress?.(++written, files.length, file.path);
    }
    await moveIntoPlace(staging, absolute);
  } catch (error) {
    cleanup();
    throw fsError(error, target);
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

async function moveIntoPlace(staging: string, target: string): Promise<void> {
  try {
    await Deno.rename(staging, target);
  } catch (error) {
    // Some platforms will not rename onto an existing empty directory.
    if (!(error instanceof Deno.errors.AlreadyExists) && !isNotEmpty(error)) throw error;
    await Deno.remove(target);
    await Deno.rename(staging, target);
  }
}

function isNotEmpty(error: unknown): boolean {
  return error instanceof Error && /not empty|ENOTEMPTY|EEXIST/i.test(error.message);
}
