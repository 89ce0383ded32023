/**
 * Names the user types: project names (a directory and a Python distribution)
 * and module names (a Python package, a class, a table, a URL). Each parser
 * returns a value or throws a UserError that says what was wrong and suggests
 * a name that would be accepted.
 */
import { UserError } from "../errors.ts";

export const MAX_PROJECT_NAME = 64;

export const WINDOWS_RESERVED: ReadonlySet<string> = new Set([
  "con",
  "prn",
  "aux",
  "nul",
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);

/** Lower-case ASCII words from any spelling: `BookingItem`, `booking-item`, `Booking Item`. */
export function words(raw: string): string[] {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** A name that would be accepted, derived from what the user typed. */
export function suggestProjectName(raw: string): string {
  let name = words(raw).join("-").replace(/^[^a-z]+/, "").slice(0, MAX_PROJECT_NAME)
    .replace(/-+$/, "");
  if (name === "" || WINDOWS_RESERVED.has(name)) name = `${name || "my"}-api`;
  return name;
}

/**
 * A project name is the last segment of the target directory: lower-case
 * letters, digits and single hyphens, starting with a letter. It becomes the
 * directory, the distribution name in pyproject.toml and the compose project.
 */
export function validateProjectName(raw: string): string {
  const problem = projectNameProblem(raw);
  if (problem) {
    const suggestion = suggestProjectName(raw);
    throw new UserError(`Invalid project name "${printable(raw)}": ${problem}.`, {
      hint: `Try "${suggestion}".`,
    });
  }
  return raw;
}

export function projectNameProblem(raw: string): string | undefined {
  if (raw.length === 0) return "it is empty";
  if (raw.length > MAX_PROJECT_NAME) return `it is longer than ${MAX_PROJECT_NAME} characters`;
  if (!/^[a-z]/.test(raw)) return "it must start with a lower-case letter";
  if (!/^[a-z][a-z0-9-]*$/.test(raw)) {
    return "use only lower-case letters, digits and hyphens";
  }
  if (/--|-$/.test(raw)) return "hyphens must separate words (no doubled or trailing hyphen)";
  if (WINDOWS_RESERVED.has(raw)) return "it is a reserved device name on Windows";
  return undefined;
}

const MAX_ECHO = 60;

/**
 * What the user typed, safe to echo in an error message: one line, ASCII,
 * and short. Control characters, invisible characters and every non-ASCII
 * character are escaped (`\u043e`), so a confusable name (a Cyrillic `o` in
 * `booking`) visibly differs from the name it imitates.
 */
export function printable(raw: string): string {
  const chars = [...raw];
  const shown = chars.length > MAX_ECHO ? chars.slice(0, MAX_ECHO) : chars;
  const escaped = shown.map((ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") return "\\\\";
    if (ch === '"') return '\\"';
    if (code >= 0x20 && code < 0x7f) return ch;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
  }).join("");
  return chars.length > MAX_ECHO ? `${escaped}…` : escaped;
}

/** The first character outside printable ASCII, described for an error message. */
export function nonAscii(raw: string): string | undefined {
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code >= 0x7f) {
      const hex = code.toString(16).toUpperCase().padStart(4, "0");
      return code < 0x20 || code === 0x7f
        ? `the control character U+${hex}`
        : `the non-ASCII character U+${hex}`;
    }
  }
  return undefined;
}

/** Words whose plural is the same word (`news`, `data`): the table keeps the name. */
const UNCOUNTABLE: ReadonlySet<string> = new Set(
  ("data equipment feedback information media metadata news series software species staff")
    .split(" "),
);
/** Plurals of words ending in u, which the `-us is singular` rule (status, bonus) would keep. */
const PLURAL_OF_U: ReadonlySet<string> = new Set(["menus", "gurus", "emus", "haikus", "tofus"]);
/** The few irregular plurals a table name is likely to need. */
const IRREGULAR: Readonly<Record<string, string>> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  analysis: "analyses",
  axis: "axes",
  index: "indices",
};
const IRREGULAR_SINGULAR: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(IRREGULAR).map(([one, many]) => [many, one]),
);

/**
 * English plural of one lower-case word (the rule is documented in
 * docs/MODULES.md): uncountable words stay, a few irregular ones are listed,
 * consonant + y → ies, sis → ses, s/x/z/ch/sh → es, anything else → s.
 */
function pluralWord(word: string): string {
  if (UNCOUNTABLE.has(word)) return word;
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word];
  if (Object.hasOwn(IRREGULAR_SINGULAR, word)) return word;
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + "ies";
  if (/sis$/.test(word)) return word.slice(0, -2) + "es";
  if (/(s|x|z|ch|sh)$/.test(word)) return word + "es";
  return word + "s";
}

/** The singular of one lower-case word; words that do not look plural stay as they are. */
function singularWord(word: string): string {
  if (word.length <= 1 || UNCOUNTABLE.has(word)) return word;
  if (Object.hasOwn(IRREGULAR_SINGULAR, word)) return IRREGULAR_SINGULAR[word];
  if (Object.hasOwn(IRREGULAR, word)) return word;
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + "y";
  if (PLURAL_OF_U.has(word)) return word.slice(0, -1);
  if (/(ss|us|sis)$/.test(word)) return word;
  if (/(x|z|ch|sh|ss|[^aeiou]us)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Plural of a snake_case name; only the last word changes (`booking_item` → `booking_items`). */
export function pluralize(snake: string): string {
  const i = snake.lastIndexOf("_");
  return snake.slice(0, i + 1) + pluralWord(snake.slice(i + 1));
}

/** Singular of a snake_case name (`booking_items` → `booking_item`); only the last word changes. */
export function singularize(snake: string): string {
  const i = snake.lastIndexOf("_");
  return snake.slice(0, i + 1) + singularWord(snake.slice(i + 1));
}

export function pascal(snake: string): string {
  return snake.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
