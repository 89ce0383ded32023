import { join } from "../path.ts";
import { ANSWERS_FILE, findProjectRoot } from "./answers_file.ts";

/**
 * Holds the project around `start` for one command that reads and then changes it (`add`,
 * `remove`, `update`): an exclusive advisory lock on its answers file, waited for. Two such
 * commands at once each planned from the same answers file and both wrote (one module lost from
 * the manifest, two revisions "0002"); now the second waits, then reads what the first wrote.
 * The writer replaces the answers file by a rename, so a lock taken on the file it replaced is
 * let go and taken again on the new one. Close the handle to release it.
 */
export async function lockProject(start: string): Promise<Deno.FsFile> {
  for (;;) {
    const path = join(await findProjectRoot(start), ANSWERS_FILE);
    const handle = await Deno.open(path, { read: true });
    try {
      if (!(await handle.tryLock(true))) {
        console.error("Another pyscaffold command is changing this project: waiting for it…");
        await handle.lock(true);
      }
      const [locked, named] = await Promise.all([
        handle.stat(),
        Deno.stat(path).catch(() => undefined),
      ]);
      if (named !== undefined && named.ino === locked.ino && named.dev === locked.dev) {
        return handle;
      }
    } catch (error) {
      handle.close();
      throw error;
    }
    handle.close();
  }
}
