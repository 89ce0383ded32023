import { hasTemplate } from "../render/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import type { QuestionId } from "../choices/features/mod.ts";

/** Which choice put a file in the project: every project has it ("core"), or a question's answer. */
export type Origin = "core" | QuestionId;

/**
 * What the writer does with a planned file's content: `create` a file that
 * must not exist yet, or `replace` one that may. A three-way merge (`update`)
 * will add `"merge"`, carrying its base/ours/theirs in a `merge` field beside
 * `content` (the merged result, which is what gets written): the writer, the
 * preview and --json already read only `action`, `path` and `content`.
 */
export type FileAction = "create" | "replace" | "merge";

/** Where a planned file comes from and why it is there. */
export interface FileFacts {
  /** POSIX path relative to the project root. */
  path: string;
  origin: Origin;
  /** Why the file exists (or, for a deletion, why it goes), in one line. */
  why: string;
  /** The lesson that explains it (`pyscaffold learn <lesson>`). */
  lesson?: string;
  /** The template it was rendered from ("" for a file no template makes). */
  template: string;
}

/** A file the plan writes: created or replaced, with its whole content. */
export interface PlannedFile extends FileFacts {
  action: FileAction;
  content: string;
  /** Size in bytes (UTF-8). */
  size: number;
  lines: number;
  executable?: boolean;
  /**
   * `base64`: `content` is binary, base64-encoded (the base store, a gzip file);
   * the writer decodes it. Absent: `content` is UTF-8 text.
   */
  encoding?: "base64";
}

/** A file the plan deletes. */
export interface PlannedDeletion extends FileFacts {
  action: "delete";
}

/**
 * A file on disk that is in the plan's way, found while planning (before
 * anything is written): a file a `create` would overwrite (`exists`), or a
 * file a deletion would lose the user's changes to (`changed`), or a file
 * whose edits and the plan's changes overlap (`merge`: `update`, and the field
 * changes of `add`, `remove` and `rename`; `planned` holds the conflict markers,
 * or with --force pyscaffold's version). The command decides: refuse, write the
 * markers (--accept-conflicts), or (with --force) replace / delete it anyway.
 */
export interface Conflict {
  path: string;
  kind: "exists" | "changed" | "merge";
  /** What is on disk now. */
  current: string;
  /** What the plan would write there (absent for a deletion). */
  planned?: string;
  /** A `merge` planned with conflict markers: how many regions they mark (`_merged_file.ts`). */
  regions?: number;
}

/**
 * Every change one command makes, computed before anything is written. `new`,
 * `add` and `remove` build one; the preview, --dry-run, --json, the learning
 * mode and the writer (src/write) all read it.
 */
export interface Plan {
  /** The project directory's name: the root of the preview. */
  root: string;
  /** The project's choices, with the module this plan is about. */
  spec: ProjectSpec;
  /**
   * `new`: a project written into an absent or empty directory, staged and
   * renamed into place. `existing`: changes to the project at the target,
   * applied with backups and rolled back on failure.
   */
  target: "new" | "existing";
  /** Files to create or replace, sorted by path; pyscaffold's records among them. */
  files: PlannedFile[];
  /** Files to delete, sorted by path. */
  deletes: PlannedDeletion[];
  /** Files on disk in the plan's way. */
  conflicts: Conflict[];
  /** Directories to remove after the deletions if nothing but Python caches is left in them. */
  prune: string[];
}

/**
 * One file a template set can produce. `path` may contain `{module}`, which is
 * replaced by the module name; `template` names the template within its family
 * (templates/project/ or templates/module/), see `resolveTemplate()`.
 */
export interface FileRule<S = ProjectSpec> {
  path: string;
  template: string;
  origin: Origin;
  why: string;
  lesson?: string;
  when?: (spec: S) => boolean;
  executable?: boolean;
}

/** A file to write, with its size and line count. */
export function plannedFile(
  rule: Pick<FileRule<never>, "origin" | "why" | "lesson" | "executable">,
  path: string,
  template: string,
  content: string,
  action: FileAction = "create",
): PlannedFile {
  return {
    path,
    content,
    size: new TextEncoder().encode(content).length,
    lines: lineCount(content),
    origin: rule.origin,
    why: rule.why,
    lesson: rule.lesson,
    template,
    action,
    ...(rule.executable ? { executable: true } : {}),
  };
}

/** Lines of `content` (a last line without its line break counts), found without splitting. */
export function lineCount(content: string): number {
  let breaks = 0;
  for (let at = content.indexOf("\n"); at !== -1; at = content.indexOf("\n", at + 1)) breaks++;
  return content === "" || content.endsWith("\n") ? breaks : breaks + 1;
}

/** The bytes the writer puts on disk for a planned file. */
export function fileBytes(file: Pick<PlannedFile, "content" | "encoding">): Uint8Array {
  if (file.encoding !== "base64") return new TextEncoder().encode(file.content);
  // Natively (ES2026): atob and a mapping function per byte took ~9 ms for the base store.
  return Uint8Array.fromBase64(file.content);
}

export function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Files, lines and bytes the plan writes. */
export function planSummary(plan: Plan): { files: number; lines: number; bytes: number } {
  return {
    files: plan.files.length,
    lines: plan.files.reduce((n, f) => n + f.lines, 0),
    bytes: plan.files.reduce((n, f) => n + f.size, 0),
  };
}

/**
 * The template of `name` in a family for a framework: the framework's own
 * version (templates/<family>/<framework>/<name>.eta) if there is one, else the
 * shared one (templates/<family>/<name>.eta).
 */
export function resolveTemplate(
  family: "project" | "module",
  name: string,
  framework: string,
): string {
  const own = `${family}/${framework}/${name}.eta`;
  return hasTemplate(own) ? own : `${family}/${name}.eta`;
}
