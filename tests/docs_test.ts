import { assertEquals } from "./_assert.ts";

const CONTENTS = "Contents, by subject";

/** The `## ` headings of a Markdown text, in order. */
function headings(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("## ")).map((line) => line.slice(3));
}

/** The items of the `- ` lists in `text`, each with its wrapped lines joined. */
function listItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("- ")) items.push(line.slice(2));
    else if (line.startsWith("  ") && items.length > 0) items.push(`${items.pop()} ${line.trim()}`);
  }
  return items;
}

Deno.test("docs: DECISIONS.md's contents list every section once, and only its sections", () => {
  const text = Deno.readTextFileSync(new URL("../docs/DECISIONS.md", import.meta.url));
  const sections = headings(text).filter((h) => h !== CONTENTS);
  const start = text.indexOf(`## ${CONTENTS}\n`);
  const listed = listItems(text.slice(start, text.indexOf("\n## ", start + 1)));
  assertEquals(listed.filter((h, i) => listed.indexOf(h) !== i), [], "listed twice");
  assertEquals(
    sections.filter((h) => !listed.includes(h)),
    [],
    "sections missing from the contents",
  );
  assertEquals(listed.filter((h) => !sections.includes(h)), [], "listed, but no such section");
});
