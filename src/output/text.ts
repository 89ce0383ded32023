/** Plain-text layout for the terminal (the wizard, update's changelog): widths without colour codes, word wrapping. */

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour codes excluded; every code point counts as one). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, "")].length;
}

/**
 * Greedy word wrap to `width` columns. Continuation lines start with
 * `hanging` (e.g. two spaces after a "✔ " mark); a word longer than a line is
 * split.
 */
export function wrap(text: string, width: number, hanging = ""): string[] {
  const lines: string[] = [];
  let line = "";
  let prefix = "";
  const room = () => Math.max(1, width - prefix.length);
  for (let word of text.split(/\s+/).filter((w) => w !== "")) {
    while (word.length > room() && line === "") {
      lines.push(prefix + word.slice(0, room()));
      word = word.slice(room());
      prefix = hanging;
    }
    if (line === "") {
      line = word;
    } else if (line.length + 1 + word.length <= room()) {
      line += " " + word;
    } else {
      lines.push(prefix + line);
      prefix = hanging;
      line = "";
      while (word.length > room()) {
        lines.push(prefix + word.slice(0, room()));
        word = word.slice(room());
      }
      line = word;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(prefix + line);
  return lines;
}

/** Wraps a paragraph and indents every line. */
export function paragraph(text: string, columns: number, indent = "  "): string {
  return wrap(text, Math.max(20, Math.min(columns, 100) - indent.length - 1))
    .map((l) => indent + l).join("\n");
}
