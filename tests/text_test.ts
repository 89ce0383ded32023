/**
 * The one word wrap of the terminal's text (src/output/text.ts): the wizard, update's changelog
 * and the lessons' Markdown all lay out their paragraphs with it.
 */
import { assertEquals } from "./_assert.ts";
import { visibleLength, wrap } from "../src/output/text.ts";

Deno.test("wrap: greedy, with a hanging indent after the first line", () => {
  assertEquals(wrap("one two three four", 9), ["one two", "three", "four"]);
  assertEquals(wrap("one two three four", 9, "  "), ["one two", "  three", "  four"]);
  assertEquals(wrap("", 9), [""]);
});

Deno.test("wrap: colour codes take no width, and a no-break space keeps its words together", () => {
  const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
  const lines = wrap(`${red("alpha")} beta ${red("gamma")}`, 10);
  assertEquals(lines.map(visibleLength), [10, 5]);
  assertEquals(wrap("a 10\u00a0ms wait", 6), ["a", "10\u00a0ms", "wait"]);
});

Deno.test("wrap: a word longer than a line is split by characters, without its colour", () => {
  assertEquals(wrap("https://example.com/a/b", 10), ["https://ex", "ample.com/", "a/b"]);
  assertEquals(wrap("\x1b[1mabcdefgh\x1b[22m", 4), ["abcd", "efgh"]);
  assertEquals(wrap("x ééééé", 3, " "), ["x", " éé", " éé", " é"]);
});
