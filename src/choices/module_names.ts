/**
 * Module names: what `pyscaffold add <name>` accepts (`Booking`, `booking-item`,
 * `BookingItem` → `booking`, `booking_item`) and the names derived from one
 * (class, table, URL). A module must not shadow Python, a dependency or the
 * project, nor take a word the database reserves.
 */
import { UserError } from "../errors.ts";
import { inflect, nonAscii, pascal, printable, WINDOWS_RESERVED, words } from "./names.ts";
import {
  DEPENDENCY_MODULES,
  PROJECT_MODULES,
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  RESERVED_CLASS_NAMES,
  RESERVED_SINGULARS,
  STDLIB_MODULES,
} from "./reserved.ts";
import { DATABASE_PROFILES } from "./databases.ts";
import type { Database } from "./questions.ts";

/** A name's limit on one database, and why it is that one, as an error message says it. */
export interface NameLimit {
  max: number;
  /** Why the limit is that one: ", PostgreSQL's identifier limit". */
  reason: string;
}

/**
 * The longest column on `database`: its identifier limit (PostgreSQL's 63, Oracle's 30). The
 * generated code is laid out for any column within it (tests/python_format_test.ts runs ruff on
 * columns of exactly this length on each database); the names derived from a column (`ix_`,
 * `uq_`, `fk_`) are shortened with a hash to fit.
 */
export function columnLimit(database: Database): NameLimit {
  const db = DATABASE_PROFILES[database];
  return { max: db.maxIdentifier, reason: `, ${db.label}'s identifier limit` };
}

/**
 * The longest table on `database`: the primary key's name, `pk_<table>`, must fit the
 * database's identifier limit, with a character to spare (the other constraint and index names
 * are shortened with a hash): 59 on PostgreSQL, 26 on Oracle.
 */
export function tableLimit(database: Database): NameLimit {
  const db = DATABASE_PROFILES[database];
  return {
    max: db.maxIdentifier - 4,
    reason: ` so that constraint names fit ${db.label}'s ${db.maxIdentifier}-character ` +
      "identifiers",
  };
}

/**
 * The longest module (its Python package) on every database: pyscaffold's, not an SQL limit.
 * A module's files import each other as `from src.<module>.<module>_repository import (`, a
 * line that names the module twice in one dotted path, which no formatter can split: 35 is the
 * longest for which it fits ruff's 100 columns. Tables may still be longer than 35 (a plural
 * such as `children`) up to `tableLimit`; on Oracle the table's limit (26) binds first.
 */
export const MAX_MODULE_NAME = 35;

export interface ModuleNames {
  /** Package and file prefix: `booking_item`. */
  module: string;
  /** Model class: `BookingItem`. */
  className: string;
  /** Table and URL segment: `booking_items`. */
  table: string;
  /** URL path: `/api/<table name>`, e.g. `/api/booking_items`. */
  urlPrefix: string;
  /** Singular snake name, for variables: `booking_item`. */
  singular: string;
  /** Plural snake name, for variables: `booking_items`. */
  plural: string;
  /** Human label: `booking item`. */
  label: string;
}

export function moduleNames(module: string): ModuleNames {
  const { singular, plural } = inflect(module);
  return {
    module,
    className: pascal(singular),
    table: plural,
    urlPrefix: `/api/${plural}`,
    singular,
    plural,
    label: singular.replaceAll("_", " "),
  };
}

/**
 * `Booking`, `booking`, `booking-item`, `BookingItem` → `booking`, `booking_item`.
 * Rejects names that would shadow Python, a dependency or the project, SQL
 * reserved words of the database, and tables too long for the database's identifiers or the
 * generated code's layout (`tableLimit`).
 * Every rejection is a UserError whose hint names a module that would be accepted.
 */
export function parseModuleName(raw: string, database: Database): string {
  const problem = moduleNameProblem(raw, database);
  if (problem) {
    const module = normalModuleName(raw);
    const subject = module && module !== raw
      ? `"${printable(raw)}" (module "${printable(module)}")`
      : `"${printable(raw)}"`;
    throw new UserError(`Invalid module name ${subject}: ${problem}.`, {
      hint: `Try "${suggestModuleName(raw, database)}".`,
    });
  }
  return normalModuleName(raw)!;
}

/** The snake_case module a name stands for, or undefined when the characters are not allowed. */
function normalModuleName(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^[A-Za-z][A-Za-z0-9_\- ]*$/.test(trimmed)) return undefined;
  return words(trimmed).join("_");
}

/** Why a module name cannot be used, or undefined when it can. */
export function moduleNameProblem(raw: string, database: Database): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return "it is empty";
  if (trimmed.length > 100) return "it is longer than 100 characters";
  const bad = nonAscii(trimmed);
  if (bad) return `it contains ${bad}; use ASCII letters, digits, hyphens or underscores`;
  if (!/^[A-Za-z]/.test(trimmed)) return "it must start with a letter";
  const module = normalModuleName(trimmed);
  if (module === undefined) {
    return "use letters, digits, hyphens or underscores, starting with a letter";
  }
  if (WINDOWS_RESERVED.has(module)) {
    return `"${module}" is a reserved device name on Windows (its folder could not be created)`;
  }
  const names = moduleNames(module);
  // Only the table is an SQL identifier: the module and its singular name Python packages,
  // variables and classes (so `orders`, whose singular is PostgreSQL's `order`, is a module).
  const clash = pythonClash(module) ?? pythonClash(names.singular) ??
    pythonClash(names.table) ?? sqlClash(names.table, database);
  if (clash) return clash;
  if (RESERVED_SINGULARS.has(names.singular)) {
    return `"${names.singular}" is a variable name in the generated service and controller`;
  }
  if (RESERVED_CLASS_NAMES.has(names.className)) {
    return `its class "${names.className}" would shadow a name the generated code imports`;
  }
  if (module.length > MAX_MODULE_NAME) {
    return `its package has ${module.length} characters; the limit is ${MAX_MODULE_NAME}: ` +
      "pyscaffold's, so that its files' imports (`from src.<module>.<module>_repository " +
      "import`) fit ruff's 100 columns";
  }
  const limit = tableLimit(database);
  if (names.table.length > limit.max) {
    return `its table "${
      printable(names.table)
    }" has ${names.table.length} characters; the limit is ${limit.max}${limit.reason}`;
  }
  return undefined;
}

/** A module name that is accepted, as close as possible to what the user typed. */
export function suggestModuleName(raw: string, database: Database): string {
  const base = words(raw.slice(0, 100)).join("_")
    .replace(/^[^a-z]+/, "");
  const max = tableLimit(database).max;
  const short = (name: string) => {
    let cut = name;
    const long = (name: string) =>
      moduleNames(name).table.length > max || name.length > MAX_MODULE_NAME;
    while (long(cut) && cut.includes("_")) {
      cut = cut.slice(0, cut.lastIndexOf("_"));
    }
    return long(cut) ? cut.slice(0, Math.min(max, MAX_MODULE_NAME) - 4) : cut;
  };
  const candidates = base === ""
    ? ["items"]
    : [short(base), `${short(base)}_record`, `app_${short(base)}`, `${short(base)}_entry`];
  for (const candidate of [...candidates, "items"]) {
    if (candidate && moduleNameProblem(candidate, database) === undefined) return candidate;
  }
  return "items";
}

function pythonClash(name: string): string | undefined {
  if (PYTHON_KEYWORDS.has(name)) return `"${name}" is a Python keyword`;
  if (PYTHON_BUILTINS.has(name)) return `"${name}" shadows a Python builtin`;
  if (STDLIB_MODULES.has(name)) {
    return `"${name}" shadows a module of the Python standard library`;
  }
  if (DEPENDENCY_MODULES.has(name)) {
    return `"${name}" shadows a dependency of the generated project`;
  }
  if (PROJECT_MODULES.has(name)) return `the generated project already uses "${name}"`;
  return undefined;
}

function sqlClash(table: string, database: Database): string | undefined {
  const db = DATABASE_PROFILES[database];
  if (db.reservedWords.has(table)) return `"${table}" is a reserved word in ${db.label}`;
  return undefined;
}
