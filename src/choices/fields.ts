/**
 * The field syntax of `--field` and of the field questions:
 * `name:type[:modifier...]`, e.g. `price:decimal(10,2):required`. `parseField`
 * returns a validated FieldSpec or throws a UserError that says what was wrong
 * and how to write it.
 */
import { UserError } from "../errors.ts";
import { nonAscii, printable, words } from "./names.ts";
import { AUDIT_FIELDS, PYTHON_KEYWORDS, RESERVED_FIELD_NAMES } from "./reserved.ts";
import { DATABASE_PROFILES } from "./databases.ts";
import {
  FIELD_TYPE_SYNTAX,
  FIELD_TYPES,
  fieldColumn,
  type FieldSpec,
  type FieldType,
} from "./module_spec.ts";
import { MAX_COLUMN_NAME, SHORTEST_IDENTIFIERS } from "./module_names.ts";
import type { Database } from "./questions.ts";

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
/** "str(N), decimal(P,S) and enum(a|b)": the types written with arguments in parentheses. */
const withArguments =
  ((syntaxes: string[]) => `${syntaxes.slice(0, -1).join(", ")} and ${syntaxes.at(-1)}`)(
    FIELD_TYPES.map((type) => FIELD_TYPE_SYNTAX[type]).filter((syntax) => syntax.includes("(")),
  );
const MAX_FIELD_NAME = MAX_COLUMN_NAME;

/**
 * `name:type[:modifier...]`: `title:str(120):required:index`, `price:decimal(10,2)`,
 * `status:enum(draft|sent):default=draft`, `owner:ref:users`.
 * Default values cannot contain `:` (it separates the parts).
 */
export function parseField(raw: string, database: Database): FieldSpec {
  const fail = (problem: string, hint?: string): never => {
    throw new UserError(`Invalid field "${printable(raw)}": ${problem}.`, {
      hint: hint ??
        "Fields look like name:type[:modifier...], e.g. title:str(120):required or customer:ref:customers.",
    });
  };
  const text = raw.trim();
  const bad = nonAscii(text);
  if (bad) fail(`it contains ${bad}; field specs are ASCII`);
  const parts = text.split(":");
  const [name, typeText, ...rest] = parts;
  if (!name || typeText === undefined) fail("it needs a name and a type");
  if (!FIELD_NAME.test(name)) {
    const suggestion = words(name).join("_").replace(/^[^a-z]+/, "").slice(0, MAX_FIELD_NAME)
      .replace(/_+$/, "");
    fail(
      "field names are snake_case: lower-case letters, digits and underscores, starting with a letter",
      `Try "${FIELD_NAME.test(suggestion) ? suggestion : "name"}".`,
    );
  }
  const column = typeText === "ref" ? `${name}_id` : name;
  if (column.length > MAX_FIELD_NAME) {
    fail(
      `the column "${
        printable(column)
      }" is longer than ${MAX_FIELD_NAME} characters (${SHORTEST_IDENTIFIERS.label}'s limit)`,
      `Use a shorter name, such as "${name.slice(0, typeText === "ref" ? 20 : 24)}".`,
    );
  }
  if (AUDIT_FIELDS.has(name) || AUDIT_FIELDS.has(column)) {
    fail(
      `"${AUDIT_FIELDS.has(name) ? name : column}" is an audit field every model already has ` +
        `(${[...AUDIT_FIELDS].join(", ")})`,
      `Choose another name, such as "${name}_value".`,
    );
  }
  if (PYTHON_KEYWORDS.has(name) || RESERVED_FIELD_NAMES.has(name) || name.startsWith("model_")) {
    fail(
      `"${name}" is reserved in Python, by SQLAlchemy or pydantic models, or names a type the ` +
        "generated code uses",
      `Choose another name, such as "${name}_value".`,
    );
  }
  const db = DATABASE_PROFILES[database];
  if (db.reservedWords.has(column)) {
    fail(
      `"${column}" is a reserved word in ${db.label}`,
      `Choose another name, such as "${name}_value".`,
    );
  }

  const field: FieldSpec = { name, type: "str", required: true, unique: false, index: false };
  const typeMatch = /^([a-z]+)(?:\((.*)\))?$/.exec(typeText);
  if (!typeMatch || !(FIELD_TYPES as readonly string[]).includes(typeMatch[1])) {
    fail(
      `unknown type "${printable(typeText)}"`,
      `Types: ${FIELD_TYPES.join(", ")}; ${withArguments} take arguments.`,
    );
  }
  field.type = typeMatch![1] as FieldType;
  const args = typeMatch![2];
  const noArgs = () => {
    if (args !== undefined) fail(`type ${field.type} takes no arguments`);
  };
  switch (field.type) {
    case "str": {
      const length = args === undefined ? 255 : /^\s*\d{1,5}\s*$/.test(args) ? Number(args) : NaN;
      if (!Number.isInteger(length) || length < 1 || length > 4000) {
        fail("str(N) needs a length from 1 to 4000 (use text for longer values)");
      }
      field.length = length;
      break;
    }
    case "decimal": {
      const m = args === undefined
        ? ["", "10", "2"]
        : /^\s*(\d{1,2})\s*,\s*(\d{1,2})\s*$/.exec(args);
      const precision = Number(m?.[1]);
      const scale = Number(m?.[2]);
      if (!m || precision < 1 || precision > 38 || scale > precision) {
        fail("decimal(p,s) needs a precision from 1 to 38 and a scale no larger than it");
      }
      field.precision = precision;
      field.scale = scale;
      break;
    }
    case "enum": {
      const choices = (args ?? "").split("|").map((c) => c.trim());
      if (args?.includes(",")) {
        // Written as decimal(p,s) is.
        const meant = raw.replace(
          `enum(${args})`,
          `enum(${args.split(",").map((c) => c.trim()).join("|")})`,
        );
        fail(
          `enum values are separated by "|", not ","`,
          `Write it ${
            printable(meant)
          } (in quotes on a command line: the shell reads "|" as a pipe).`,
        );
      }
      if (choices.length < 1 || choices.some((c) => !/^[A-Za-z0-9_.-]{1,50}$/.test(c))) {
        fail(
          "enum(a|b|c) needs one or more values of letters, digits, '_', '.' or '-' (up to 50 each)",
        );
      }
      if (new Set(choices).size !== choices.length) fail("enum values must be distinct");
      field.choices = choices;
      break;
    }
    case "ref": {
      noArgs();
      const target = rest.shift();
      if (!target) fail("a reference names its module: owner:ref:users");
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(target!)) {
        fail(`"${printable(target!)}" is not a module name`);
      }
      field.ref = words(target!).join("_");
      break;
    }
    default:
      noArgs();
  }

  const seen = new Set<string>();
  for (const modifier of rest) {
    const key = modifier.startsWith("default=") ? "default" : modifier;
    if (
      seen.has(key) || (key === "required" && seen.has("optional")) ||
      (key === "optional" && seen.has("required"))
    ) {
      fail(`modifier "${printable(modifier)}" repeats or contradicts another`);
    }
    seen.add(key);
    if (modifier === "required") field.required = true;
    else if (modifier === "optional") field.required = false;
    else if (modifier === "unique") field.unique = true;
    else if (modifier === "index") field.index = true;
    else if (modifier.startsWith("default=")) {
      field.default = checkDefault(field, modifier.slice("default=".length), fail);
    } else {
      fail(
        `unknown modifier "${printable(modifier)}"`,
        "Modifiers: required, optional, unique, index, default=VALUE.",
      );
    }
  }
  if ((field.type === "text" || field.type === "json") && (field.unique || field.index)) {
    fail(`${field.type} columns cannot be unique or indexed (use str(N))`);
  }
  if ((field.type === "bool" || field.type === "enum") && field.unique) {
    fail(`a ${field.type} column cannot be unique: it has only a few possible values`);
  }
  if (field.unique && field.default !== undefined) {
    fail("a unique field cannot have a default (every row would get the same value)");
  }
  return field;
}

/**
 * Parses every `--field` and checks them together: names and columns are
 * distinct (`owner:ref:users` takes `owner` and `owner_id`).
 */
export function parseFields(raws: readonly string[], database: Database): FieldSpec[] {
  const fields = raws.map((raw) => parseField(raw, database));
  const taken = new Map<string, string>();
  for (const [i, f] of fields.entries()) {
    const column = fieldColumn(f);
    for (const n of new Set([f.name, column])) {
      const other = taken.get(n);
      if (other !== undefined) {
        throw new UserError(
          `Fields "${printable(other)}" and "${printable(raws[i])}" both use the name "${n}".`,
          { hint: "Give every field its own name." },
        );
      }
      taken.set(n, raws[i]);
    }
  }
  return fields;
}

/** The values an integer column stores (PostgreSQL's and Oracle's integer and bigint). */
export const INTEGER_RANGES: Readonly<Record<"int" | "bigint", readonly [string, string]>> = {
  int: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"],
};

/**
 * A default `field` could be given, for a hint (a placeholder the user replaces), or undefined
 * when it can have none: a unique field, or a type without defaults (checkDefault).
 */
export function exampleDefault(field: FieldSpec): string | undefined {
  if (field.unique) return undefined;
  switch (field.type) {
    case "str":
      return "unknown".slice(0, field.length);
    case "text":
      return "unknown";
    case "int":
    case "bigint":
    case "float":
    case "decimal":
      return "0";
    case "bool":
      return "false";
    case "enum":
      return field.choices![0];
    default:
      return undefined;
  }
}

function checkDefault(field: FieldSpec, value: string, fail: (p: string) => never): string {
  // deno-lint-ignore no-control-regex -- control characters are what it looks for
  if (/[\x00-\x1f\x7f]/.test(value)) {
    fail("a default value cannot contain control characters");
  }
  const ok = (() => {
    switch (field.type) {
      case "str":
        return value.length >= 1 && value.length <= field.length!;
      case "text":
        return true;
      case "int":
      case "bigint": {
        if (!/^-?\d{1,30}$/.test(value)) return false;
        const [low, high] = INTEGER_RANGES[field.type];
        if (BigInt(value) < BigInt(low) || BigInt(value) > BigInt(high)) {
          fail(`default ${value} is outside the ${field.type} range, ${low} to ${high}`);
        }
        return true;
      }
      case "decimal": {
        const m = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
        return m !== null &&
          m[1].replace(/^0+(?=\d)/, "").length <= field.precision! - field.scale! &&
          (m[2] ?? "").length <= field.scale!;
      }
      case "float":
        return /^-?\d{1,15}(\.\d{1,15})?$/.test(value);
      case "bool":
        return value === "true" || value === "false";
      case "enum":
        return field.choices!.includes(value);
      default:
        fail(`${field.type} fields cannot have a default`);
    }
  })();
  if (!ok) fail(`default "${printable(value)}" is not a valid ${field.type} value here`);
  // Python reads 007 as a syntax error: an integer default is written as its value.
  return field.type === "int" || field.type === "bigint" ? String(BigInt(value)) : value;
}

/**
 * The types whose values a query string names exactly, for a list's equality filters: not a
 * float or a decimal (equality of computed numbers), nor a datetime (one instant, many
 * spellings); text and JSON are never indexed.
 */
const FILTER_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  "str",
  "int",
  "bigint",
  "bool",
  "date",
  "uuid",
  "enum",
  "ref",
]);

/** The types whose order a range means something for: numbers, days and instants. */
const RANGE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  "int",
  "bigint",
  "float",
  "decimal",
  "date",
  "datetime",
]);

/** What `ListParams` (the generated pagination.py) already names: no list parameter may take it. */
const LIST_PARAMETERS: ReadonlySet<string> = new Set([
  "page",
  "per_page",
  "sort",
  "filters",
  "offset",
]);

/** What an indexed column (indexed, unique or a reference) gives its module's list. */
export interface ListUse {
  /** `?sort=<column>` (and `-<column>`). */
  order: boolean;
  /** `?<column>=value`: the rows whose column equals it (FILTER_TYPES). */
  equal: boolean;
  /** `?min_<column>=…&max_<column>=…`: the rows within, both ends included (RANGE_TYPES). */
  range: boolean;
}

/**
 * What an indexed column of `type` named `column` gives its module's list: nothing when
 * `ListParams` has a parameter of that name. A range also needs its two names free among the
 * module's columns (`rangeParameters`), which the module view checks.
 */
export function listUse(type: FieldType, column: string): ListUse {
  const free = !LIST_PARAMETERS.has(column);
  return {
    order: free,
    equal: free && FILTER_TYPES.has(type),
    range: free && RANGE_TYPES.has(type),
  };
}

/** The query parameters of a column's range: its lowest and its highest value, both included. */
export function rangeParameters(column: string): [min: string, max: string] {
  return [`min_${column}`, `max_${column}`];
}
