/**
 * What `add` and `remove` do first: roll back a change a killed run left unfinished in
 * the project, and remove the staging directories killed runs of `new` left beside it
 * (src/write/_staging.ts), saying so on stderr.
 */
import { cleanStaleStaging } from "../write/mod.ts";

export async function cleanUpInterruptedRuns(start: string): Promise<void> {
  const cleaned = await cleanStaleStaging(start);
  if (cleaned.length > 0) {
    console.error(
      `Cleaned up after an interrupted pyscaffold run: ${cleaned.join(", ")} ` +
        "(unfinished changes rolled back).",
    );
  }
}
