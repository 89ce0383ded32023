/**
 * The sections of CHANGELOG.md that `update` prints: what each version between the project's
 * and this one changes in a generated project, before anything is written. The file is embedded
 * (tools/embed_templates.ts), so a binary or the bundle print it without the checkout.
 */
import { CHANGELOG_FILE } from "./_changelog.gen.ts";
import { isLaterVersion, VERSION, VERSION_PATTERN } from "../version.ts";
import { wrap } from "../output/text.ts";

export interface ChangelogSection {
  version: string;
  /** The section's text under its `## version` heading, trimmed. */
  text: string;
}

/** Every `## <version>` section of `markdown`, in the file's order (newest first). */
export function changelogSections(markdown: string): ChangelogSection[] {
  const sections: ChangelogSection[] = [];
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf("\n");
    const version = (newline < 0 ? part : part.slice(0, newline)).trim();
    if (!VERSION_PATTERN.test(version)) continue;
    sections.push({ version, text: newline < 0 ? "" : part.slice(newline + 1).trim() });
  }
  return sections;
}

/**
 * The sections later than `since` and not later than `until` (this version): what an update
 * of a project made by `since` brings. Empty when the project is of this version.
 */
export function changesSince(
  since: string,
  until: string = VERSION,
  markdown: string = CHANGELOG_FILE["CHANGELOG.md"],
): ChangelogSection[] {
  return changelogSections(markdown).filter((s) =>
    isLaterVersion(s.version, since) && !isLaterVersion(s.version, until)
  );
}

/**
 * A section's Markdown paragraphs and `- ` items (deno fmt wraps them at 100 columns) as terminal
 * lines: each wrapped again at `width` (`wrap`, the wizard's), `indent` columns in, an item's
 * lines under its text.
 */
export function rewrap(text: string, indent: number, width: number): string[] {
  const items: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") items.push("");
    else if (line.startsWith("- ") || items.length === 0 || items.at(-1) === "") items.push(line);
    else items[items.length - 1] += ` ${line.trim()}`;
  }
  const pad = " ".repeat(indent);
  return items.flatMap((item) =>
    item === ""
      ? [""]
      : wrap(item, width - indent, item.startsWith("- ") ? "  " : "").map((line) => pad + line)
  );
}
