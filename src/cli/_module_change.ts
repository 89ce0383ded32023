/**
 * What the commands that change a project's modules and schema share: `add` and `remove
 * --field` render a module with this version's templates and merge it with the files on disk,
 * the base being this version's render of the module as recorded, so a project another version
 * made must be updated first; and `add`, `remove` and `update` end alike, with a migration to run.
 */
import { UserError } from "../errors.ts";
import type { Colors } from "../output/colors.ts";
import type { ProjectState } from "../project/mod.ts";
import { VERSION } from "../version.ts";

/** Refuses, naming `update`, a project that another version of pyscaffold made; `goal` ends the hint. */
export function refuseOtherVersion(state: ProjectState, goal: string): void {
  const made = state.file.pyscaffold;
  if (made === VERSION) return;
  throw new UserError(
    `This project was made by pyscaffold ${made}, and this is pyscaffold ${VERSION}: a module ` +
      `of ${VERSION} may need project files that ${made} did not write. Nothing was written.`,
    {
      hint: "Run `pyscaffold update` first (it shows every change, keeps your edits and " +
        `records ${VERSION}), then ${goal}.`,
    },
  );
}

/** The steps after a command that wrote an Alembic revision. */
export function printMigrationSteps(out: (text: string) => void, c: Colors): void {
  out("Next steps:\n");
  for (const step of ["make migrate   # alembic upgrade head", "make test"]) {
    out(`  ${c.cyan(step)}`);
  }
}
