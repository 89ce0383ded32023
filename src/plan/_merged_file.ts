/**
 * A generated file merged three ways, as a Plan carries it: the file to write and the conflict to
 * report. `update` and the field changes of `add`, `remove` and `rename` plan their merges here,
 * so that a merge, a conflict and a checkout's line endings are planned one way by all four.
 */
import type { MergeOutcome } from "./three_way.ts";
import { type Conflict, type PlannedFile, plannedFile } from "./_types.ts";

/** The file on disk a merge was made with. */
export interface OnDisk {
  /** Its content as LF text (`asLf`); absent when there is no file. */
  ours?: string;
  /** Its line endings are CRLF (git's core.autocrlf): what is written keeps them. */
  crlf?: boolean;
}

/**
 * What a Plan writes for one generated file (`planned`: pyscaffold's version now) whose three-way
 * outcome is `outcome`, and the conflict to report, if any. Nothing to write for a file that stays
 * as it is (unchanged, deleted by the user). A file the user never changed is created or replaced
 * by pyscaffold's version; a merge is written merged. A conflict is planned with its markers
 * (`<<<<<<< yours ... >>>>>>> pyscaffold`), which the command writes only when the user accepts
 * them (`--accept-conflicts`, or yes at its prompt), and the conflict counts the regions; with
 * `replaceConflicts` (`--force`) it is pyscaffold's version instead, the user's edits in the file
 * lost. Deletions are `update`'s own: a file no longer generated has no `planned`.
 */
export function mergedFile(
  planned: PlannedFile,
  outcome: MergeOutcome,
  disk: OnDisk,
  replaceConflicts = false,
): { file?: PlannedFile; conflict?: Conflict } {
  const written = (content: string, action: PlannedFile["action"]): PlannedFile => {
    if (!disk.crlf && content === planned.content) return { ...planned, action };
    const text = disk.crlf ? content.replaceAll("\n", "\r\n") : content;
    return { ...planned, ...plannedFile(planned, planned.path, planned.template, text, action) };
  };
  switch (outcome.kind) {
    case "unchanged":
    case "kept-deleted":
      return {};
    case "create":
    case "replace":
      return { file: written(planned.content, outcome.kind) };
    case "merge":
      return { file: written(outcome.content!, "merge") };
    case "conflict": {
      const current = disk.ours!;
      if (replaceConflicts) {
        return {
          file: written(planned.content, "replace"),
          conflict: { path: planned.path, kind: "merge", current, planned: planned.content },
        };
      }
      return {
        file: written(outcome.content!, "merge"),
        conflict: {
          path: planned.path,
          kind: "merge",
          current,
          planned: outcome.content,
          regions: outcome.regions,
        },
      };
    }
    case "delete":
    case "kept-changed":
      throw new Error(`${planned.path}: a ${outcome.kind} outcome for a file still generated`);
  }
}

/** The files a Plan writes with conflict markers, to resolve after it is written. */
export function markedFiles(plan: { conflicts: readonly Conflict[] }): string[] {
  return plan.conflicts.filter((f) => f.regions !== undefined).map((f) => f.path);
}
