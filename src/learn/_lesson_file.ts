/**
 * Reads a lesson file — `lessons/NN-<id>.md`, embedded by tools/embed_templates.ts
 * into ./_lessons.gen.ts — into a Lesson. The format is described in
 * lessons/README.md:
 *
 * - front matter between `---` lines: `title`, `summary`, optional `feature` and
 *   `related` (comma-separated lesson ids);
 * - the four sections of every lesson, each under its `## ` heading; the first
 *   three are Eta templates of Markdown with the LessonContext as `it`;
 * - the last section holds only `::excerpt[caption]{path="…" def="…"}` lines.
 *
 * A malformed file is an error naming the file and line, thrown when the
 * lessons are loaded, so any test that touches the learning mode reports it.
 */
// eta/core: the same engine without its file loading (and the Node built-ins that needs).
import { Eta } from "eta/core";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { DATABASES, FRAMEWORKS } from "../choices/questions.ts";
import { FEATURE_QUESTIONS, type FeatureId } from "../choices/features/mod.ts";
import type { ExcerptDef, Lesson, LessonContext, Locator, Section } from "./_types.ts";

/** The headings of a lesson file, in order; the rendered lesson has the same ones. */
export const SECTION_HEADINGS = [
  "## The problem",
  "## How it works",
  "## Trade-offs and common mistakes",
  "## The code pyscaffold generates for you",
] as const;

const FILE_NAME = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const DIRECTIVE = /^::excerpt\[(.*)\]\{(.*)\}\s*$/;

export class LessonFileError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`lessons/${file}:${line}: ${message}`);
    this.name = "LessonFileError";
  }
}

let engine: Eta | undefined;

/** Lesson text is Markdown, not HTML: nothing is escaped (as for templates/). */
function eta(): Eta {
  engine ??= new Eta({ autoEscape: false, autoTrim: false, useWith: false });
  return engine;
}

/** The lesson id a file name carries: `03-configuration.md` → `configuration`. */
function lessonIdOf(file: string): string | undefined {
  return FILE_NAME.exec(file)?.[2];
}

export function parseLessonFile(file: string, source: string): Lesson {
  const id = lessonIdOf(file);
  if (!id) throw new LessonFileError(file, 1, "the name must be NN-<lesson-id>.md");
  const lines = source.split("\n");
  const meta = frontMatter(file, lines);
  const sections = splitSections(file, lines, meta.bodyStart);
  return {
    id,
    title: meta.title,
    summary: meta.summary,
    problem: section(file, sections[0]),
    how: section(file, sections[1]),
    tradeoffs: section(file, sections[2]),
    excerpts: excerptDirectives(file, sections[3]),
    ...(meta.feature ? { feature: meta.feature } : {}),
    ...(meta.related ? { related: meta.related } : {}),
  };
}

interface FrontMatter {
  title: string;
  summary: string;
  feature?: FeatureId;
  related?: string[];
  /** Index of the first line after the closing `---`. */
  bodyStart: number;
}

function frontMatter(file: string, lines: string[]): FrontMatter {
  if (lines[0] !== "---") throw new LessonFileError(file, 1, "front matter must start with ---");
  const end = lines.indexOf("---", 1);
  if (end < 0) throw new LessonFileError(file, 1, "front matter is not closed with ---");
  const values = new Map<string, string>();
  for (let i = 1; i < end; i++) {
    const match = /^([a-z]+):\s*(.*)$/.exec(lines[i]);
    if (!match) throw new LessonFileError(file, i + 1, "expected `key: value`");
    const [, key, value] = match;
    if (!["title", "summary", "feature", "related"].includes(key)) {
      throw new LessonFileError(file, i + 1, `unknown key ${key}`);
    }
    values.set(key, value.trim());
  }
  const required = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new LessonFileError(file, 1, `front matter lacks ${key}`);
    return value;
  };
  const feature = values.get("feature");
  const features: readonly string[] = FEATURE_QUESTIONS.map((q) => q.id);
  if (feature !== undefined && !features.includes(feature)) {
    throw new LessonFileError(file, 1, `feature must be one of ${features.join(", ")}`);
  }
  const related = values.get("related");
  return {
    title: required("title"),
    summary: required("summary"),
    ...(feature ? { feature: feature as FeatureId } : {}),
    ...(related ? { related: related.split(",").map((r) => r.trim()) } : {}),
    bodyStart: end + 1,
  };
}

interface SectionText {
  /** 1-based line of the heading. */
  line: number;
  lines: string[];
}

/** The four sections, by their `## ` headings (outside code fences). */
function splitSections(file: string, lines: string[], from: number): SectionText[] {
  const sections: SectionText[] = [];
  let fence = "";
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const opening = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (opening && (fence === "" || opening.startsWith(fence))) {
      fence = fence === "" ? opening : "";
    }
    if (fence === "" && line.startsWith("## ")) {
      const expected = SECTION_HEADINGS[sections.length];
      if (line.trimEnd() !== expected) {
        throw new LessonFileError(
          file,
          i + 1,
          expected ? `expected "${expected}"` : "a lesson has four ## sections",
        );
      }
      sections.push({ line: i + 1, lines: [] });
    } else if (sections.length) {
      sections.at(-1)!.lines.push(line);
    } else if (line.trim() !== "") {
      throw new LessonFileError(file, i + 1, `text before "${SECTION_HEADINGS[0]}"`);
    }
  }
  if (sections.length < SECTION_HEADINGS.length) {
    throw new LessonFileError(file, lines.length, `missing "${SECTION_HEADINGS[sections.length]}"`);
  }
  return sections;
}

/**
 * A section as a function of the variant: its text rendered by Eta, with runs
 * of blank lines collapsed to one and the blank lines around it removed — so a
 * conditional paragraph that renders empty leaves no gap, wherever it is.
 */
function section(file: string, text: SectionText): Section {
  const source = text.lines.join("\n").replace(/^\s*\n/, "").replace(/\n\s*$/, "");
  let compiled: ReturnType<Eta["compile"]> | undefined;
  return (c: LessonContext) => {
    try {
      compiled ??= eta().compile(source);
      return eta().render(compiled, c).replace(/\n{3,}/g, "\n\n").replace(/^\n+/, "")
        .replace(/\s+$/, "");
    } catch (error) {
      // Eta appends the whole compiled function to its message: keep the reason only
      const reason = (error as Error).message.split("\n====")[0].replace(/\s+/g, " ").trim();
      throw new LessonFileError(file, text.line, reason);
    }
  };
}

function excerptDirectives(file: string, text: SectionText): ExcerptDef[] {
  const defs: ExcerptDef[] = [];
  text.lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const at = text.line + 1 + i;
    const match = DIRECTIVE.exec(line);
    if (!match) {
      throw new LessonFileError(file, at, "only ::excerpt[caption]{attributes} lines here");
    }
    defs.push(excerptDef(file, at, match[1], attributes(file, at, match[2])));
  });
  return defs;
}

/** `key="value"`, `key='value'` or a bare `key`, separated by spaces. */
function attributes(file: string, line: number, text: string): Map<string, string | true> {
  const out = new Map<string, string | true>();
  const pattern = /\s*([a-z]+)(?:="([^"]*)"|='([^']*)')?\s*/y;
  while (pattern.lastIndex < text.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(text);
    if (!match || match[0] === "") {
      throw new LessonFileError(file, line, `cannot read attributes at "${text.slice(at)}"`);
    }
    if (out.has(match[1])) throw new LessonFileError(file, line, `${match[1]} given twice`);
    out.set(match[1], match[2] ?? match[3] ?? true);
  }
  return out;
}

function excerptDef(
  file: string,
  line: number,
  caption: string,
  attrs: Map<string, string | true>,
): ExcerptDef {
  const fail = (message: string): never => {
    throw new LessonFileError(file, line, message);
  };
  const text = (key: string): string | undefined => {
    const value = attrs.get(key);
    if (value === true) fail(`${key} needs a value`);
    return value === true ? undefined : value;
  };
  const count = (key: string): number | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) fail(`${key} must be a whole number`);
    return Number(value);
  };
  const known = ["path", "def", "class", "from", "to", "lines", "before", "whole", "when"];
  for (const key of attrs.keys()) if (!known.includes(key)) fail(`unknown attribute ${key}`);
  const path = text("path") ?? fail("path is required");
  const kinds = ["def", "class", "from", "whole"].filter((k) => attrs.has(k));
  if (kinds.length !== 1) fail("give exactly one of def, class, from, whole");
  if (kinds[0] !== "from" && ["to", "lines", "before"].some((k) => attrs.has(k))) {
    fail("to, lines and before go with from");
  }
  let locator: Locator;
  if (kinds[0] === "def") locator = { def: text("def")! };
  else if (kinds[0] === "class") locator = { class: text("class")! };
  else if (kinds[0] === "whole") {
    if (attrs.get("whole") !== true) fail("whole takes no value");
    locator = { whole: true };
  } else {
    const to = text("to");
    const lines = count("lines");
    const before = count("before");
    locator = {
      from: text("from")!,
      ...(to !== undefined ? { to } : {}),
      ...(lines !== undefined ? { lines } : {}),
      ...(before !== undefined ? { before } : {}),
    };
  }
  const when = text("when");
  return {
    caption,
    path,
    locator,
    ...(when !== undefined ? { when: condition(file, line, when) } : {}),
  };
}

/**
 * `when="quart && cache"`: every term must hold; a term is a framework, a
 * database or a feature, optionally negated with `!`.
 */
function condition(file: string, line: number, text: string): (spec: ProjectSpec) => boolean {
  const frameworks: readonly string[] = FRAMEWORKS;
  const databases: readonly string[] = DATABASES;
  const features: readonly string[] = FEATURE_QUESTIONS.map((q) => q.id);
  const terms = text.split("&&").map((term) => {
    const match = /^\s*(!?)\s*([a-z]+)\s*$/.exec(term);
    const name = match?.[2] ?? "";
    const test = frameworks.includes(name)
      ? (s: ProjectSpec) => s.framework === name
      : databases.includes(name)
      ? (s: ProjectSpec) => s.database === name
      : features.includes(name)
      ? (s: ProjectSpec) => s[name as FeatureId]
      : undefined;
    if (!match || !test) {
      throw new LessonFileError(
        file,
        line,
        `when: "${term.trim()}" is not one of ${
          [...frameworks, ...databases, ...features].join(", ")
        }` +
          " (optionally with !), joined by &&",
      );
    }
    return match[1] === "!" ? (s: ProjectSpec) => !test(s) : test;
  });
  return (spec) => terms.every((test) => test(spec));
}
