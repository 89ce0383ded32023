/**
 * The field syntax of `--field` and of the field questions:
 * `name:type[:modifier...]`, e.g. `price:decimal(10,2):required`. `parseField`
 * returns a validated FieldSpec or throws a UserError that says what was wrong
 * and how to write it.
 */
import { UserError } from "../errors.ts";
import { FIELD_TYPE_RULES } from "./field_types.ts";
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
import { columnLimit } from "./module_names.ts";
import type { Database } from "./questions.ts";

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
/** "str(N), decimal(P,S) and enum(a|b)": the types written with arguments in parentheses. */
const withArguments =
  ((syntaxes: string[]) => `${syntaxes.slice(0, -1).join(", ")} and ${syntaxes.at(-1)}`)(
    FIELD_TYPES.map((type) => FIELD_TYPE_SYNTAX[type]).filter((syntax) => syntax.includes("(")),
  );

/** `name` cut to `max` characters, at the end of a word where one ends within them. */
function shorter(name: string, max: number): string {
  const cut = name.slice(0, max);
  const word = name[max] === "_" || !cut.includes("_") ? cut : cut.slice(0, cut.lastIndexOf("_"));
  return word.replace(/_+$/, "");
}

/**
 * `name:type[:modifier...]`: `title:str(120):required:index`, `price:decimal(10,2)`,
 * `status:enum(draft|sent):default=draft`, `owner:ref:users`.
 * Default values cannot contain `:` (it separates the parts).
 */
export function parseField(raw: string, database: Database): FieldSpec {
  const limit = columnLimit(database);
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
    const suggestion = words(name).join("_").replace(/^[^a-z]+/, "").slice(0, limit.max)
      .replace(/_+$/, "");
    fail(
      "field names are snake_case: lower-case letters, digits and underscores, starting with a letter",
      `Try "${FIELD_NAME.test(suggestion) ? suggestion : "name"}".`,
    );
  }
  const column = typeText === "ref" ? `${name}_id` : name;
  if (column.length > limit.max) {
    fail(
      `the column "${printable(column)}" is longer than ${limit.max} characters${limit.reason}`,
      `Use a shorter name, such as "${shorter(name, limit.max - (column.length - name.length))}".`,
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
  const noArguments = () => {
    if (args !== undefined) fail(`type ${field.type} takes no arguments`);
  };
  const rule = FIELD_TYPE_RULES[field.type];
  if (rule.arguments) rule.arguments.parse(field, args, { raw, rest, fail, noArguments });
  else noArguments();

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
  if (!rule.keys.index) {
    if (field.unique || field.index) {
      fail(`${field.type} columns cannot be unique or indexed (${rule.keys.instead})`);
    }
  } else if (!rule.keys.unique && field.unique) {
    fail(`a ${field.type} column cannot be unique: ${rule.keys.why}`);
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

/**
 * A default `field` could be given, for a hint (a placeholder the user replaces), or undefined
 * when it can have none: a unique field, or a type without defaults (FIELD_TYPE_RULES).
 */
export function exampleDefault(field: FieldSpec): string | undefined {
  if (field.unique) return undefined;
  return FIELD_TYPE_RULES[field.type].default?.example(field);
}

function checkDefault(field: FieldSpec, value: string, fail: (p: string) => never): string {
  // deno-lint-ignore no-control-regex -- control characters are what it looks for
  if (/[\x00-\x1f\x7f]/.test(value)) {
    fail("a default value cannot contain control characters");
  }
  const rule = FIELD_TYPE_RULES[field.type].default;
  if (!rule) fail(`${field.type} fields cannot have a default`);
  const recorded = rule.parse(value, field, fail);
  if (recorded === undefined) {
    fail(`default "${printable(value)}" is not a valid ${field.type} value here`);
  }
  return recorded;
}

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
  /** `?<column>=value`: the rows whose column equals it (FIELD_TYPE_RULES' `filter`). */
  equal: boolean;
  /** `?min_<column>=…&max_<column>=…`: the rows within, both ends included (its `range`). */
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
    equal: free && FIELD_TYPE_RULES[type].filter,
    range: free && FIELD_TYPE_RULES[type].range,
  };
}

/** The query parameters of a column's range: its lowest and its highest value, both included. */
export function rangeParameters(column: string): [min: string, max: string] {
  return [`min_${column}`, `max_${column}`];
}
