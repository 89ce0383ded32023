import { assert, assertEquals } from "./_assert.ts";
import { changelogSections, changesSince, rewrap } from "../src/cli/changelog.ts";
import { CHANGELOG_FILE } from "../src/cli/_changelog.gen.ts";
import { VERSION } from "../src/version.ts";

const SAMPLE = `# Changelog

Intro.

## 1.2.0

- new in 1.2.0

## 1.1.1

- new in 1.1.1

## Unreleased

- not a version

## 1.1.0

- new in 1.1.0
`;

Deno.test("changelog: a section per version, newest first; other headings are not versions", () => {
  assertEquals(changelogSections(SAMPLE).map((s) => [s.version, s.text]), [
    ["1.2.0", "- new in 1.2.0"],
    ["1.1.1", "- new in 1.1.1"],
    ["1.1.0", "- new in 1.1.0"],
  ]);
});

Deno.test("changelog: an update prints what the versions after the project's bring, up to this one", () => {
  const versions = (since: string, until: string) =>
    changesSince(since, until, SAMPLE).map((s) => s.version);
  assertEquals(versions("1.1.0", "1.2.0"), ["1.2.0", "1.1.1"]);
  assertEquals(versions("1.1.0", "1.1.1"), ["1.1.1"]);
  assertEquals(versions("1.2.0", "1.2.0"), []);
  assertEquals(versions("0.9.0", "1.1.0"), ["1.1.0"]);
});

Deno.test("changelog: this version has its section, the newest, in the embedded CHANGELOG.md", () => {
  // A version set in deno.json without its entry fails here: `update` would print nothing new.
  const sections = changelogSections(CHANGELOG_FILE["CHANGELOG.md"]);
  assertEquals(sections[0]?.version, VERSION);
  assert(sections[0].text.includes("- "), sections[0].text);
  assertEquals(changesSince(VERSION), []);
});

Deno.test("changelog: rewrapped for the terminal, every word kept in order, an item's lines under it", () => {
  const text = `Your API's clients:

- ${"word ".repeat(40).trim()} end
  and more words on the item's second line
- short`;
  const lines = rewrap(text, 2, 80);
  for (const line of lines) assert(line.length <= 80, line);
  assertEquals(lines[0], "  Your API's clients:");
  assertEquals(lines[1], "");
  assert(lines[2].startsWith("  - word "), lines[2]);
  assert(lines.slice(3, -1).every((line) => line.startsWith("    ")), lines.join("\n"));
  assertEquals(lines.at(-1), "  - short");
  const words = (s: string) => s.split(/\s+/).filter((w) => w !== "" && w !== "-");
  assertEquals(words(lines.join(" ")), words(text));
});
