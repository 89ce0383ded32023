/**
 * What `add`, `remove` and `update` do first: roll back a change a killed run left unfinished
 * in the project, and remove the staging directories killed runs of `new` left beside it
 * (src/write/_staging.ts), saying so on stderr; then they hold the project (whileLocked).
 */
import { cleanStaleStaging } from "../write/mod.ts";
import { lockProject } from "../project/mod.ts";

async function cleanUpInterruptedRuns(start: string): Promise<void> {
  const cleaned = await cleanStaleStaging(start);
  if (cleaned.length > 0) {
    console.error(
      `Cleaned up after an interrupted pyscaffold run: ${cleaned.join(", ")} ` +
        "(unfinished changes rolled back).",
    );
  }
}

/**
 * Runs a command that reads and then changes the project around `cwd` (`add`, `remove`,
 * `update`): killed runs cleaned up first (one may have left the project without its answers
 * file), then the project locked until the command ends (src/project/lock.ts).
 */
export async function whileLocked<T>(cwd: string, command: () => Promise<T>): Promise<T> {
  await cleanUpInterruptedRuns(cwd);
  const lock = await lockProject(cwd);
  try {
    return await command();
  } finally {
    lock.close();
  }
}
