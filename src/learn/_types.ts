import type { ProjectSpec } from "../choices/project_spec.ts";
import type { ModuleNames } from "../choices/module_names.ts";
import type { FeatureId } from "../choices/features/mod.ts";

/**
 * Where an excerpt sits in a generated file. Names may contain `{Class}`,
 * `{module}`, `{singular}`, `{plural}` and `{table}`, replaced by the names
 * of the project's first module.
 *
 * - `def`: a Python function or method (sync or async) with its decorators;
 *   `Class.method` looks inside a class.
 * - `class`: a Python class with its decorators.
 * - `from` / `to`: from the first line containing `from` through the first
 *   later line containing `to`; without `to`, `lines` lines, or up to the
 *   next blank line; `before` adds that many lines above the `from` line.
 * - `whole`: the entire file (keep it for short files).
 */
export type Locator =
  | { def: string }
  | { class: string }
  | { from: string; to?: string; lines?: number; before?: number }
  | { whole: true };

export interface ExcerptDef {
  /** What to look at in this piece of code: one or two sentences of Markdown. */
  caption: string;
  /** The file, relative to the project root; may contain `{module}`. */
  path: string;
  locator: Locator;
  /** Only for variants where this holds (default: always). */
  when?: (spec: ProjectSpec) => boolean;
}

/** What lesson text can depend on: the chosen variant, pre-digested. */
export interface LessonContext {
  spec: ProjectSpec;
  flask: boolean;
  quart: boolean;
  postgresql: boolean;
  oracle: boolean;
  auth: boolean;
  cache: boolean;
  celery: boolean;
  /** Names of the first resource module (`items` → `Item`, `/api/items`, ...). */
  m: ModuleNames;
  /** "Flask" or "Quart". */
  Framework: string;
  /** "PostgreSQL" or "Oracle". */
  Database: string;
  /** The wizard's trade-off table of a choice as Markdown, with the chosen column marked. */
  tradeoffTable(question: "framework" | "database"): string;
}

/** Markdown of one part of a lesson, for the chosen variant (an Eta template of lessons/). */
export type Section = (c: LessonContext) => string;

/** A lesson, read from its file `lessons/NN-<id>.md` (format: lessons/README.md). */
export interface Lesson {
  /** The topic of `pyscaffold learn <id>`; also the `lesson` of Plan files. */
  id: string;
  title: string;
  /** One line, for the list of lessons. */
  summary: string;
  /** The problem the pattern solves. */
  problem: Section;
  /** How it works. */
  how: Section;
  /** Trade-offs and common mistakes. */
  tradeoffs: Section;
  /** The generated code that shows the pattern, taken from the Plan at run time. */
  excerpts: readonly ExcerptDef[];
  /**
   * The feature the pattern belongs to: `pyscaffold learn` turns it on unless
   * its flag says otherwise, so the lesson has code to show.
   */
  feature?: FeatureId;
  /** Lessons to read next. */
  related?: readonly string[];
}
