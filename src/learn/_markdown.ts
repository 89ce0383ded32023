/**
 * A tagged template for lesson text: removes the common indentation of the
 * literal text and the first and last blank lines, so Markdown can be written
 * indented inside code. Interpolated values (often other `md` blocks chosen by
 * variant) are inserted after the dedent, so their own lines stay as they are.
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const marker = (i: number) => `\uE000${i}\uE000`;
  let text = strings[0];
  for (let i = 0; i < values.length; i++) text += marker(i) + strings[i + 1];
  const lines = text.replace(/^[ \t]*\n/, "").replace(/\n\s*$/, "").split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.match(/^ */)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  text = lines.map((l) => l.slice(cut)).join("\n");
  // a value that renders empty on a line of its own takes the line with it
  return text
    .replace(/\uE000(\d+)\uE000/g, (_, i) => String(values[Number(i)] ?? ""))
    .replace(/\n{3,}/g, "\n\n");
}
