/**
 * The three-way merge of one file, pure: base (what pyscaffold generated
 * before), ours (the file on disk), theirs (what pyscaffold generates now).
 * Line-wise diff3 (node-diff3); conflicts are written with markers that name
 * both sides, the base between them (diff3 style, as `git merge` with
 * merge.conflictStyle=diff3).
 */
import { diff3Merge } from "node-diff3";

/** What `update` does with one generated file. */
export type MergeKind =
  /** Nothing to do: already as wanted, or only the user changed it. */
  | "unchanged"
  /** New in theirs, absent on disk: created. */
  | "create"
  /** The user never changed it: replaced by theirs. */
  | "replace"
  /** Both changed it, without overlap: the merged text is written. */
  | "merge"
  /** Both changed the same lines (or no base is known): written with markers only if accepted. */
  | "conflict"
  /** No longer generated and never changed by the user: deleted. */
  | "delete"
  /** The user deleted it: it stays deleted. */
  | "kept-deleted"
  /** No longer generated but changed by the user: kept, and reported. */
  | "kept-changed";

export interface MergeOutcome {
  kind: MergeKind;
  /** The content to write (create, replace, merge, conflict). */
  content?: string;
  /** Conflict regions in `content` (conflict only). */
  regions?: number;
}

export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export const DEFAULT_LABELS: MergeLabels = {
  ours: "yours",
  base: "pyscaffold (before)",
  theirs: "pyscaffold (now)",
};

/** The start of a conflict region as `update` writes it. */
export const CONFLICT_START = "<<<<<<< ";
const MARKER = /^(<{7}|>{7}) /m;

/** Whether a text still holds the conflict markers `update` writes. */
export function hasConflictMarkers(text: string): boolean {
  return MARKER.test(text) && /^={7}$/m.test(text);
}

/** diff3 of three texts, line by line: the merged text and its number of conflict regions. */
export function mergeText(
  ours: string,
  base: string,
  theirs: string,
  labels: MergeLabels = DEFAULT_LABELS,
): { text: string; regions: number } {
  const lines = (s: string) => s === "" ? [] : s.replace(/\n$/, "").split("\n");
  const eol = (s: string) => s === "" || s.endsWith("\n");
  const out: string[] = [];
  let regions = 0;
  for (
    const block of diff3Merge(lines(ours), lines(base), lines(theirs), {
      excludeFalseConflicts: true,
    })
  ) {
    if (block.ok) {
      out.push(...block.ok);
      continue;
    }
    regions++;
    const { a, o, b } = block.conflict!;
    out.push(`<<<<<<< ${labels.ours}`, ...a, `||||||| ${labels.base}`, ...o, "=======", ...b);
    out.push(`>>>>>>> ${labels.theirs}`);
  }
  const text = out.join("\n");
  return { text: text === "" ? "" : text + (eol(theirs) || eol(ours) ? "\n" : ""), regions };
}

/**
 * The three-way decision for one path. `undefined` means absent: no base known
 * (a project made before the base store, and a file that does not match what
 * was recorded), not on disk, or no longer generated.
 */
export function threeWay(
  base: string | undefined,
  ours: string | undefined,
  theirs: string | undefined,
  labels: MergeLabels = DEFAULT_LABELS,
): MergeOutcome {
  if (theirs === undefined) {
    if (ours === undefined) return { kind: "unchanged" };
    if (ours === base) return { kind: "delete" };
    return { kind: "kept-changed" };
  }
  if (ours === undefined) {
    return base === undefined ? { kind: "create", content: theirs } : { kind: "kept-deleted" };
  }
  if (ours === theirs) return { kind: "unchanged" };
  if (base !== undefined && ours === base) return { kind: "replace", content: theirs };
  if (base !== undefined && theirs === base) return { kind: "unchanged" };
  // Both changed (or no base: everything the two sides do not share is a conflict).
  const merged = mergeText(ours, base ?? "", theirs, labels);
  if (merged.regions === 0) return { kind: "merge", content: merged.text };
  return { kind: "conflict", content: merged.text, regions: merged.regions };
}
