/**
 * A resource module: its names and its fields. `parseModuleName` and
 * `parseField` take what the user typed (`booking-item`, `price:decimal(10,2):required`)
 * and return validated specs; `moduleView` derives everything the module
 * templates print (Python annotations, SQLAlchemy columns, pydantic types,
 * sample values for the generated tests), so the templates contain no logic
 * about types.
 */
import { UserError } from "../errors.ts";
import { MAX_TABLE_NAME, pascal, pluralize, printable, singularize, words } from "./names.ts";
import {
  AUDIT_FIELDS,
  DEPENDENCY_MODULES,
  PROJECT_MODULES,
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  SQL_RESERVED,
  STDLIB_MODULES,
} from "./reserved.ts";
import type { Database } from "./questions.ts";

export const FIELD_TYPES = [
  "str",
  "text",
  "int",
  "bigint",
  "decimal",
  "float",
  "bool",
  "date",
  "datetime",
  "uuid",
  "json",
  "enum",
  "ref",
] as const;
export type FieldType = typeof FIELD_TYPES[number];

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** str: maximum length (default 255). */
  length?: number;
  /** decimal: precision and scale (default 10, 2). */
  precision?: number;
  scale?: number;
  /** enum: the allowed values. */
  choices?: string[];
  /** ref: the referenced module (its table is `pluralize(singular)`). */
  ref?: string;
  required: boolean;
  unique: boolean;
  index: boolean;
  /** The default as typed, already checked against the type. */
  default?: string;
}

export interface ModuleSpec {
  /** snake_case package name: `booking_item`. */
  name: string;
  fields: FieldSpec[];
}

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
  const parts = module.split("_");
  const last = parts[parts.length - 1];
  const singular = [...parts.slice(0, -1), singularize(last)].join("_");
  const plural = [...parts.slice(0, -1), pluralize(singularize(last))].join("_");
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
 * reserved words of the database, and names too long for Oracle identifiers.
 */
export function parseModuleName(raw: string, database: Database): string {
  const trimmed = raw.trim();
  if (!/^[A-Za-z][A-Za-z0-9_\- ]*$/.test(trimmed)) {
    const suggestion = words(trimmed).filter((w) => !/^[0-9]/.test(w)).join("_") || "items";
    throw new UserError(
      `Invalid module name "${
        printable(raw)
      }": use letters, digits, hyphens or underscores, starting with a letter.`,
      { hint: `Try "${suggestion}".` },
    );
  }
  const module = words(trimmed).join("_");
  const names = moduleNames(module);
  const clash = nameClash(module, database) ?? nameClash(names.table, database);
  if (clash) {
    throw new UserError(`Module name "${module}" cannot be used: ${clash}.`, {
      hint: `Try a more specific name, such as "${module}_record" or "app_${module}".`,
    });
  }
  if (names.table.length > MAX_TABLE_NAME) {
    throw new UserError(
      `Module name "${module}" is too long: its table "${names.table}" has ${names.table.length} characters; ` +
        `the limit is ${MAX_TABLE_NAME} so that constraint names fit Oracle's 30-character identifiers.`,
      { hint: `Use a shorter name, such as "${module.slice(0, MAX_TABLE_NAME - 2)}".` },
    );
  }
  return module;
}

function nameClash(name: string, database: Database): string | undefined {
  if (PYTHON_KEYWORDS.has(name)) return "it is a Python keyword";
  if (PYTHON_BUILTINS.has(name)) return "it shadows a Python builtin";
  if (STDLIB_MODULES.has(name)) return "it shadows a module of the Python standard library";
  if (DEPENDENCY_MODULES.has(name)) return "it shadows a dependency of the generated project";
  if (PROJECT_MODULES.has(name)) return "the generated project already uses that name";
  if (SQL_RESERVED[database].has(name)) {
    return `it is a reserved word in ${databaseLabel(database)}`;
  }
  return undefined;
}

function databaseLabel(database: Database): string {
  return database === "postgresql" ? "PostgreSQL" : "Oracle";
}

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
const MAX_FIELD_NAME = 30;

/**
 * `name:type[:modifier...]`: `title:str(120):required:index`, `price:decimal(10,2)`,
 * `status:enum(draft|sent):default=draft`, `owner:ref:users`.
 */
export function parseField(raw: string, database: Database): FieldSpec {
  const fail = (problem: string, hint?: string): never => {
    throw new UserError(`Invalid field "${printable(raw)}": ${problem}.`, {
      hint: hint ??
        "Fields look like name:type[:modifier...], e.g. title:str(120):required or owner:ref:users.",
    });
  };
  const parts = raw.trim().split(":");
  const [name, typeText, ...rest] = parts;
  if (!name || typeText === undefined) fail("it needs a name and a type");
  if (!FIELD_NAME.test(name)) {
    fail(
      "field names are snake_case: lower-case letters, digits and underscores, starting with a letter",
      `Try "${words(name).join("_") || "name"}".`,
    );
  }
  const column = typeText === "ref" ? `${name}_id` : name;
  if (column.length > MAX_FIELD_NAME) {
    fail(`the column "${column}" is longer than ${MAX_FIELD_NAME} characters (Oracle's limit)`);
  }
  if (AUDIT_FIELDS.has(name) || AUDIT_FIELDS.has(column)) {
    fail(`"${name}" is an audit field every model already has`);
  }
  if (PYTHON_KEYWORDS.has(name) || name === "metadata" || name === "registry") {
    fail(`"${name}" is reserved in Python or by SQLAlchemy models`);
  }
  if (SQL_RESERVED[database].has(column)) {
    fail(`"${column}" is a reserved word in ${databaseLabel(database)}`);
  }

  const field: FieldSpec = { name, type: "str", required: true, unique: false, index: false };
  const typeMatch = /^([a-z]+)(?:\((.*)\))?$/.exec(typeText);
  if (!typeMatch || !(FIELD_TYPES as readonly string[]).includes(typeMatch[1])) {
    fail(`unknown type "${typeText}"`, `Types: ${FIELD_TYPES.join(", ")}.`);
  }
  field.type = typeMatch![1] as FieldType;
  const args = typeMatch![2];
  const noArgs = () => {
    if (args !== undefined) fail(`type ${field.type} takes no arguments`);
  };
  switch (field.type) {
    case "str": {
      const length = args === undefined ? 255 : Number(args);
      if (!Number.isInteger(length) || length < 1 || length > 4000) {
        fail("str(N) needs a length from 1 to 4000 (use text for longer values)");
      }
      field.length = length;
      break;
    }
    case "decimal": {
      const m = args === undefined ? ["", "10", "2"] : /^(\d+)\s*,\s*(\d+)$/.exec(args);
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
      if (choices.length < 1 || choices.some((c) => !/^[A-Za-z0-9_.-]{1,50}$/.test(c))) {
        fail("enum(a|b|c) needs one or more values of letters, digits, '_', '.' or '-'");
      }
      if (new Set(choices).size !== choices.length) fail("enum values must be distinct");
      field.choices = choices;
      break;
    }
    case "ref": {
      noArgs();
      const target = rest.shift();
      if (!target) fail("a reference names its module: owner:ref:users");
      field.ref = words(target!).join("_");
      if (!FIELD_NAME.test(field.ref)) fail(`"${target}" is not a module name`);
      break;
    }
    default:
      noArgs();
  }

  for (const modifier of rest) {
    if (modifier === "required") field.required = true;
    else if (modifier === "optional") field.required = false;
    else if (modifier === "unique") field.unique = true;
    else if (modifier === "index") field.index = true;
    else if (modifier.startsWith("default=")) {
      field.default = checkDefault(field, modifier.slice("default=".length), fail);
    } else {
      fail(
        `unknown modifier "${modifier}"`,
        "Modifiers: required, optional, unique, index, default=VALUE.",
      );
    }
  }
  if (field.type === "text" && (field.unique || field.index)) {
    fail("text columns cannot be unique or indexed (use str(N))");
  }
  if (field.type === "json" && (field.unique || field.index)) {
    fail("json columns cannot be unique or indexed");
  }
  return field;
}

function checkDefault(field: FieldSpec, value: string, fail: (p: string) => never): string {
  const ok = (() => {
    switch (field.type) {
      case "str":
        return value.length <= field.length!;
      case "text":
        return true;
      case "int":
      case "bigint":
        return /^-?\d+$/.test(value);
      case "decimal":
      case "float":
        return /^-?\d+(\.\d+)?$/.test(value);
      case "bool":
        return value === "true" || value === "false";
      case "enum":
        return field.choices!.includes(value);
      default:
        return false;
    }
  })();
  if (!ok) fail(`default "${value}" is not a valid ${field.type} value here`);
  return value;
}

/** The view of a field the templates print; every string is valid Python source. */
export interface FieldView extends FieldSpec {
  /** Attribute and column name (`owner_id` for `owner:ref:users`). */
  column: string;
  /** `Mapped[...]` annotation on the model. */
  mapped: string;
  /** `mapped_column(...)` expression on the model. */
  mappedColumn: string;
  /** Python type of the value on the model and in the output schema. */
  pyType: string;
  /** Pydantic annotation in the create schema (required or with its default). */
  createAnnotation: string;
  /** Default in the create schema, as Python source, or undefined when required. */
  createDefault?: string;
  /** Pydantic annotation in the update schema (always optional). */
  updateAnnotation: string;
  /** A valid value as a Python literal, and a second, different one. */
  sample: string;
  sampleAlt: string;
  /** A value of the wrong type as a Python literal (the generated tests expect 422). */
  invalid: string;
  /** A Python expression in `n` (an int from 1) giving a distinct valid value per row. */
  sampleN: string;
  /** For ref fields: the referenced module's names. */
  refNames?: ModuleNames;
}

export interface ModuleView extends ModuleNames {
  fields: FieldView[];
  /** Import lines the model file needs (beyond the base model). */
  modelImports: string[];
  /** Import lines the schema file needs. */
  schemaImports: string[];
  /** Whether any field references another module. */
  hasRefs: boolean;
}

export function moduleView(spec: ModuleSpec): ModuleView {
  const names = moduleNames(spec.name);
  const fields = spec.fields.map((f, i) => fieldView(f, i));
  const modelImports = new Set<string>();
  const schemaImports = new Set<string>();
  const sa = new Set<string>();
  for (const f of fields) {
    for (const t of SA_TYPES[f.type](f).imports) sa.add(t);
    if (f.type === "decimal") {
      modelImports.add("from decimal import Decimal");
      schemaImports.add("from decimal import Decimal");
    }
    if (f.type === "date" || f.type === "datetime") {
      const t = f.type === "date" ? "date" : "datetime";
      modelImports.add(`from datetime import ${t}`);
      schemaImports.add(`from datetime import ${t}`);
    }
    if (f.type === "datetime") modelImports.add("from src.models.types import UtcDateTime");
    if (f.type === "uuid") {
      modelImports.add("import uuid");
      schemaImports.add("import uuid");
    }
    if (f.type === "json") {
      modelImports.add("from typing import Any");
      schemaImports.add("from typing import Any");
    }
    if (f.type === "enum") schemaImports.add("from typing import Literal");
  }
  if (sa.size > 0) modelImports.add(`from sqlalchemy import ${[...sa].sort().join(", ")}`);
  return {
    ...names,
    fields,
    modelImports: [...modelImports].sort(),
    schemaImports: [...schemaImports].sort(),
    hasRefs: fields.some((f) => f.type === "ref"),
  };
}

interface SaType {
  expr: string;
  imports: string[];
  py: string;
}

const SA_TYPES: Record<FieldType, (f: FieldSpec) => SaType> = {
  str: (f) => ({ expr: `String(${f.length})`, imports: ["String"], py: "str" }),
  text: () => ({ expr: "Text", imports: ["Text"], py: "str" }),
  int: () => ({ expr: "Integer", imports: ["Integer"], py: "int" }),
  bigint: () => ({ expr: "BigInteger", imports: ["BigInteger"], py: "int" }),
  decimal: (f) => ({
    expr: `Numeric(${f.precision}, ${f.scale})`,
    imports: ["Numeric"],
    py: "Decimal",
  }),
  float: () => ({ expr: "Float", imports: ["Float"], py: "float" }),
  bool: () => ({ expr: "Boolean", imports: ["Boolean"], py: "bool" }),
  date: () => ({ expr: "Date", imports: ["Date"], py: "date" }),
  datetime: () => ({ expr: "UtcDateTime", imports: [], py: "datetime" }),
  uuid: () => ({ expr: "Uuid", imports: ["Uuid"], py: "uuid.UUID" }),
  json: () => ({ expr: "JSON", imports: ["JSON"], py: "dict[str, Any]" }),
  enum: (f) => ({
    expr: `String(${Math.max(...f.choices!.map((c) => c.length))})`,
    imports: ["String"],
    py: "str",
  }),
  ref: (f) => ({
    expr: `ForeignKey("${moduleNames(f.ref!).table}.id")`,
    imports: ["ForeignKey"],
    py: "int",
  }),
};

function pyDefault(f: FieldSpec): string | undefined {
  if (f.default === undefined) return undefined;
  switch (f.type) {
    case "bool":
      return f.default === "true" ? "True" : "False";
    case "int":
    case "bigint":
    case "float":
      return f.default;
    case "decimal":
      return `Decimal("${f.default}")`;
    default:
      return JSON.stringify(f.default);
  }
}

/**
 * Sample values as Python literals for the generated tests: a valid value, a
 * different valid value, a value of the wrong type, and an expression in `n`
 * (an int from 1) that gives a distinct valid value per row.
 */
function samples(f: FieldSpec, i: number): [string, string, string, string] {
  switch (f.type) {
    case "str": {
      const len = f.length!;
      const cut = (s: string) => JSON.stringify(s.slice(0, len));
      return [cut(`${f.name} ${i + 1}`), cut(`other ${f.name}`), "123", `str(n)[-${len}:]`];
    }
    case "text":
      return [`"${f.name} ${i + 1}"`, `"other ${f.name}"`, "123", `f"${f.name} {n}"`];
    case "int":
    case "bigint":
      return [`${i + 3}`, `${i + 40}`, '"not a number"', "n"];
    case "decimal": {
      const whole = f.precision! - f.scale! >= 2 ? "12" : f.precision! - f.scale! === 1 ? "7" : "0";
      const frac = f.scale! > 0 ? "." + "5".padEnd(f.scale!, "0") : "";
      const alt = f.precision! - f.scale! >= 1 ? "3" : "0";
      const mod = 10 ** Math.min(f.precision! - f.scale!, 6);
      return [`"${whole}${frac}"`, `"${alt}${frac}"`, '"abc"', `str(n % ${mod})`];
    }
    case "float":
      return ["1.5", "2.25", '"abc"', "n + 0.5"];
    case "bool":
      return ["True", "False", '"maybe"', "n % 2 == 0"];
    case "date":
      return ['"2026-01-15"', '"2026-02-20"', '"not-a-date"', 'f"2026-01-{n % 28 + 1:02d}"'];
    case "datetime":
      return [
        '"2026-01-15T10:30:00+00:00"',
        '"2026-02-20T08:00:00+00:00"',
        '"yesterday"',
        'f"2026-01-{n % 28 + 1:02d}T10:30:00+00:00"',
      ];
    case "uuid":
      return [
        '"0b6f3a4e-8e4c-4c55-9d2e-1f0f5b8f7a10"',
        '"5a2c9a1d-3b7e-4f1c-8a7d-2e6b9c0d4f21"',
        '"not-a-uuid"',
        'f"00000000-0000-4000-8000-{n:012d}"',
      ];
    case "json":
      return ['{"key": "value"}', '{"key": 2}', '"not an object"', '{"n": n}'];
    case "enum": {
      const c = f.choices!;
      const list = `[${c.map((v) => JSON.stringify(v)).join(", ")}]`;
      return [
        `"${c[0]}"`,
        `"${c[c.length - 1]}"`,
        '"__not_a_choice__"',
        `${list}[n % ${c.length}]`,
      ];
    }
    case "ref":
      // The generated tests create the referenced row first and use its id.
      return ["0", "0", '"not an id"', "0"];
  }
}

function fieldView(f: FieldSpec, i: number): FieldView {
  const sa = SA_TYPES[f.type](f);
  const column = f.type === "ref" ? `${f.name}_id` : f.name;
  const pyType = f.type === "enum" ? "str" : sa.py;
  const nullable = !f.required;
  const args = [sa.expr];
  if (f.type === "ref") args.push('ondelete="RESTRICT"');
  args.push(`nullable=${nullable ? "True" : "False"}`);
  if (f.unique) args.push("unique=True");
  if (f.index || f.type === "ref") args.push("index=True");
  const def = pyDefault(f);
  if (def !== undefined) args.push(`default=${def}`);
  const schemaType = f.type === "enum"
    ? `Literal[${f.choices!.map((c) => JSON.stringify(c)).join(", ")}]`
    : f.type === "str"
    ? `Annotated[str, Field(min_length=1, max_length=${f.length})]`
    : f.type === "decimal"
    ? `Annotated[Decimal, Field(max_digits=${f.precision}, decimal_places=${f.scale})]`
    : pyType;
  const createDefault = def !== undefined ? def : f.required ? undefined : "None";
  const [sample, sampleAlt, invalid, sampleN] = samples(f, i);
  return {
    ...f,
    column,
    pyType,
    mapped: nullable ? `Mapped[${pyType} | None]` : `Mapped[${pyType}]`,
    mappedColumn: `mapped_column(${args.join(", ")})`,
    createAnnotation: nullable ? `${schemaType} | None` : schemaType,
    createDefault,
    updateAnnotation: `${schemaType} | None`,
    sample,
    sampleAlt,
    invalid,
    sampleN,
    refNames: f.ref ? moduleNames(f.ref) : undefined,
  };
}

/** The example module every new project starts with unless `--module` names another. */
export function exampleModule(name = "items"): ModuleSpec {
  return {
    name,
    fields: [
      { name: "name", type: "str", length: 120, required: true, unique: false, index: true },
      { name: "description", type: "text", required: false, unique: false, index: false },
      {
        name: "quantity",
        type: "int",
        required: true,
        unique: false,
        index: false,
        default: "0",
      },
    ],
  };
}
