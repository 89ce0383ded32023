/**
 * Finds an excerpt in a generated file. Lessons never contain generated code:
 * they name a file and a locator, and the code is cut out of the Plan when
 * the lesson is shown. A locator that no longer matches is an error, so a
 * renamed template breaks the tests instead of silently emptying a lesson.
 */
import type { Plan } from "../plan/mod.ts";
import { moduleNames } from "../choices/module_names.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import type { ExcerptDef, Locator } from "./_types.ts";

export interface Excerpt {
  caption: string;
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Dedented. */
  code: string;
  /** For the code fence: `python`, `toml`, ... */
  language: string;
}

export class ExcerptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExcerptError";
  }
}

/** Replaces `{module}`, `{Class}`, `{singular}`, `{plural}`, `{table}`. */
export function substituteNames(text: string, spec: ProjectSpec): string {
  const n = moduleNames(spec.module.name);
  return text.replaceAll("{module}", n.module).replaceAll("{Class}", n.className)
    .replaceAll("{singular}", n.singular).replaceAll("{plural}", n.plural)
    .replaceAll("{table}", n.table);
}

export function languageOf(path: string): string {
  const name = path.split("/").pop()!;
  if (name === "Makefile") return "makefile";
  if (name === "Dockerfile") return "dockerfile";
  const ext = name.includes(".") ? name.split(".").pop()! : "";
  return ({
    py: "python",
    toml: "toml",
    yml: "yaml",
    yaml: "yaml",
    ini: "ini",
    md: "markdown",
    json: "json",
    sh: "bash",
    example: "bash",
    mako: "python",
  } as Record<string, string>)[ext] ?? "text";
}

/** Excerpts longer than this are cut, with a note of how much is left. */
export const MAX_EXCERPT_LINES = 60;

/** Cuts one excerpt out of the Plan; throws ExcerptError when it is not there. */
export function extractExcerpt(plan: Plan, def: ExcerptDef): Excerpt {
  const path = substituteNames(def.path, plan.spec);
  const file = plan.files.find((f) => f.path === path);
  if (!file) throw new ExcerptError(`${path}: no such file in the generated project`);
  const lines = file.content.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const [start, end] = locate(lines, substituteLocator(def.locator, plan.spec), path);
  let body = lines.slice(start, end + 1);
  let shownEnd = end;
  if (body.length > MAX_EXCERPT_LINES) {
    body = body.slice(0, MAX_EXCERPT_LINES);
    shownEnd = start + MAX_EXCERPT_LINES - 1;
  }
  let code = dedent(body).join("\n");
  if (shownEnd < end) {
    code += `\n# … ${end - shownEnd} more lines in ${path}`;
  }
  return {
    caption: def.caption,
    path,
    startLine: start + 1,
    endLine: shownEnd + 1,
    code,
    language: languageOf(path),
  };
}

function substituteLocator(locator: Locator, spec: ProjectSpec): Locator {
  if ("def" in locator) return { def: substituteNames(locator.def, spec) };
  if ("class" in locator) return { class: substituteNames(locator.class, spec) };
  if ("from" in locator) {
    return {
      ...locator,
      from: substituteNames(locator.from, spec),
      ...(locator.to !== undefined ? { to: substituteNames(locator.to, spec) } : {}),
    };
  }
  return locator;
}

/** [first, last] line indexes (0-based, inclusive). */
function locate(lines: string[], locator: Locator, path: string): [number, number] {
  if ("whole" in locator) return [0, lines.length - 1];
  if ("from" in locator) {
    const [start, end] = locateRange(lines, locator, path);
    return [Math.max(0, start - (locator.before ?? 0)), end];
  }
  return locateBlock(lines, locator, path);
}

function locateRange(
  lines: string[],
  locator: { from: string; to?: string; lines?: number },
  path: string,
): [number, number] {
  {
    const start = lines.findIndex((l) => l.includes(locator.from));
    if (start < 0) {
      throw new ExcerptError(`${path}: no line contains ${JSON.stringify(locator.from)}`);
    }
    if (locator.to !== undefined) {
      const end = lines.findIndex((l, i) => i > start && l.includes(locator.to!));
      if (end < 0) {
        throw new ExcerptError(
          `${path}: no line after ${JSON.stringify(locator.from)} contains ${
            JSON.stringify(locator.to)
          }`,
        );
      }
      return [start, end];
    }
    if (locator.lines !== undefined) {
      if (start + locator.lines > lines.length) {
        throw new ExcerptError(`${path}: fewer than ${locator.lines} lines from ${locator.from}`);
      }
      return [start, start + locator.lines - 1];
    }
    let end = start;
    while (end + 1 < lines.length && lines[end + 1].trim() !== "") end++;
    return [start, end];
  }
}

function locateBlock(
  lines: string[],
  locator: { def: string } | { class: string },
  path: string,
): [number, number] {
  const kind = "def" in locator ? "def" : "class";
  const dotted = "def" in locator ? locator.def : locator.class;
  const parts = dotted.split(".");
  let from = 0;
  let to = lines.length - 1;
  for (let p = 0; p < parts.length; p++) {
    const isLast = p === parts.length - 1;
    const found = findBlock(lines, isLast ? kind : "class", parts[p], from, to);
    if (!found) {
      throw new ExcerptError(
        `${path}: no ${isLast ? kind : "class"} ${parts[p]}${p > 0 ? ` in ${parts[p - 1]}` : ""}`,
      );
    }
    [from, to] = found;
  }
  return [from, to];
}

const indentOf = (line: string) => line.match(/^\s*/)![0].length;

/** A `def` (sync or async) or `class` block with its decorators, within [from, to]. */
function findBlock(
  lines: string[],
  kind: "def" | "class",
  name: string,
  from: number,
  to: number,
): [number, number] | undefined {
  const head = kind === "def"
    ? new RegExp(`^\\s*(async\\s+)?def\\s+${name}\\s*[(\\[]`)
    : new RegExp(`^\\s*class\\s+${name}\\s*[(:\\[]`);
  let at = -1;
  for (let i = from; i <= to; i++) {
    if (head.test(lines[i])) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const indent = indentOf(lines[at]);
  // decorators above, including ones whose arguments span several lines
  let start = at;
  for (let i = at - 1; i >= from; i--) {
    const line = lines[i];
    if (line.trim() === "") break;
    const closing = /^[)\]}]/.test(line.trim());
    if (indentOf(line) === indent && line.trim().startsWith("@")) start = i;
    else if (indentOf(line) < indent || (indentOf(line) === indent && !closing)) break;
  }
  // the signature may span lines: it ends at the first ':' outside brackets
  let depth = 0;
  let i = at;
  for (; i <= to; i++) {
    const code = lines[i].replace(/#.*$/, "");
    for (const ch of code) {
      if ("([{".includes(ch)) depth++;
      else if (")]}".includes(ch)) depth--;
    }
    if (depth <= 0 && code.trimEnd().endsWith(":")) break;
  }
  let end = i;
  for (let j = i + 1; j <= to; j++) {
    if (lines[j].trim() === "") continue;
    if (indentOf(lines[j]) <= indent) break;
    end = j;
  }
  return [start, end];
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== "").map(indentOf);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}
