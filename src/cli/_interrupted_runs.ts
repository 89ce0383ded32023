/**
 * What `add` and `remove` do first: roll back a change a killed run left unfinished in
 * the project, and remove the staging directories killed runs of `new` left beside it
 * (src/write/_staging.ts), saying so on stderr.
 */
import { cleanStaleStaging } from "../write/mod.ts";

/** The end of `new`, `add` and `remove --help`: where a killed run leaves its staging. */
export const STAGING_HELP: string = [
  "",
  "Staging: files are written into a staging directory, then moved into place. A",
  "run killed outright (SIGKILL) may leave one behind:",
  "  .NAME.pyscaffold-XXXXXXXX  beside a new project NAME (from new)",
  "  .pyscaffold-tx-XXXXXXXX    inside a project (from add or remove)",
  "The next new in the same parent directory, or add or remove in the project,",
  "removes them, rolling back an unfinished add or remove.",
].join("\n");

export async function cleanUpInterruptedRuns(start: string): Promise<void> {
  const cleaned = await cleanStaleStaging(start);
  if (cleaned.length > 0) {
    console.error(
      `Cleaned up after an interrupted pyscaffold run: ${cleaned.join(", ")} ` +
        "(unfinished changes rolled back).",
    );
  }
}
