import { hasTemplate } from "../render/mod.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import type { QuestionId } from "../choices/features/mod.ts";

/** Which choice put a file in the project: every project has it ("core"), or a question's answer. */
export type Origin = "core" | QuestionId;

export interface PlannedFile {
  /** POSIX path relative to the project root. */
  path: string;
  content: string;
  /** Size in bytes (UTF-8). */
  size: number;
  lines: number;
  origin: Origin;
  /** Why the file exists, in one line. */
  why: string;
  /** The lesson that explains it (`pyscaffold learn <lesson>`). */
  lesson?: string;
  /** The template it was rendered from. */
  template: string;
  executable?: boolean;
}

export interface Plan {
  /** The directory the project goes into (its name). */
  root: string;
  spec: ProjectSpec;
  /** Sorted by path. */
  files: PlannedFile[];
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

export function plannedFile(
  rule: FileRule<never>,
  path: string,
  template: string,
  content: string,
): PlannedFile {
  return {
    path,
    content,
    size: new TextEncoder().encode(content).length,
    lines: content === "" ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0),
    origin: rule.origin,
    why: rule.why,
    lesson: rule.lesson,
    template,
    ...(rule.executable ? { executable: true } : {}),
  };
}

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
