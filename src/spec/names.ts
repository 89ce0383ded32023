/**
 * Names the user types: project names (a directory and a Python distribution)
 * and module names (a Python package, a class, a table, a URL). Each parser
 * returns a value or throws a UserError that says what was wrong and suggests
 * a name that would be accepted.
 */
import { UserError } from "../errors.ts";

export const MAX_PROJECT_NAME = 64;
/** Oracle (before 12.2) limits identifiers to 30 bytes; tables get a `_pkey`-style suffix budget. */
export const MAX_TABLE_NAME = 26;

const WINDOWS_RESERVED = new Set([
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

/** Shows control characters and the like escaped, so an error message stays on one line. */
export function printable(raw: string): string {
  return JSON.stringify(raw).slice(1, -1);
}

/** English plural of a lower-case snake_case name; only the last word changes. */
export function pluralize(snake: string): string {
  if (/[^aeiou]y$/.test(snake)) return snake.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(snake)) return snake + "es";
  return snake + "s";
}

/** Undoes `pluralize` for names that are already plural (`items` → `item`). */
export function singularize(snake: string): string {
  if (/[^aeiou]ies$/.test(snake)) return snake.slice(0, -3) + "y";
  if (/(ss|us|is)$/.test(snake)) return snake;
  if (/(x|z|ch|sh|ss)es$/.test(snake)) return snake.slice(0, -2);
  if (/s$/.test(snake)) return snake.slice(0, -1);
  return snake;
}

export function pascal(snake: string): string {
  return snake.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
