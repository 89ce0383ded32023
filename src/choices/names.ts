/**
 * Names the user types: project names (a directory and a Python distribution)
 * and module names (a Python package, a class, a table, a URL). Each parser
 * returns a value or throws a UserError that says what was wrong and suggests
 * a name that would be accepted.
 */
// @ts-types="@types/pluralize"
import pluralizeLibrary from "pluralize";
import { UserError } from "../errors.ts";
import { DEPENDENCY_VERSIONS } from "./dependencies.ts";
import { DEPENDENCY_MODULES } from "./reserved.ts";

export const MAX_PROJECT_NAME = 64;

export const WINDOWS_RESERVED: ReadonlySet<string> = new Set([
  "con",
  "prn",
  "aux",
  "nul",
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);

/** A distribution name as pip compares it (PEP 503): lower case, runs of `-`, `_`, `.` → `-`. */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/**
 * Distribution names a project cannot take: pip refuses to install a project that
 * depends on a distribution of its own name ("quart 0.1.0 depends on quart==0.22.0").
 * Every package of the pin map, and the import names of the dependencies and their own
 * dependencies (werkzeug, click, kombu, ...), normalised as pip does.
 */
export const DEPENDENCY_DISTRIBUTIONS: ReadonlySet<string> = new Set(
  [...Object.keys(DEPENDENCY_VERSIONS), ...DEPENDENCY_MODULES].map(normalizeDistribution),
);

/** Lower-case ASCII words from any spelling: `BookingItem`, `booking-item`, `Booking Item`. */
export function words(raw: string): string[] {
  // Already lower-case ASCII (what the answers file holds): only the underscores separate words.
  if (/^[a-z0-9_]+$/.test(raw)) return raw.split("_").filter((w) => w.length > 0);
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
  if (name === "" || WINDOWS_RESERVED.has(name) || DEPENDENCY_DISTRIBUTIONS.has(name)) {
    name = `${name || "my"}-api`;
  }
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
  if (!/^[a-z]/.test(raw)) return "it must start with a lower-case letter (a-z)";
  if (!/^[a-z][a-z0-9-]*$/.test(raw)) {
    return "use only lower-case letters (a-z), digits and hyphens";
  }
  if (/--|-$/.test(raw)) return "hyphens must separate words (no doubled or trailing hyphen)";
  if (WINDOWS_RESERVED.has(raw)) return "it is a reserved device name on Windows";
  if (DEPENDENCY_DISTRIBUTIONS.has(normalizeDistribution(raw))) {
    return `"${raw}" is a dependency of the generated project, and pip cannot install a ` +
      "project that depends on its own name";
  }
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
  if (!/[^\x20-\x7e]/.test(raw)) return undefined; // the usual case, in one test
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

/**
 * Where the inflection library's answer does not suit a table name: `data` and
 * `metadata` name a table as they are (the library singularises them to `datum`),
 * and two Latin plurals it gets wrong for English (`axis` → `axi`, `virus` → `viri`).
 * The rules are added to the library's one shared instance, once, at load.
 */
pluralizeLibrary.addUncountableRule("data");
pluralizeLibrary.addUncountableRule("metadata");
pluralizeLibrary.addIrregularRule("axis", "axes");
pluralizeLibrary.addIrregularRule("virus", "viruses");

/** English plural of one lower-case word, by the inflection library (npm `pluralize`). */
function pluralWord(word: string): string {
  return pluralizeLibrary.plural(word);
}

/** The singular of one lower-case word; words that do not look plural stay as they are. */
function singularWord(word: string): string {
  return word.length <= 1 ? word : pluralizeLibrary.singular(word);
}

/** Plural of a snake_case name; only the last word changes (`booking_item` → `booking_items`). */
export function pluralize(snake: string): string {
  return inflect(snake).plural;
}

/** Singular of a snake_case name (`booking_items` → `booking_item`); only the last word changes. */
export function singularize(snake: string): string {
  return inflect(snake).singular;
}

/**
 * The singular and plural of a snake_case name; only the last word changes. Both are
 * fixed points: the singular of either is the singular, the plural of either is the
 * plural, so `add movies`, `add movie` and `ref:movies` name one table. The library is
 * not an involution on every string (`ies` → `y` → `ys`); a last word it would not give
 * back is kept as it is, for both forms.
 */
export function inflect(snake: string): Inflected {
  let found = inflected.get(snake);
  if (found === undefined) {
    found = Object.freeze(inflectOnce(snake));
    inflected.set(snake, found);
  }
  return found;
}

type Inflected = Readonly<{ singular: string; plural: string }>;

/**
 * Each name's forms, once per run: a command inflects the same names again and again (every
 * module of the answers file when it is read, then again to find a module or check a new
 * one's table against the others), five rule searches of the library each time (~1.2 ms of an
 * `add` in a project of 50 modules). The library's rules never change after this module loads.
 */
const inflected = new Map<string, Inflected>();

function inflectOnce(snake: string): { singular: string; plural: string } {
  const i = snake.lastIndexOf("_");
  const head = snake.slice(0, i + 1);
  const last = snake.slice(i + 1);
  const one = singularWord(last);
  const many = pluralWord(one);
  if (singularWord(one) === one && singularWord(many) === one && pluralWord(many) === many) {
    return { singular: head + one, plural: head + many };
  }
  return { singular: snake, plural: snake };
}

export function pascal(snake: string): string {
  return snake.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
