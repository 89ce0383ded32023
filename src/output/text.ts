/** Plain-text layout for the terminal (the wizard, update's changelog, the lessons): widths without colour codes, word wrapping. */

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour codes excluded; every code point counts as one). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, "")].length;
}

/**
 * Greedy word wrap to `width` visible columns (colour codes take none). Continuation lines start
 * with `hanging` (e.g. two spaces after a "✔ " mark); a word longer than a line (a URL) is split,
 * without its colour. Words are separated by spaces, tabs and line breaks: a no-break space
 * stays inside its word.
 */
export function wrap(text: string, width: number, hanging = ""): string[] {
  const lines: string[] = [];
  let line = "";
  const prefix = () => (lines.length === 0 ? "" : hanging);
  for (let word of text.split(/[ \t\r\n]+/).filter((w) => w !== "")) {
    if (line !== "" && visibleLength(prefix() + line + " " + word) > width) {
      lines.push(prefix() + line);
      line = "";
    }
    if (line === "" && visibleLength(prefix() + word) > width) {
      let chars = [...word.replace(ANSI, "")];
      while (chars.length > 0 && prefix().length + chars.length > width) {
        const room = Math.max(1, width - prefix().length);
        lines.push(prefix() + chars.slice(0, room).join(""));
        chars = chars.slice(room);
      }
      word = chars.join("");
      if (word === "") continue;
    }
    line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "" || lines.length === 0) lines.push(prefix() + line);
  return lines;
}

/** Wraps a paragraph and indents every line. */
export function paragraph(text: string, columns: number, indent = "  "): string {
  return wrap(text, Math.max(20, Math.min(columns, 100) - indent.length - 1))
    .map((l) => indent + l).join("\n");
}
