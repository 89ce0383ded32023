/**
 * The Python view of a module: everything the module templates print about
 * types, already as Python source (annotations, SQLAlchemy columns, pydantic
 * types, Alembic columns and indexes, test sample values), so the templates
 * contain no logic about types. Where a database differs, its profile
 * (src/choices/databases.ts) says how.
 */
import { sha1Hex } from "../digest.ts";
import {
  type AccessPolicy,
  defaultAccess,
  fieldColumn,
  type FieldSpec,
  type FieldType,
  type ModuleSpec,
  OWNER_FIELD,
} from "../choices/module_spec.ts";
import { type ModuleNames, moduleNames } from "../choices/module_names.ts";
import { listUse, rangeParameters } from "../choices/fields.ts";
import { type IfStated, INTEGER_RANGES, textLength } from "../choices/field_types.ts";
import {
  DATABASE_PROFILES,
  type DatabaseProfile,
  type ModelColumnType,
} from "../choices/databases.ts";
import type { Database } from "../choices/questions.ts";
import { ID_PROFILES, type IdWidth, NEW_PROJECT_IDS } from "../choices/ids.ts";
import {
  coercedSamples,
  outOfRangeSample,
  testSamples,
  unnormalisedSample,
  unwritableSamples,
} from "./test_samples.ts";

/** The view of a field the templates print; every string is valid Python source. */
/** A list's range over one column: `?<min>=…&<max>=…` (`min_<column>`, `max_<column>`). */
export interface RangeView {
  field: FieldView;
  min: string;
  max: string;
}

export interface FieldView extends FieldSpec {
  /** Attribute and column name (`owner_id` for `owner:ref:users`). */
  column: string;
  /** `Mapped[...]` annotation on the model. */
  mapped: string;
  /** `mapped_column(...)` expression on the model. */
  mappedColumn: string;
  /** Python type of the value on the model. */
  pyType: string;
  /** Python type in the output schema: the model's, or the `Literal[...]` of an enum. */
  outType: string;
  /** Pydantic annotation in the create schema (required or with its default). */
  createAnnotation: string;
  /** Default in the create schema, as Python source, or undefined when required. */
  createDefault?: string;
  /** Pydantic annotation in the update schema (always optional). */
  updateAnnotation: string;
  /**
   * Pydantic annotation of one value to compare (a filter's, a range's end): the create schema's
   * type without what it says of a value to store (a reference's row must exist).
   */
  valueAnnotation: string;
  /** A valid value as a Python literal, and a second, different one. */
  sample: string;
  sampleAlt: string;
  /** A value of the wrong type as a Python literal (the generated tests expect 422). */
  invalid: string;
  /** A Python expression in `n` (an int from 1) giving a distinct valid value per row. */
  sampleN: string;
  /** Python literals that lax validation would coerce and strict JSON refuses (422). */
  coerced: string[];
  /** A valid value the database stores in another form (`+02:00` → UTC), or undefined. */
  unnormalised?: string;
  /** An integer beyond the column's range, for integer columns (422 naming the field). */
  outOfRange?: string;
  /** The longest value a request may send, for str and text fields (a 422 beyond it). */
  maxLength?: number;
  /** JSON texts a response could not write back (Python literals), each with its 422's type. */
  unwritable: [string, string][];
  /** Whether the column has an index of its own (`ix_…`): indexed, or a reference. */
  indexed: boolean;
  /** For ref fields: the referenced module's names. */
  refNames?: ModuleNames;
  /**
   * The column in an Alembic `op.create_table(...)`, formatted as ruff formats
   * it (LINE_LENGTH) at an indentation of 8 spaces (one or more lines, ending with a comma).
   */
  migrationColumn: string;
  /**
   * For a required field with a default: the column as `migrationColumn`, with the default as
   * the server's (`server_default=…`), which fills the rows a table already holds when the
   * column is added to it (`addColumnSteps`); undefined otherwise.
   */
  migrationFilledColumn?: string;
  /**
   * The `op.create_index(...)` calls of the column at 4 spaces: its index (`ix_…`, not unique)
   * when it is indexed, and for a unique field its unique index over the active rows (`uq_…`).
   */
  migrationIndexes: string[];
  /**
   * For a unique field, the name the database reports a duplicate under: its unique index over
   * the active rows (`uq_…`), as `unique_while_active` of base_model.py names it.
   */
  uniqueConstraint?: string;
}

export interface ModuleView extends ModuleNames {
  fields: FieldView[];
  /** The width of the project's ids: its key's, its references' and its owner's. */
  ids: IdWidth;
  /**
   * The access policy: `public` without auth; with auth `owner`, `authenticated`,
   * `public-read` or `admin` (src/choices/module_spec.ts).
   */
  access: AccessPolicy;
  /**
   * Whether every route checks a token (`owner`, `authenticated`, `admin`): then the guard's
   * Redis read of the token can carry the cache's generation too (src/auth/auth_guard.py).
   */
  tokenOnEveryRoute: boolean;
  /**
   * Tables of referenced modules whose rows are owner-scoped, when this module is too:
   * a reference must name a row of the same owner (an admin may name any).
   */
  ownedRefTables: string[];
  /**
   * The `owner_id` column (a reference to users, indexed) under the owner policy: rows belong
   * to the user who created them. Not one of `fields`: the server sets it, clients never send it.
   */
  owner?: FieldView;
  /** Import lines the model file needs (beyond the base model). */
  modelImports: string[];
  /**
   * The model's `__table_args__ = (...)` at 4 spaces, as ruff formats it, with its comments: a
   * `unique_while_active(table, column)` per unique field, and the owner's index (`Index(...)`,
   * OWNER_INDEX_COLUMNS) under the owner policy; undefined without either.
   */
  tableArgs?: string;
  /** Whether `tableArgs` names `unique_while_active` (the model imports it). */
  uniqueWhileActive: boolean;
  /** Import lines the schema file needs. */
  schemaImports: string[];
  /** Whether any field references another module. */
  hasRefs: boolean;
  /**
   * The fields a list may be filtered on (`?<column>=value`, equality): those with an index
   * (indexed, unique or a reference) whose values compare as sent (`listUse`).
   */
  filters: FieldView[];
  /**
   * The fields a list keeps a range of (`?min_<column>=…&max_<column>=…`, both ends included):
   * indexed numbers, days and instants whose two parameter names no column takes.
   */
  ranges: RangeView[];
  /**
   * The values of the list's `sort` parameter: `id` and each indexed column (`listUse`), each
   * also with `-`.
   */
  sortKeys: string[];
  /**
   * Whether a written row is read back before the answer: some column may be stored in
   * another form than the one sent (the database's `storedAsSent`).
   */
  readBack: boolean;
  /** Every `op.create_index(...)` of the table (the audit `is_active` index included), at 4 spaces. */
  migrationIndexes: string[];
  /** The schema models and migrations name (the database profile's `schema`), or undefined. */
  schema?: string;
  /** Migration types of the audit columns: `datetime` (inserted_date, updated_date), `bool` (is_active). */
  auditTypes: { datetime: string; bool: string };
}

const MAX_NAME_BODY = 26;

/**
 * A constraint or index name as the generated base model's naming convention
 * makes it (`ix_<table>_<columns>`, shortened with a sha1 when the body would
 * be longer than 26 characters), so migrations and models agree.
 */
export function constraintName(prefix: string, table: string, columns: readonly string[]): string {
  const body = columns.length ? `${table}_${columns.join("_")}` : table;
  if (body.length <= MAX_NAME_BODY) return `${prefix}_${body}`;
  const digest = sha1Hex(body).slice(0, 8);
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

/**
 * What the module templates print about `spec` in a project on `database`, with or without
 * `auth`, whose ids are `ids` wide. Under the owner policy (the default with auth) the rows
 * carry an `owner_id`.
 */
export function moduleView(
  spec: ModuleSpec,
  database: Database = "postgresql",
  auth = false,
  ids: IdWidth = NEW_PROJECT_IDS,
): ModuleView {
  const access = auth ? spec.access ?? defaultAccess(true) : "public";
  const owned = access === "owner";
  const db = DATABASE_PROFILES[database];
  const names = moduleNames(spec.name);
  const schema = db.translatedSchema?.placeholder;
  const ownedTables = new Set(owned ? (spec.ownedRefs ?? []).map((r) => moduleNames(r).table) : []);
  const fields = spec.fields.map((f, i) => fieldView(f, i, names.table, db, ownedTables, ids));
  const owner = owned
    ? ownerView(
      fieldView(OWNER_FIELD, fields.length, names.table, db, new Set(), ids),
      names.table,
      schema,
    )
    : undefined;
  // Every column the model declares: the module's fields, then the owner.
  const columns = owner ? [...fields, owner] : fields;
  const listed = fields.filter((f) => f.indexed || f.unique);
  const filters = listed.filter((f) => listUse(f.type, f.column).equal);
  const taken = new Set(fields.map((f) => f.column));
  const ranges = listed.flatMap((field): RangeView[] => {
    const [min, max] = rangeParameters(field.column);
    const free = !taken.has(min) && !taken.has(max);
    return listUse(field.type, field.column).range && free ? [{ field, min, max }] : [];
  });
  const orders = listed.filter((f) => listUse(f.type, f.column).order);
  const modelImports = new Set<string>();
  const schemaImports = new Set<string>();
  const sa = new Set<string>();
  const projectTypes = new Set<string>();
  for (const f of columns) {
    const type = saType(f, db);
    for (const t of type.imports) sa.add(t);
    for (const t of type.projectImports) projectTypes.add(t);
    for (const line of PY_VALUES[f.type].modelImports) modelImports.add(line);
  }
  // The owner is no field of the request bodies: the schemas import for the module's fields only.
  for (const f of fields) {
    for (const line of PY_VALUES[f.type].schemaImports) schemaImports.add(line);
  }
  if (owner) sa.add("Index"); // the owner's index, in __table_args__
  if (sa.size > 0) modelImports.add(`from sqlalchemy import ${[...sa].sort().join(", ")}`);
  if (projectTypes.size > 0) {
    modelImports.add(`from src.models.types import ${[...projectTypes].sort().join(", ")}`);
  }
  return {
    ...names,
    fields,
    ids,
    access,
    tokenOnEveryRoute: access === "owner" || access === "authenticated" || access === "admin",
    ownedRefTables: [...ownedTables].sort(),
    owner,
    modelImports: [...modelImports].sort(),
    tableArgs: tableArgs(
      names.table,
      fields.filter((f) => f.unique).map((f) => f.column),
      owner !== undefined,
    ),
    uniqueWhileActive: fields.some((f) => f.unique),
    schemaImports: [...schemaImports].sort(),
    hasRefs: fields.some((f) => f.type === "ref"),
    filters,
    ranges,
    sortKeys: ["id", ...orders.map((f) => f.column)].flatMap((key) => [key, `-${key}`]),
    readBack: columns.some((f) => !db.storedAsSent[f.type]),
    migrationIndexes: [
      createIndex(
        constraintName("ix", names.table, ["is_active"]),
        names.table,
        [`["is_active"]`, "unique=False"],
        schema,
      ),
      ...columns.flatMap((f) => f.migrationIndexes),
    ],
    schema,
    auditTypes: auditColumnTypes(database),
  };
}

/**
 * The columns of the owner's index, in order: one user's active rows, in id order. A page of
 * one user's list (`WHERE owner_id = ? AND is_active ORDER BY id LIMIT ?`) and its count are
 * read from it; on owner_id alone, the first page of a user whose rows are the newest walked the
 * primary key past every older row (71.6 ms against 0.05 at 1,000,000 rows, docs/DECISIONS.md).
 * It serves the foreign key's checks too, owner_id leading.
 */
export const OWNER_INDEX_COLUMNS = ["owner_id", "is_active", "id"] as const;

/** The owner's index in `table` (OWNER_INDEX_COLUMNS). */
export function ownerIndexName(table: string): string {
  return constraintName("ix", table, [...OWNER_INDEX_COLUMNS]);
}

/** The owner column as `fieldView` made it, indexed by OWNER_INDEX_COLUMNS, not by itself. */
function ownerView(owner: FieldView, table: string, schema: string | undefined): FieldView {
  const mappedColumn = owner.mappedColumn.replace(", index=True", "");
  if (mappedColumn === owner.mappedColumn) throw new Error("the owner column had no index");
  const columns = pyList(OWNER_INDEX_COLUMNS);
  return {
    ...owner,
    indexed: false,
    mappedColumn,
    migrationIndexes: [
      createIndex(ownerIndexName(table), table, [columns, "unique=False"], schema),
    ],
  };
}

function tableArgs(table: string, uniqueColumns: string[], owned: boolean): string | undefined {
  if (uniqueColumns.length === 0 && !owned) return undefined;
  const calls: [string, string[]][] = [
    ...uniqueColumns.map((column): [string, string[]] => [
      "unique_while_active",
      [`"${table}"`, `"${column}"`],
    ]),
    ...owned
      ? [["Index", [
        `"${ownerIndexName(table)}"`,
        ...OWNER_INDEX_COLUMNS.map((c) => `"${c}"`),
      ]]] as [
        string,
        string[],
      ][]
      : [],
  ];
  const comments = [
    ...uniqueColumns.length
      ? ["    # Unique among the active rows: a deleted row gives its value back (base_model.py)."]
      : [],
    ...owned
      ? ["    # One user's active rows in id order: a page of their list is read from it."]
      : [],
  ];
  // A tuple of one keeps its comma; one that does not fit has an element per line.
  const inline = calls.map(([callee, args]) => `${callee}(${args.join(", ")})`);
  const one = `    __table_args__ = (${inline.join(", ")}${calls.length === 1 ? "," : ""})`;
  if (one.length <= LINE_LENGTH) return [...comments, one].join("\n");
  return [
    ...comments,
    "    __table_args__ = (",
    ...calls.map(([callee, args]) => formatCall(8, callee, args, ",")),
    "    )",
  ].join("\n");
}

function schemaArg(schema: string | undefined): string[] {
  return schema ? [`schema="${schema}"`] : [];
}

/**
 * The arguments of a reference's ForeignKey: the referenced table's `id`, in the
 * profile's schema when it names one, with the profile's ON DELETE when it has one
 * (`"users.id", ondelete="RESTRICT"`; `"app.users.id"` on Oracle).
 */
function foreignKeyArgs(f: FieldSpec, db: DatabaseProfile): string {
  const table = moduleNames(f.ref!).table;
  const schema = db.translatedSchema?.placeholder;
  const target = schema ? `"${schema}.${table}.id"` : `"${table}.id"`;
  return db.foreignKeyOnDelete ? `${target}, ondelete="${db.foreignKeyOnDelete}"` : target;
}

/** The model's column type: the database's own where its profile has one, else the portable one. */
function saType(f: FieldSpec, db: DatabaseProfile): ModelColumnType {
  return db.modelTypes[f.type] ?? SA_TYPES[f.type](f, db);
}

/** The migration's column type: the database's own where its profile has one, else the portable one. */
function migrationType(f: FieldSpec, db: DatabaseProfile, ids: IdWidth): string {
  return db.migrationTypes[f.type] ?? MIGRATION_TYPES[f.type](f, ids);
}

/** The audit columns (base_model.py) whose type depends on the database, as fields. */
const AUDIT_DATETIME: FieldSpec = {
  name: "inserted_date",
  type: "datetime",
  required: true,
  unique: false,
  index: false,
};
const AUDIT_BOOL: FieldSpec = {
  name: "is_active",
  type: "bool",
  required: true,
  unique: false,
  index: false,
};

/**
 * Migration types of the audit columns every model inherits, on `database`: `datetime`
 * (inserted_date, updated_date) and `bool` (is_active). Tables without a module (users,
 * revoked_tokens) have the same columns.
 */
export function auditColumnTypes(database: Database): { datetime: string; bool: string } {
  const db = DATABASE_PROFILES[database];
  return {
    datetime: migrationType(AUDIT_DATETIME, db, NEW_PROJECT_IDS),
    bool: migrationType(AUDIT_BOOL, db, NEW_PROJECT_IDS),
  };
}

/** The portable SQLAlchemy types of the model, by field type. */
const SA_TYPES: Record<FieldType, (f: FieldSpec, db: DatabaseProfile) => ModelColumnType> = {
  str: (f) => ({ expr: `String(${f.length})`, imports: ["String"], projectImports: [], py: "str" }),
  text: () => ({ expr: "Text", imports: ["Text"], projectImports: [], py: "str" }),
  int: () => ({ expr: "Integer", imports: ["Integer"], projectImports: [], py: "int" }),
  bigint: () => ({ expr: "BigInteger", imports: ["BigInteger"], projectImports: [], py: "int" }),
  decimal: (f) => ({
    expr: `Numeric(${f.precision}, ${f.scale})`,
    imports: ["Numeric"],
    projectImports: [],
    py: "Decimal",
  }),
  float: () => ({ expr: "Float", imports: ["Float"], projectImports: [], py: "float" }),
  bool: () => ({ expr: "Boolean", imports: ["Boolean"], projectImports: [], py: "bool" }),
  date: () => ({ expr: "Date", imports: ["Date"], projectImports: [], py: "date" }),
  datetime: () => ({
    expr: "UtcDateTime",
    imports: [],
    projectImports: ["UtcDateTime"],
    py: "datetime",
  }),
  uuid: () => ({ expr: "Uuid", imports: ["Uuid"], projectImports: [], py: "uuid.UUID" }),
  json: () => ({ expr: "JSON", imports: ["JSON"], projectImports: [], py: "dict[str, Any]" }),
  enum: (f) => ({
    expr: `String(${Math.max(...f.choices!.map((c) => c.length))})`,
    imports: ["String"],
    projectImports: [],
    py: "str",
  }),
  ref: (f, db) => ({
    expr: `ForeignKey(${foreignKeyArgs(f, db)})`,
    imports: ["ForeignKey"],
    projectImports: [],
    py: "int",
  }),
};

/** SQLAlchemy Core types for Alembic migrations (migrations never import the project's models). */
const MIGRATION_TYPES: Record<FieldType, (f: FieldSpec, ids: IdWidth) => string> = {
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
  // The referenced key's type, whatever the width of the project's ids.
  ref: (_, ids) => ID_PROFILES[ids].migration,
};

/** Arguments of `sa.Column(...)` mirroring the model's `mapped_column(...)`. */
function migrationArgs(
  f: FieldSpec,
  column: string,
  db: DatabaseProfile,
  ids: IdWidth,
): string[] {
  const args = [`"${column}"`, migrationType(f, db, ids)];
  if (f.type === "ref") {
    args.push(`sa.ForeignKey(${foreignKeyArgs(f, db)})`);
  }
  args.push(`nullable=${f.required ? "False" : "True"}`);
  // Uniqueness is an index of its own, over the active rows (see FieldView.migrationIndexes).
  return args;
}

/**
 * A default (as the parser recorded it, FIELD_TYPE_RULES in src/choices/field_types.ts) as
 * Python source: `py` on the model and in the create schema; `server` as the server's default in
 * a revision, a string the dialect quotes or the SQL literal of a number or a boolean as the
 * migration's column type holds it (0/1 where booleans are integers: `migrationTypes`), the same
 * text on every database the revision runs on.
 */
interface PythonDefault {
  py(value: string): string;
  server(value: string, db: DatabaseProfile): string;
}

/** A number's default: as recorded, and as SQL. */
const NUMBER_DEFAULT: PythonDefault = { py: (v) => v, server: (v) => `sa.text("${v}")` };
/** Any other default: a string literal. */
const STRING_DEFAULT: PythonDefault = { py: pyString, server: pyString };

/**
 * What a type's values need in the model and schema files beyond their columns (SA_TYPES,
 * MIGRATION_TYPES, SCHEMA_TYPES): each file's import lines, and a default as Python source. One
 * entry per type, so a new type states each.
 */
interface PythonValues<T extends FieldType> {
  /** Import lines the model file needs for the Python type (SQLAlchemy's come from SA_TYPES). */
  modelImports: readonly string[];
  /** Import lines the schema file needs for the annotations (`SCHEMA_TYPES`). */
  schemaImports: readonly string[];
  /** Its default as Python source; null exactly for the types that cannot have one. */
  default: IfStated<T, "default", PythonDefault>;
}

const PY_VALUES: { readonly [T in FieldType]: PythonValues<T> } = {
  str: { modelImports: [], schemaImports: [], default: STRING_DEFAULT },
  text: { modelImports: [], schemaImports: [], default: STRING_DEFAULT },
  int: { modelImports: [], schemaImports: [], default: NUMBER_DEFAULT },
  bigint: { modelImports: [], schemaImports: [], default: NUMBER_DEFAULT },
  decimal: {
    modelImports: ["from decimal import Decimal"],
    schemaImports: ["from decimal import Decimal"],
    default: { py: (v) => `Decimal("${v}")`, server: NUMBER_DEFAULT.server },
  },
  float: { modelImports: [], schemaImports: [], default: NUMBER_DEFAULT },
  bool: {
    modelImports: [],
    schemaImports: [],
    default: {
      py: (v) => v === "true" ? "True" : "False",
      server(v, db) {
        const integer = db.migrationTypes.bool === "sa.Integer()";
        const yes = v === "true";
        return `sa.text("${integer ? (yes ? "1" : "0") : yes ? "true" : "false"}")`;
      },
    },
  },
  date: {
    modelImports: ["from datetime import date"],
    schemaImports: ["from datetime import date"],
    default: null,
  },
  datetime: {
    modelImports: ["from datetime import datetime"],
    schemaImports: ["from datetime import datetime", "from src.openapi import UtcDatetime"],
    default: null,
  },
  uuid: { modelImports: ["import uuid"], schemaImports: ["import uuid"], default: null },
  json: {
    modelImports: ["from typing import Any"],
    schemaImports: ["from typing import Any", "from src.openapi import JsonObject"],
    default: null,
  },
  enum: {
    modelImports: [],
    schemaImports: ["from typing import Literal"],
    default: STRING_DEFAULT,
  },
  ref: { modelImports: [], schemaImports: ["from src.openapi import reference_to"], default: null },
};

/** A field's Python default rule; an Error if its type has none (the parser refuses it). */
function defaultRule(f: FieldSpec): PythonDefault {
  const rule = PY_VALUES[f.type].default;
  if (!rule) throw new Error(`field type ${f.type} has no default`);
  return rule;
}

/**
 * A field's default as the server's, in a revision (PythonDefault.server): `migrationFilledColumn`
 * asks for it only when the field has one.
 */
function serverDefault(f: FieldSpec, db: DatabaseProfile): string {
  return defaultRule(f).server(f.default!, db);
}

/** A field's default as Python source (PythonDefault.py), or undefined when it has none. */
function pyDefault(f: FieldSpec): string | undefined {
  return f.default === undefined ? undefined : defaultRule(f).py(f.default);
}

/**
 * The values an integer column stores, as the schemas' `ge`/`le` (and OpenAPI's
 * `minimum`/`maximum`): beyond them the database would refuse the value with a
 * server-side error; the API answers 422 naming the field. A reference holds an id: from 1 to
 * the largest its width holds.
 */
function intRange(f: FieldSpec, _py: string, ids: IdWidth): string {
  const [low, high] = f.type === "int" || f.type === "bigint"
    ? INTEGER_RANGES[f.type]
    : ["1", ID_PROFILES[ids].max];
  return `Annotated[int, Field(ge=${low}, le=${high})]`;
}

/**
 * Each type's annotation in the input schemas (what a request may send); `py` is the model's
 * Python type. One entry per type, so a new type must say how it is validated.
 */
const SCHEMA_TYPES: Readonly<
  Record<FieldType, (f: FieldSpec, py: string, ids: IdWidth) => string>
> = {
  str: (f) => `Annotated[str, Field(min_length=1, max_length=${f.length})]`,
  // Stored unbounded (TEXT, CLOB); a request is bounded (TEXT_LENGTH, or text(N)).
  text: (f) => `Annotated[str, Field(max_length=${textLength(f)})]`,
  int: intRange,
  bigint: intRange,
  decimal: (f) => `Annotated[Decimal, Field(max_digits=${f.precision}, decimal_places=${f.scale})]`,
  float: (_, py) => py,
  bool: (_, py) => py,
  date: (_, py) => py,
  // A datetime without an offset is refused (422) rather than guessed, and so is one out of the
  // years UTC can hold: the column stores UTC (src/openapi.py).
  datetime: () => "UtcDatetime",
  uuid: (_, py) => py,
  // An object whose numbers JSON can write back (src/openapi.py).
  json: () => "JsonObject",
  enum: (f) => `Literal[${f.choices!.map((c) => JSON.stringify(c)).join(", ")}]`,
  ref: intRange,
};

/**
 * A value a request stores: its type, and for a reference what the service checks of the row it
 * names (src/openapi.py's `reference_to`: the document says it, a 422 otherwise).
 */
function storedType(f: FieldSpec, schemaType: string, ownedTables: ReadonlySet<string>): string {
  if (f.type !== "ref") return schemaType;
  const table = moduleNames(f.ref!).table;
  const owned = ownedTables.has(table) ? ", owned=True" : "";
  return schemaType.replace(/\]$/, `, reference_to("${table}"${owned})]`);
}

/**
 * The view of one field; `i` is its position (test samples differ per field), `ownedTables` the
 * referenced tables whose rows must have the referring row's owner.
 */
function fieldView(
  f: FieldSpec,
  i: number,
  table: string,
  db: DatabaseProfile,
  ownedTables: ReadonlySet<string>,
  ids: IdWidth,
): FieldView {
  const sa = saType(f, db);
  const column = fieldColumn(f);
  const pyType = f.type === "enum" ? "str" : sa.py;
  const nullable = !f.required;
  const indexed = f.index || f.type === "ref";
  const schema = db.translatedSchema?.placeholder;
  const args = [sa.expr];
  args.push(`nullable=${nullable ? "True" : "False"}`);
  if (indexed) args.push("index=True");
  const def = pyDefault(f);
  if (def !== undefined) args.push(`default=${def}`);
  const schemaType = SCHEMA_TYPES[f.type](f, pyType, ids);
  const stored = storedType(f, schemaType, ownedTables);
  const createDefault = def !== undefined ? def : f.required ? undefined : "None";
  const [sample, sampleAlt, invalid, sampleN] = testSamples(f, i);
  return {
    ...f,
    column,
    pyType,
    outType: f.type === "enum" ? schemaType : pyType,
    mapped: nullable ? `Mapped[${pyType} | None]` : `Mapped[${pyType}]`,
    mappedColumn: `mapped_column(${args.join(", ")})`,
    createAnnotation: nullable ? `${stored} | None` : stored,
    createDefault,
    updateAnnotation: `${stored} | None`,
    valueAnnotation: schemaType,
    sample,
    sampleAlt,
    invalid,
    sampleN,
    coerced: coercedSamples(f),
    unnormalised: unnormalisedSample(f),
    outOfRange: outOfRangeSample(f, ID_PROFILES[ids]),
    ...f.type === "str"
      ? { maxLength: f.length }
      : f.type === "text"
      ? { maxLength: textLength(f) }
      : {},
    unwritable: unwritableSamples(f),
    refNames: f.ref ? moduleNames(f.ref) : undefined,
    migrationColumn: formatCall(8, "sa.Column", migrationArgs(f, column, db, ids), ","),
    ...f.required && f.default !== undefined
      ? {
        migrationFilledColumn: formatCall(8, "sa.Column", [
          ...migrationArgs(f, column, db, ids),
          `server_default=${serverDefault(f, db)}`,
        ], ","),
      }
      : {},
    uniqueConstraint: f.unique ? constraintName("uq", table, [column]) : undefined,
    indexed,
    migrationIndexes: fieldIndexes(column, { indexed, unique: f.unique }, table, db).map((
      [name, args],
    ) => createIndex(name, table, args, schema)),
  };
}

/** `op.drop_index(op.f(name), table_name=table)` at 4 spaces, in `schema` when there is one. */
function dropIndex(name: string, table: string, schema: string | undefined): string {
  return formatCall(4, "op.drop_index", [
    `op.f("${name}")`,
    `table_name="${table}"`,
    ...schemaArg(schema),
  ]);
}

/** A foreign key `name` of `table` dropped, as `dropIndex` drops an index. */
function dropForeignKey(name: string, table: string, schema: string | undefined): string {
  return formatCall(4, "op.drop_constraint", [
    `op.f("${name}")`,
    `"${table}"`,
    `type_="foreignkey"`,
    ...schemaArg(schema),
  ]);
}

/** The names of a field's own indexes in `table`: `ix_…` when indexed, `uq_…` when unique. */
function ownIndexNames(f: FieldView, table: string): string[] {
  return [
    ...(f.indexed ? [constraintName("ix", table, [f.column])] : []),
    ...(f.unique ? [constraintName("uq", table, [f.column])] : []),
  ];
}

/** A reference's foreign key name in `table` (`fk_…`); undefined for other fields. */
function foreignKeyName(f: FieldView, table: string): string | undefined {
  return f.type === "ref" ? constraintName("fk", table, [f.column]) : undefined;
}

/** `op.create_index(op.f(name), table, ...args)` at 4 spaces, in `schema` when there is one. */
function createIndex(name: string, table: string, args: string[], schema?: string): string {
  return formatCall(4, "op.create_index", [
    `op.f("${name}")`,
    `"${table}"`,
    ...args,
    ...schemaArg(schema),
  ]);
}

/**
 * `text` as a Python string literal, quoted as ruff's formatter would: double quotes, unless the
 * text holds more double quotes than single ones (then single quotes, escaping fewer).
 */
export function pyString(text: string): string {
  const json = JSON.stringify(text);
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return json;
  let inner = "";
  const body = json.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      const pair = body.slice(i, i + 2);
      inner += pair === '\\"' ? '"' : pair;
      i++;
    } else {
      inner += body[i] === "'" ? "\\'" : body[i];
    }
  }
  return `'${inner}'`;
}

/**
 * A column's schema in a revision where the models name a placeholder schema: DB_SCHEMA itself.
 * Alembic's ADD and DROP COLUMN print the schema they are given, which neither the engine nor
 * the offline preparer of migrations/env.py translates (indexes and foreign keys are
 * SQLAlchemy's own DDL, translated like the rest). A revision that names it imports `os` and
 * `db_schema_from_env` (`namesDbSchema` of module/migrations/_revision.eta).
 */
const COLUMN_SCHEMA = "schema=db_schema_from_env(os.environ)";

/**
 * The steps that add one column to `table` and take it away, as `op` calls at 4 spaces: the
 * column (`column`, an `sa.Column(...)` at 8 spaces with its comma), then `indexes`; back, the
 * indexes named `indexNames`, then the column. `schema`: the models' placeholder schema, if any.
 */
export function columnSteps(
  table: string,
  column: {
    name: string;
    line: string;
    indexes: readonly string[];
    indexNames: string[];
    /** Added IF NOT EXISTS: found there when the revision runs again after a failure. */
    ifNotExists?: boolean;
    /** A reference's foreign key, dropped by name before the column (the schema test's replay). */
    foreignKey?: string;
  },
  schema: string | undefined,
): { upgrade: string[]; downgrade: string[] } {
  const columnSchema = schema ? [COLUMN_SCHEMA] : [];
  const add = ["    op.add_column(", `        "${table}",`, column.line]
    .concat(
      columnSchema.map((arg) => `        ${arg},`),
      column.ifNotExists ? ["        if_not_exists=True,"] : [],
      ["    )"],
    ).join("\n");
  return {
    upgrade: [add, ...column.indexes],
    downgrade: [
      ...(column.foreignKey ? [dropForeignKey(column.foreignKey, table, schema)] : []),
      ...column.indexNames.map((name) => dropIndex(name, table, schema)),
      formatCall(4, "op.drop_column", [`"${table}"`, `"${column.name}"`, ...columnSchema]),
    ],
  };
}

/**
 * The steps of a revision that adds the fields `columns` of `view` to its table, and their way
 * back, the last column first (`columnSteps`). A required one has a default, which fills the
 * rows already there (`migrationFilledColumn`) and which the column keeps: the release still
 * running until this one is rolled out inserts rows without it. On a database that can change a
 * table without blocking its writes (`DatabaseProfile.onlineChanges`), the columns are added in
 * the revision's transaction and their indexes and foreign keys built after it (`onlineSteps`).
 */
export function addColumnSteps(
  view: ModuleView,
  columns: readonly string[],
  database?: Database,
): { upgrade: string[]; downgrade: string[] } {
  const db = database && DATABASE_PROFILES[database];
  const upgrade: string[] = [];
  const apart: string[] = [];
  const downgrade: string[] = [];
  for (const f of view.fields.filter((f) => columns.includes(f.column))) {
    const online = db?.onlineChanges ? onlineSteps(view, f, db) : undefined;
    const steps = columnSteps(view.table, {
      name: f.column,
      line: online?.line ?? f.migrationFilledColumn ?? f.migrationColumn,
      ifNotExists: online !== undefined,
      foreignKey: foreignKeyName(f, view.table),
      // Online, the indexes come apart (`online.apart`), after the transaction.
      indexes: online ? [] : f.migrationIndexes,
      indexNames: ownIndexNames(f, view.table),
    }, view.schema);
    upgrade.push(...steps.upgrade);
    apart.push(...online?.apart ?? []);
    downgrade.unshift(...steps.downgrade);
  }
  if (apart.length) {
    upgrade.push(
      "    # The rows there stay writable while the indexes are built and the foreign keys checked:",
      "    # outside the transaction, each step committed on its own. Run again after a failure, the",
      "    # revision finds its columns there (IF NOT EXISTS) and takes these steps again, dropping",
      "    # what a failed one left (an index a build left invalid).",
      "    with op.get_context().autocommit_block():",
      ...apart,
    );
  }
  return { upgrade, downgrade };
}

/**
 * The online form of adding the field `f` to `view`'s table (`db.onlineChanges`): `line`, its
 * `sa.Column(...)` at 8 spaces, without the foreign key; `apart`, at 8 spaces (in
 * `autocommit_block()`), each of its indexes dropped if there and built concurrently, and a
 * reference's foreign key dropped if there, added without checking the rows, then validated
 * (which scans the table without blocking its writes).
 */
function onlineSteps(
  view: ModuleView,
  f: FieldView,
  db: DatabaseProfile,
): { line: string; apart: string[] } {
  const online = db.onlineChanges!;
  const table = view.table;
  if (view.schema) throw new Error("online changes name no schema");
  // A reference's column without its key, which comes apart.
  const args = migrationArgs(f, f.column, db, view.ids).filter((arg) =>
    !arg.startsWith("sa.ForeignKey(")
  )
    .concat(f.migrationFilledColumn ? [`server_default=${serverDefault(f, db)}`] : []);
  const line = formatCall(8, "sa.Column", args, ",");
  const apart: string[] = [];
  for (const [name, indexArgs] of fieldIndexes(f.column, f, table, db)) {
    apart.push(...builtOnline(name, table, indexArgs, online));
  }
  const key = foreignKeyName(f, table);
  if (key && f.refNames) {
    apart.push(
      formatCall(8, "op.drop_constraint", [
        `op.f("${key}")`,
        `"${table}"`,
        `type_="foreignkey"`,
        "if_exists=True",
      ]),
      formatCall(8, "op.create_foreign_key", [
        `op.f("${key}")`,
        `"${table}"`,
        `"${f.refNames.table}"`,
        `["${f.column}"]`,
        `["id"]`,
        ...db.foreignKeyOnDelete ? [`ondelete="${db.foreignKeyOnDelete}"`] : [],
        online.foreignKey,
      ]),
      formatCall(8, "op.execute", [`"ALTER TABLE ${table} VALIDATE CONSTRAINT ${key}"`]),
    );
  }
  return { line, apart };
}

/**
 * The own indexes of a field's `column` in `table`, as `[name, op.create_index arguments after the
 * table]`: `ix_…` when it is indexed, its unique index over the active rows `uq_…` when unique.
 */
function fieldIndexes(
  column: string,
  f: { indexed: boolean; unique?: boolean },
  table: string,
  db: DatabaseProfile,
): [string, string[]][] {
  const own: [string, string[]][] = [];
  if (f.indexed) {
    own.push([constraintName("ix", table, [column]), [`["${column}"]`, "unique=False"]]);
  }
  if (f.unique) own.push([constraintName("uq", table, [column]), db.uniqueWhileActive(column)]);
  return own;
}

/**
 * The steps of a revision that gives the rows of `view`'s table an owner (`view` is under the
 * owner policy; `update --set <module>.access=owner`), as `op` calls at 4 spaces: `add`, the
 * column added nullable (the rows there have no owner yet); `notNull`, made NOT NULL once they
 * have one; `indexes`, its index; `back`, the way back (foreign key, index, column). A module
 * that leaves the policy runs `back` and comes back through `add` and `indexes` (nullable: the
 * owners are gone). `tableSchema`: the `schema=` argument of a table the revision reads, if any.
 */
export function ownerColumnSteps(view: ModuleView, database: Database): {
  add: string;
  notNull: string;
  indexes: string[];
  back: string[];
  columnType: string;
  tableSchema: string[];
  online?: { line: string; apart: string[] };
} {
  const owner = view.owner;
  if (owner === undefined) throw new Error(`${view.table} is not under the owner policy`);
  const db = DATABASE_PROFILES[database];
  const steps = columnSteps(view.table, {
    name: owner.column,
    line: formatCall(
      8,
      "sa.Column",
      migrationArgs({ ...OWNER_FIELD, required: false }, owner.column, db, view.ids),
      ",",
    ),
    indexes: owner.migrationIndexes,
    indexNames: [ownerIndexName(view.table)],
    foreignKey: foreignKeyName(owner, view.table),
  }, view.schema);
  const columnType = migrationType(OWNER_FIELD, db, view.ids);
  return {
    add: steps.upgrade[0],
    notNull: formatCall(4, "op.alter_column", [
      `"${view.table}"`,
      `"${owner.column}"`,
      `existing_type=${columnType}`,
      "nullable=False",
      ...(view.schema ? [COLUMN_SCHEMA] : []),
    ]),
    indexes: steps.upgrade.slice(1),
    back: steps.downgrade,
    columnType,
    tableSchema: schemaArg(view.schema),
    ...db.onlineChanges ? { online: ownerOnlineSteps(view, owner, db) } : {},
  };
}

/**
 * The online form of `ownerColumnSteps`' upgrade (`db.onlineChanges`): `line`, the owner column's
 * `sa.Column(...)` at 8 spaces, NOT NULL, without its foreign key, its server default the
 * revision's `owner_id` (ROWS_OWNER's user, or None); `apart`, at 8 spaces (in
 * `autocommit_block()`), the owner index dropped if there and built concurrently, then the
 * foreign key dropped if there, added without checking the rows, and validated.
 */
function ownerOnlineSteps(
  view: ModuleView,
  owner: FieldView,
  db: DatabaseProfile,
): { line: string; apart: string[] } {
  const online = db.onlineChanges!;
  const { apart } = onlineSteps(view, owner, db);
  const args = migrationArgs(OWNER_FIELD, owner.column, db, view.ids)
    .filter((arg) => !arg.startsWith("sa.ForeignKey("))
    .concat("server_default=None if owner_id is None else sa.text(str(owner_id))");
  const index = builtOnline(ownerIndexName(view.table), view.table, [
    pyList(OWNER_INDEX_COLUMNS),
    "unique=False",
  ], online);
  return { line: formatCall(8, "sa.Column", args, ","), apart: [...index, ...apart] };
}

/**
 * An index `name` of `table` built online (`online.index`: concurrently), at 8 spaces for an
 * `autocommit_block()`: dropped if there first (a failed concurrent build leaves an invalid one),
 * then built with `indexArgs` (`op.create_index`'s arguments after the table).
 */
function builtOnline(
  name: string,
  table: string,
  indexArgs: readonly string[],
  online: { index: string },
): string[] {
  return [
    formatCall(8, "op.drop_index", [
      `op.f("${name}")`,
      `table_name="${table}"`,
      "if_exists=True",
      online.index,
    ]),
    formatCall(8, "op.create_index", [`op.f("${name}")`, `"${table}"`, ...indexArgs, online.index]),
  ];
}

/** Column names as a Python list literal: `["owner_id", "is_active", "id"]`. */
function pyList(columns: readonly string[]): string {
  return `[${columns.map((c) => `"${c}"`).join(", ")}]`;
}

/**
 * The steps of a revision that drops the fields `columns` of `view` (the module as it was) from
 * its table: `addColumnSteps` the other way round (where `database` drops a column's indexes and
 * foreign key with it, the column alone). The way back adds each column as `view` has
 * it, with its index and foreign key; its values are not restored.
 */
export function dropColumnSteps(
  view: ModuleView,
  columns: readonly string[],
  database?: Database,
): { upgrade: string[]; downgrade: string[] } {
  const { upgrade, downgrade } = addColumnSteps(view, columns);
  if (database && DATABASE_PROFILES[database].onlineChanges) {
    // A column's indexes and foreign key go with it (PostgreSQL drops them with the column): no
    // DROP INDEX of their own, each of which would wait for the table's lock once more.
    return {
      upgrade: downgrade.filter((step) => step.includes("op.drop_column(")),
      downgrade: upgrade,
    };
  }
  return { upgrade: downgrade, downgrade: upgrade };
}

/**
 * The steps of a revision that renames the columns of `before` (the module as it was) to those of
 * `after`, pair by pair (`[old, new]` columns), and their way back: each column renamed (its values
 * kept), then its indexes and a reference's foreign key renamed to the names the models give them
 * now. Where the models name a placeholder schema (Oracle), which a raw statement would have to
 * name, the indexes and the key are dropped under their old names and made again instead.
 * `onDelete`: the database profile's ON DELETE for references, if any.
 */
export function renameColumnSteps(
  before: ModuleView,
  after: ModuleView,
  pairs: readonly (readonly [string, string])[],
  onDelete: string | undefined,
): { upgrade: string[]; downgrade: string[] } {
  const { table, schema } = after;
  const columnSchema = schema ? [COLUMN_SCHEMA] : [];
  const refSchema = schema ? [`referent_schema="${schema}"`, `source_schema="${schema}"`] : [];
  const one = (from: FieldView, to: FieldView): string[] => {
    const [oldKey, newKey] = [foreignKeyName(from, table), foreignKeyName(to, table)];
    if (!schema) {
      // Renamed in place, as the column is: nothing rebuilt, nothing checked again.
      const [oldNames, newNames] = [ownIndexNames(from, table), ownIndexNames(to, table)];
      const renames = oldNames.flatMap((name, i) =>
        name === newNames[i] ? [] : [`ALTER INDEX ${name} RENAME TO ${newNames[i]}`]
      );
      if (oldKey && newKey && oldKey !== newKey) {
        renames.push(`ALTER TABLE ${table} RENAME CONSTRAINT ${oldKey} TO ${newKey}`);
      }
      return [
        formatCall(4, "op.alter_column", [
          `"${table}"`,
          `"${from.column}"`,
          `new_column_name="${to.column}"`,
        ]),
        ...renames.map((sql) => formatCall(4, "op.execute", [`"${sql}"`])),
      ];
    }
    return [
      ...oldKey ? [dropForeignKey(oldKey, table, schema)] : [],
      ...ownIndexNames(from, table).map((name) => dropIndex(name, table, schema)),
      formatCall(4, "op.alter_column", [
        `"${table}"`,
        `"${from.column}"`,
        `new_column_name="${to.column}"`,
        ...columnSchema,
      ]),
      ...to.migrationIndexes,
      ...newKey && to.refNames
        ? [formatCall(4, "op.create_foreign_key", [
          `op.f("${newKey}")`,
          `"${table}"`,
          `"${to.refNames.table}"`,
          `["${to.column}"]`,
          `["id"]`,
          ...onDelete ? [`ondelete="${onDelete}"`] : [],
          ...refSchema,
        ])]
        : [],
    ];
  };
  const field = (view: ModuleView, column: string) => view.fields.find((f) => f.column === column)!;
  return {
    upgrade: pairs.flatMap(([old, now]) => one(field(before, old), field(after, now))),
    downgrade: [...pairs].reverse().flatMap(([old, now]) =>
      one(field(after, now), field(before, old))
    ),
  };
}

/**
 * The schema change of 0.14.0 for one module, as `op` calls at 4 spaces: each unique column of
 * a table made by an earlier version (a unique constraint `uq_…`, or a unique index `ix_…` when
 * the column is indexed) becomes unique over the active rows, as `add` makes it now
 * (FieldView.migrationIndexes); `downgrade` puts the earlier constraint back.
 */
export function uniqueWhileActiveSteps(
  view: ModuleView,
): { upgrade: string[]; downgrade: string[] } {
  const schema = schemaArg(view.schema);
  const table = view.table;
  const dropOwn = (name: string) => dropIndex(name, table, view.schema);
  const upgrade: string[] = [];
  const downgrade: string[] = [];
  for (const f of view.fields.filter((f) => f.unique)) {
    const ix = constraintName("ix", table, [f.column]);
    const uq = constraintName("uq", table, [f.column]);
    const columns = `["${f.column}"]`;
    upgrade.push(
      f.indexed ? dropOwn(ix) : formatCall(4, "op.drop_constraint", [
        `op.f("${uq}")`,
        `"${table}"`,
        `type_="unique"`,
        ...schema,
      ]),
      ...f.migrationIndexes,
    );
    downgrade.push(
      dropOwn(uq),
      ...f.indexed
        ? [dropOwn(ix), createIndex(ix, table, [columns, "unique=True"], view.schema)]
        : [
          formatCall(4, "op.create_unique_constraint", [
            `op.f("${uq}")`,
            `"${table}"`,
            columns,
            ...schema,
          ]),
        ],
    );
  }
  return { upgrade, downgrade };
}

/**
 * The steps of a revision that gives `view`'s owner column the index of OWNER_INDEX_COLUMNS in
 * place of its index on owner_id alone (a module under the owner policy made before 0.26.0), and
 * back. Where the database builds indexes online (`onlineChanges`), outside the transaction, a
 * step at a time: the new index built (what a failed build left dropped first), then the old one
 * dropped; until then the old one serves.
 */
export function ownerIndexSteps(
  view: ModuleView,
  database: Database,
): { upgrade: string[]; downgrade: string[] } {
  if (view.owner === undefined) throw new Error(`${view.table} is not under the owner policy`);
  const online = DATABASE_PROFILES[database].onlineChanges;
  const table = view.table;
  const index = (name: string, columns: readonly string[]) =>
    online
      ? builtOnline(name, table, [pyList(columns), "unique=False"], online)
      : [createIndex(name, table, [pyList(columns), "unique=False"], view.schema)];
  const drop = (name: string) =>
    online
      ? formatCall(8, "op.drop_index", [
        `op.f("${name}")`,
        `table_name="${table}"`,
        "if_exists=True",
        online.index,
      ])
      : dropIndex(name, table, view.schema);
  const old = constraintName("ix", table, ["owner_id"]);
  const block = online ? ["    with op.get_context().autocommit_block():"] : [];
  return {
    upgrade: [...block, ...index(ownerIndexName(table), OWNER_INDEX_COLUMNS), drop(old)],
    downgrade: [...block, ...index(old, ["owner_id"]), drop(ownerIndexName(table))],
  };
}
