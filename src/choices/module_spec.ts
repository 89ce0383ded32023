/**
 * A resource module as the user chose it: its name and its fields, already
 * validated (the parsers are in module_names.ts and fields.ts). The Python
 * source the templates print is derived from it in src/python/.
 */

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

/** Who may use a module's routes (issue 14). Absent: the project's default (owner with auth). */
export type AccessPolicy = "public" | "owner" | "authenticated" | "public-read" | "admin";
export const ACCESS_POLICIES: readonly AccessPolicy[] = [
  "public",
  "owner",
  "authenticated",
  "public-read",
  "admin",
];

export interface ModuleSpec {
  /** snake_case package name: `booking_item`. */
  name: string;
  fields: FieldSpec[];
  access?: AccessPolicy;
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
