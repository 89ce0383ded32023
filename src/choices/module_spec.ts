/**
 * A resource module as the user chose it: its name and its fields, already
 * validated (the parsers are in module_names.ts and fields.ts). The Python
 * source the templates print is derived from it in src/python/.
 */
import { FIELD_TYPE_RULES } from "./field_types.ts";

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

/**
 * How each type is written in a `--field` spec, arguments included: the help of `add --field` and
 * the parser's hint are made from it, so a new type cannot be missing from either.
 */
export const FIELD_TYPE_SYNTAX: Readonly<Record<FieldType, string>> = {
  str: "str(N)",
  text: "text(N)",
  int: "int",
  bigint: "bigint",
  decimal: "decimal(P,S)",
  float: "float",
  bool: "bool",
  date: "date",
  datetime: "datetime",
  uuid: "uuid",
  json: "json",
  enum: "enum(a|b)",
  ref: "ref:<module>",
};

export interface FieldSpec {
  name: string;
  type: FieldType;
  /**
   * str: maximum length (default 255); text: maximum length when given (`text(N)`), else
   * TEXT_LENGTH (src/choices/field_types.ts).
   */
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

/**
 * Who may do what with a module's rows (issue 14). `public`: no auth in the project, the
 * only policy then. With auth: `owner` (the default) rows belong to their creator, users see
 * only their own, admins all, another user's row is 404; `authenticated` any logged-in user,
 * any row; `public-read` reads without a token, writes with one; `admin` admins only, others 403.
 */
export const ACCESS_POLICIES = ["owner", "authenticated", "public-read", "admin"] as const;
export type AccessPolicy = "public" | typeof ACCESS_POLICIES[number];

/** The policy of a module that names none (an answers file older than the choice). */
export function defaultAccess(auth: boolean): AccessPolicy {
  return auth ? "owner" : "public";
}

export interface ModuleSpec {
  /** snake_case package name: `booking_item`. */
  name: string;
  fields: FieldSpec[];
  /** Its access policy; absent: `defaultAccess(auth)` (owner with auth, public without). */
  access?: AccessPolicy;
  /**
   * Referenced modules whose rows are owner-scoped, when this module is owner-scoped too:
   * a reference to one of their rows must name a row of the same owner (src/plan/module_ops.ts).
   */
  ownedRefs?: string[];
}

/** A field's column, which is also its model attribute: `owner:ref:users` is `owner_id`. */
export function fieldColumn(field: Pick<FieldSpec, "name" | "type">): string {
  return field.type === "ref" ? `${field.name}_id` : field.name;
}

/** The owner policy's column (`owner_id`), as a reference field to users: no field may take it. */
export const OWNER_FIELD: Readonly<FieldSpec> = {
  name: "owner",
  type: "ref",
  ref: "users",
  required: true,
  unique: false,
  index: true,
};

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

/**
 * A `--field` text as one shell word: as it is when the shell reads it as it is, otherwise in
 * single quotes (`'total:decimal(10,2)'`): `(`, `|` and a space in a default are the shell's.
 */
export function shellField(text: string): string {
  return /^[A-Za-z0-9_:=.,@%+\/-]*$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The `--field` text of a field: `parseField(fieldText(f))` gives `f` back. */
export function fieldText(f: FieldSpec): string {
  // A record read from disk may name any type: one that is none is written as it is, and the
  // parser then refuses it.
  const type = Object.hasOwn(FIELD_TYPE_RULES, f.type)
    ? FIELD_TYPE_RULES[f.type].arguments?.text(f) ?? f.type
    : f.type;
  const modifiers = [
    f.required ? "required" : "optional",
    ...(f.unique ? ["unique"] : []),
    ...(f.index ? ["index"] : []),
    ...(f.default !== undefined ? [`default=${f.default}`] : []),
  ];
  return [f.name, type, ...modifiers].join(":");
}
