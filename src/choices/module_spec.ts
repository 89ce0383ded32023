/**
 * A resource module: its names and its fields. `parseModuleName` and
 * `parseField` take what the user typed (`booking-item`, `price:decimal(10,2):required`)
 * and return validated specs; `moduleView` derives everything the module
 * templates print (Python annotations, SQLAlchemy columns, pydantic types,
 * sample values for the generated tests), so the templates contain no logic
 * about types.
 */
import { createHash } from "node:crypto";
import { UserError } from "../errors.ts";
import {
  MAX_TABLE_NAME,
  nonAscii,
  pascal,
  pluralize,
  printable,
  singularize,
  WINDOWS_RESERVED,
  words,
} from "./names.ts";
import {
  AUDIT_FIELDS,
  DEPENDENCY_MODULES,
  PROJECT_MODULES,
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  RESERVED_CLASS_NAMES,
  RESERVED_FIELD_NAMES,
  RESERVED_SINGULARS,
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
  const clash = nameClash(module, database) ?? nameClash(names.singular, database) ??
    nameClash(names.table, database);
  if (clash) return clash;
  if (RESERVED_SINGULARS.has(names.singular)) {
    return `"${names.singular}" is a variable name in the generated service and controller`;
  }
  if (RESERVED_CLASS_NAMES.has(names.className)) {
    return `its class "${names.className}" would shadow a name the generated code imports`;
  }
  if (names.table.length > MAX_TABLE_NAME) {
    return `its table "${
      printable(names.table)
    }" has ${names.table.length} characters; the limit is ` +
      `${MAX_TABLE_NAME} so that constraint names fit Oracle's 30-character identifiers`;
  }
  return undefined;
}

/** A module name that is accepted, as close as possible to what the user typed. */
export function suggestModuleName(raw: string, database: Database): string {
  const base = words(raw.slice(0, 100)).join("_")
    .replace(/^[^a-z]+/, "");
  const short = (name: string) => {
    let cut = name;
    while (moduleNames(cut).table.length > MAX_TABLE_NAME && cut.includes("_")) {
      cut = cut.slice(0, cut.lastIndexOf("_"));
    }
    return moduleNames(cut).table.length > MAX_TABLE_NAME ? cut.slice(0, MAX_TABLE_NAME - 4) : cut;
  };
  const candidates = base === ""
    ? ["items"]
    : [short(base), `${short(base)}_record`, `app_${short(base)}`, `${short(base)}_entry`];
  for (const candidate of [...candidates, "items"]) {
    if (candidate && moduleNameProblem(candidate, database) === undefined) return candidate;
  }
  return "items";
}

function nameClash(name: string, database: Database): string | undefined {
  if (PYTHON_KEYWORDS.has(name)) return `"${name}" is a Python keyword`;
  if (PYTHON_BUILTINS.has(name)) return `"${name}" shadows a Python builtin`;
  if (STDLIB_MODULES.has(name)) {
    return `"${name}" shadows a module of the Python standard library`;
  }
  if (DEPENDENCY_MODULES.has(name)) {
    return `"${name}" shadows a dependency of the generated project`;
  }
  if (PROJECT_MODULES.has(name)) return `the generated project already uses "${name}"`;
  if (SQL_RESERVED[database].has(name)) {
    return `"${name}" is a reserved word in ${databaseLabel(database)}`;
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
 * Default values cannot contain `:` (it separates the parts).
 */
export function parseField(raw: string, database: Database): FieldSpec {
  const fail = (problem: string, hint?: string): never => {
    throw new UserError(`Invalid field "${printable(raw)}": ${problem}.`, {
      hint: hint ??
        "Fields look like name:type[:modifier...], e.g. title:str(120):required or owner:ref:users.",
    });
  };
  const bad = nonAscii(raw.trim());
  if (bad) fail(`it contains ${bad}; field specs are ASCII`);
  const parts = raw.trim().split(":");
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
      }" is longer than ${MAX_FIELD_NAME} characters (Oracle's limit)`,
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
  if (SQL_RESERVED[database].has(column)) {
    fail(
      `"${column}" is a reserved word in ${databaseLabel(database)}`,
      `Choose another name, such as "${name}_value".`,
    );
  }

  const field: FieldSpec = { name, type: "str", required: true, unique: false, index: false };
  const typeMatch = /^([a-z]+)(?:\((.*)\))?$/.exec(typeText);
  if (!typeMatch || !(FIELD_TYPES as readonly string[]).includes(typeMatch[1])) {
    fail(
      `unknown type "${printable(typeText)}"`,
      `Types: ${FIELD_TYPES.join(", ")}; str(N), decimal(P,S) and enum(a|b) take arguments.`,
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
    const column = f.type === "ref" ? `${f.name}_id` : f.name;
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

function checkDefault(field: FieldSpec, value: string, fail: (p: string) => never): string {
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    fail("a default value cannot contain control characters");
  }
  const ok = (() => {
    switch (field.type) {
      case "str":
        return value.length >= 1 && value.length <= field.length!;
      case "text":
        return true;
      case "int":
        return /^-?\d{1,9}$/.test(value);
      case "bigint":
        return /^-?\d{1,18}$/.test(value);
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
  /**
   * The column in an Alembic `op.create_table(...)`, formatted as ruff formats
   * it (LINE_LENGTH) at an indentation of 8 spaces (one or more lines, ending with a comma).
   */
  migrationColumn: string;
  /** `op.create_index(...)` for the column at 4 spaces, or undefined when it has no index. */
  migrationIndex?: string;
}

export interface ModuleView extends ModuleNames {
  fields: FieldView[];
  /** Import lines the model file needs (beyond the base model). */
  modelImports: string[];
  /** Import lines the schema file needs. */
  schemaImports: string[];
  /** Whether any field references another module. */
  hasRefs: boolean;
  /** Every `op.create_index(...)` of the table (the audit `is_active` index included), at 4 spaces. */
  migrationIndexes: string[];
  /** The schema migrations name (`"app"` on Oracle, translated to DB_SCHEMA), or undefined. */
  schema?: string;
}

/**
 * The placeholder schema of Oracle projects' models and migrations; the
 * generated engine translates it to DB_SCHEMA (see base_model.py).
 */
export const ORACLE_SCHEMA = "app";

const MAX_NAME_BODY = 26;

/**
 * A constraint or index name as the generated base model's naming convention
 * makes it (`ix_<table>_<columns>`, shortened with a sha1 when the body would
 * be longer than 26 characters), so migrations and models agree.
 */
export function constraintName(prefix: string, table: string, columns: readonly string[]): string {
  const body = columns.length ? `${table}_${columns.join("_")}` : table;
  if (body.length <= MAX_NAME_BODY) return `${prefix}_${body}`;
  const digest = createHash("sha1").update(body).digest("hex").slice(0, 8);
  return `${prefix}_${body.slice(0, MAX_NAME_BODY - 9)}_${digest}`;
}

/** `line-length` of ruff in the generated pyproject.toml. */
export const LINE_LENGTH = 100;

/** Source lines of a call, as ruff formats it at `indent` spaces. */
export function formatCall(
  indent: number,
  callee: string,
  args: readonly string[],
  suffix = "",
): string {
  const pad = " ".repeat(indent);
  const one = `${pad}${callee}(${args.join(", ")})${suffix}`;
  if (one.length <= LINE_LENGTH) return one;
  const inner = `${pad}    ${args.join(", ")}`;
  if (inner.length <= LINE_LENGTH) return `${pad}${callee}(\n${inner}\n${pad})${suffix}`;
  return `${pad}${callee}(\n${args.map((a) => `${pad}    ${a},`).join("\n")}\n${pad})${suffix}`;
}

export function moduleView(spec: ModuleSpec, database: Database = "postgresql"): ModuleView {
  const names = moduleNames(spec.name);
  const schema = database === "oracle" ? ORACLE_SCHEMA : undefined;
  const fields = spec.fields.map((f, i) => fieldView(f, i, names.table, schema));
  const modelImports = new Set<string>();
  const schemaImports = new Set<string>();
  const sa = new Set<string>();
  const projectTypes = new Set<string>();
  for (const f of fields) {
    const type = saType(f, schema);
    for (const t of type.imports) sa.add(t);
    for (const t of type.projectImports ?? []) projectTypes.add(t);
    if (f.type === "decimal") {
      modelImports.add("from decimal import Decimal");
      schemaImports.add("from decimal import Decimal");
    }
    if (f.type === "date" || f.type === "datetime") {
      const t = f.type === "date" ? "date" : "datetime";
      modelImports.add(`from datetime import ${t}`);
      schemaImports.add(`from datetime import ${t}`);
    }
    if (f.type === "datetime") projectTypes.add("UtcDateTime");
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
  if (projectTypes.size > 0) {
    modelImports.add(`from src.models.types import ${[...projectTypes].sort().join(", ")}`);
  }
  return {
    ...names,
    fields,
    modelImports: [...modelImports].sort(),
    schemaImports: [...schemaImports].sort(),
    hasRefs: fields.some((f) => f.type === "ref"),
    migrationIndexes: [
      formatCall(4, "op.create_index", [
        `op.f("${constraintName("ix", names.table, ["is_active"])}")`,
        `"${names.table}"`,
        `["is_active"]`,
        "unique=False",
        ...schemaArg(schema),
      ]),
      ...fields.flatMap((f) => f.migrationIndex ? [f.migrationIndex] : []),
    ],
    schema,
  };
}

interface SaType {
  expr: string;
  imports: string[];
  /** Names imported from the project's src/models/types.py. */
  projectImports?: string[];
  py: string;
}

function schemaArg(schema: string | undefined): string[] {
  return schema ? [`schema="${schema}"`] : [];
}

/**
 * The arguments of a reference's ForeignKey: `"users.id", ondelete="RESTRICT"`, or on Oracle
 * `"app.users.id"` — the schema named, and no ON DELETE clause: Oracle knows only CASCADE and
 * SET NULL, and without a clause it refuses to delete a referenced row, as RESTRICT would.
 */
function foreignKeyArgs(f: FieldSpec, schema: string | undefined): string {
  const table = moduleNames(f.ref!).table;
  return schema ? `"${schema}.${table}.id"` : `"${table}.id", ondelete="RESTRICT"`;
}

/**
 * The model's column type. Oracle projects use the project's portable types
 * for booleans and JSON (the same column on 19c and 23ai) and name the schema
 * of referenced tables.
 */
function saType(f: FieldSpec, schema: string | undefined): SaType {
  if (schema !== undefined) {
    if (f.type === "bool") {
      return {
        expr: "PortableBoolean",
        imports: [],
        projectImports: ["PortableBoolean"],
        py: "bool",
      };
    }
    if (f.type === "json") {
      return {
        expr: "JsonDocument",
        imports: [],
        projectImports: ["JsonDocument"],
        py: "dict[str, Any]",
      };
    }
    if (f.type === "ref") {
      return {
        expr: `ForeignKey(${foreignKeyArgs(f, schema)})`,
        imports: ["ForeignKey"],
        py: "int",
      };
    }
  }
  return SA_TYPES[f.type](f);
}

/** Oracle migrations: the columns the portable types make (TIMESTAMP holding UTC, 0/1, CLOB). */
const ORACLE_MIGRATION_TYPES: Partial<Record<FieldType, string>> = {
  datetime: "sa.TIMESTAMP()",
  bool: "sa.Integer()",
  json: "sa.Text()",
};

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
    expr: `ForeignKey("${moduleNames(f.ref!).table}.id", ondelete="RESTRICT")`,
    imports: ["ForeignKey"],
    py: "int",
  }),
};

/** SQLAlchemy Core types for Alembic migrations (migrations never import the project's models). */
const MIGRATION_TYPES: Record<FieldType, (f: FieldSpec) => string> = {
  str: (f) => `sa.String(length=${f.length})`,
  text: () => "sa.Text()",
  int: () => "sa.Integer()",
  bigint: () => "sa.BigInteger()",
  decimal: (f) => `sa.Numeric(precision=${f.precision}, scale=${f.scale})`,
  float: () => "sa.Float()",
  bool: () => "sa.Boolean()",
  date: () => "sa.Date()",
  datetime: () => "sa.DateTime(timezone=True)",
  uuid: () => "sa.Uuid()",
  json: () => "sa.JSON()",
  enum: (f) => `sa.String(length=${Math.max(...f.choices!.map((c) => c.length))})`,
  ref: () => "sa.Integer()",
};

/** Arguments of `sa.Column(...)` mirroring the model's `mapped_column(...)`. */
function migrationArgs(f: FieldSpec, column: string, schema: string | undefined): string[] {
  const type = (schema !== undefined ? ORACLE_MIGRATION_TYPES[f.type] : undefined) ??
    MIGRATION_TYPES[f.type](f);
  const args = [`"${column}"`, type];
  if (f.type === "ref") {
    args.push(`sa.ForeignKey(${foreignKeyArgs(f, schema)})`);
  }
  args.push(`nullable=${f.required ? "False" : "True"}`);
  // With index=True the model's unique becomes a unique index (see migrationIndex).
  if (f.unique && !(f.index || f.type === "ref")) args.push("unique=True");
  return args;
}

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
      // Distinct per row: the whole part when there is one, else the fraction.
      const wholeDigits = Math.min(f.precision! - f.scale!, 6);
      const fracDigits = Math.min(f.scale!, 6);
      const perRow = wholeDigits > 0
        ? `str(n % ${10 ** wholeDigits})`
        : `f"0.{n % ${10 ** fracDigits}:0${fracDigits}d}"`;
      return [`"${whole}${frac}"`, `"${alt}${frac}"`, '"abc"', perRow];
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

function fieldView(
  f: FieldSpec,
  i: number,
  table: string,
  schema: string | undefined,
): FieldView {
  const sa = saType(f, schema);
  const column = f.type === "ref" ? `${f.name}_id` : f.name;
  const pyType = f.type === "enum" ? "str" : sa.py;
  const nullable = !f.required;
  const args = [sa.expr];
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
    migrationColumn: formatCall(8, "sa.Column", migrationArgs(f, column, schema), ","),
    migrationIndex: f.index || f.type === "ref"
      ? formatCall(4, "op.create_index", [
        `op.f("${constraintName("ix", table, [column])}")`,
        `"${table}"`,
        `["${column}"]`,
        `unique=${f.unique ? "True" : "False"}`,
        ...schemaArg(schema),
      ])
      : undefined,
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

/** The `--field` text of a field: `parseField(fieldText(f))` gives `f` back. */
export function fieldText(f: FieldSpec): string {
  const type = f.type === "str"
    ? `str(${f.length})`
    : f.type === "decimal"
    ? `decimal(${f.precision},${f.scale})`
    : f.type === "enum"
    ? `enum(${f.choices!.join("|")})`
    : f.type === "ref"
    ? `ref:${f.ref}`
    : f.type;
  const modifiers = [
    f.required ? "required" : "optional",
    ...(f.unique ? ["unique"] : []),
    ...(f.index ? ["index"] : []),
    ...(f.default !== undefined ? [`default=${f.default}`] : []),
  ];
  return [f.name, type, ...modifiers].join(":");
}
