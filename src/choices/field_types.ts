/**
 * What each field type allows, one entry per type in FIELD_TYPE_RULES: its arguments (read and
 * written back), the keys its column may have (unique, index), its defaults, and what an indexed
 * column of it gives a list (an equality filter, a range). A type added to FIELD_TYPES fails the
 * type check until its entry states each rule; the parser (fields.ts), `fieldText`, the list's
 * parameters and the wizard read them from here. How a type's values are written in Python is the
 * Python view's (src/python/module_view.ts and test_samples.ts), in tables of the same kind; a
 * Python default and a wizard's argument question follow this table's `default` and `arguments`
 * (IfStated).
 */
import { printable, words } from "./names.ts";
import type { FieldSpec, FieldType } from "./module_spec.ts";

/** The parser's failure: `problem` follows `Invalid field "<spec>": `; `hint` replaces its hint. */
export type FieldFailure = (problem: string, hint?: string) => never;

/** A type's arguments, as `parseField` reads them and `fieldText` writes them back. */
export interface FieldArguments {
  /**
   * Reads them into `field`: `args` is the text in the type's parentheses (undefined without
   * them); `rest` the parts after the type, of which it may take its own (a reference's module);
   * `raw` the whole spec; `noArguments()` fails when there are parentheses.
   */
  parse(
    field: FieldSpec,
    args: string | undefined,
    context: { raw: string; rest: string[]; fail: FieldFailure; noArguments: () => void },
  ): void;
  /** The type and its arguments as a spec writes them (`str(120)`, `ref:users`). */
  text(field: FieldSpec): string;
}

/** The keys a column of a type may have; each "no" says why, as the parser's error does. */
export type FieldKeys =
  /** Unique, indexed, both or neither, as the field says. */
  | { unique: true; index: true }
  /** Indexed or not, never unique: `why` follows "a <type> column cannot be unique: ". */
  | { unique: false; why: string; index: true }
  /** Neither: `instead` is in parentheses after "<type> columns cannot be unique or indexed". */
  | { unique: false; index: false; instead: string };

/** A type's defaults (`default=VALUE`). */
export interface FieldDefault {
  /**
   * `value` as the field records it when it is a default of `field`, else undefined (the parser
   * then says it is not a valid value); `fail` for a problem it names itself (out of range).
   */
  parse(value: string, field: FieldSpec, fail: (problem: string) => never): string | undefined;
  /** A default of `field` for a hint: a placeholder the user replaces. */
  example(field: FieldSpec): string;
}

/** Every rule of one field type: no property is optional, so each is stated. */
export interface FieldTypeRule {
  /** Its arguments; null: it takes none (the parser refuses parentheses). */
  arguments: FieldArguments | null;
  keys: FieldKeys;
  /** Its defaults; null: "<type> fields cannot have a default". */
  default: FieldDefault | null;
  /**
   * Whether an indexed column of it gives a list `?<column>=` (an equality filter): only for the
   * values a query string names exactly.
   */
  filter: boolean;
  /**
   * Whether an indexed column of it gives a list `?min_<column>=`/`?max_<column>=` (a range):
   * only for an order a range means something for.
   */
  range: boolean;
}

/** The values an integer column stores (PostgreSQL's and Oracle's integer and bigint). */
export const INTEGER_RANGES: Readonly<Record<"int" | "bigint", readonly [string, string]>> = {
  int: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"],
};

/**
 * A text field's longest value when `text(N)` does not say: what a request may send (a 422
 * beyond it). A column of unbounded text let one row take the whole 1 MiB body, and a page of
 * 100 rows 100 MB.
 */
export const TEXT_LENGTH = 10_000;
/** The largest `text(N)`: a value one character longer still fits the 1 MiB body limit. */
export const TEXT_MAX_LENGTH = 500_000;

/** A text field's longest value: its `text(N)`, else TEXT_LENGTH. */
export const textLength = (f: FieldSpec): number => f.length ?? TEXT_LENGTH;

const ANY_KEY: FieldKeys = { unique: true, index: true };
const NO_KEY: FieldKeys = { unique: false, index: false, instead: "use str(N)" };
const FEW_VALUES: FieldKeys = {
  unique: false,
  why: "it has only a few possible values",
  index: true,
};

/** An integer default, recorded as its value: Python reads 007 as a syntax error. */
function integerDefault(type: "int" | "bigint"): FieldDefault {
  return {
    parse(value, _field, fail) {
      if (!/^-?\d{1,30}$/.test(value)) return undefined;
      const [low, high] = INTEGER_RANGES[type];
      if (BigInt(value) < BigInt(low) || BigInt(value) > BigInt(high)) {
        fail(`default ${value} is outside the ${type} range, ${low} to ${high}`);
      }
      return String(BigInt(value));
    },
    example: () => "0",
  };
}

/** `value` when `ok`, else undefined: FieldDefault.parse of a default recorded as typed. */
const asTyped = (ok: boolean, value: string) => ok ? value : undefined;

/**
 * Each type's rules, as FIELD_TYPE_RULES exports them. Filters: not a float or a decimal (equality of computed numbers), nor a
 * datetime (one instant, many spellings); text and JSON are never indexed. Ranges: numbers, days
 * and instants.
 */
const RULES = {
  str: {
    arguments: {
      parse(field, args, { fail }) {
        const length = args === undefined ? 255 : /^\s*\d{1,5}\s*$/.test(args) ? Number(args) : NaN;
        if (!Number.isInteger(length) || length < 1 || length > 4000) {
          fail("str(N) needs a length from 1 to 4000 (use text for longer values)");
        }
        field.length = length;
      },
      text: (f) => `str(${f.length})`,
    },
    keys: ANY_KEY,
    default: {
      parse: (value, f) => asTyped(value.length >= 1 && value.length <= f.length!, value),
      example: (f) => "unknown".slice(0, f.length),
    },
    filter: true,
    range: false,
  },
  text: {
    arguments: {
      // `text` alone: TEXT_LENGTH, not recorded (a record says only what was chosen).
      parse(field, args, { fail }) {
        if (args === undefined) return;
        const length = /^\s*\d{1,6}\s*$/.test(args) ? Number(args) : NaN;
        if (!Number.isInteger(length) || length < 1 || length > TEXT_MAX_LENGTH) {
          fail(
            `text(N) needs a length from 1 to ${TEXT_MAX_LENGTH} (text alone takes up to ` +
              `${TEXT_LENGTH} characters)`,
          );
        }
        field.length = length;
      },
      text: (f) => f.length === undefined ? "text" : `text(${f.length})`,
    },
    keys: NO_KEY,
    default: {
      parse: (value, f) => asTyped(value.length <= textLength(f), value),
      example: () => "unknown",
    },
    filter: false,
    range: false,
  },
  int: {
    arguments: null,
    keys: ANY_KEY,
    default: integerDefault("int"),
    filter: true,
    range: true,
  },
  bigint: {
    arguments: null,
    keys: ANY_KEY,
    default: integerDefault("bigint"),
    filter: true,
    range: true,
  },
  decimal: {
    arguments: {
      parse(field, args, { fail }) {
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
      },
      text: (f) => `decimal(${f.precision},${f.scale})`,
    },
    keys: ANY_KEY,
    default: {
      parse(value, f) {
        const m = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
        return asTyped(
          m !== null &&
            m[1].replace(/^0+(?=\d)/, "").length <= f.precision! - f.scale! &&
            (m[2] ?? "").length <= f.scale!,
          value,
        );
      },
      example: () => "0",
    },
    filter: false,
    range: true,
  },
  float: {
    arguments: null,
    keys: ANY_KEY,
    default: {
      parse: (value) => asTyped(/^-?\d{1,15}(\.\d{1,15})?$/.test(value), value),
      example: () => "0",
    },
    filter: false,
    range: true,
  },
  bool: {
    arguments: null,
    keys: FEW_VALUES,
    default: {
      parse: (value) => asTyped(value === "true" || value === "false", value),
      example: () => "false",
    },
    filter: true,
    range: false,
  },
  date: { arguments: null, keys: ANY_KEY, default: null, filter: true, range: true },
  datetime: { arguments: null, keys: ANY_KEY, default: null, filter: false, range: true },
  uuid: { arguments: null, keys: ANY_KEY, default: null, filter: true, range: false },
  json: { arguments: null, keys: NO_KEY, default: null, filter: false, range: false },
  enum: {
    arguments: {
      parse(field, args, { raw, fail }) {
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
      },
      text: (f) => `enum(${f.choices!.join("|")})`,
    },
    keys: FEW_VALUES,
    default: {
      parse: (value, f) => asTyped(f.choices!.includes(value), value),
      example: (f) => f.choices![0],
    },
    filter: true,
    range: false,
  },
  ref: {
    // No parentheses: the module is the part after the type (`owner:ref:users`).
    arguments: {
      parse(field, _args, { rest, fail, noArguments }) {
        noArguments();
        const target = rest.shift();
        if (!target) fail("a reference names its module: owner:ref:users");
        if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(target!)) {
          fail(`"${printable(target!)}" is not a module name`);
        }
        field.ref = words(target!).join("_");
      },
      text: (f) => `ref:${f.ref}`,
    },
    keys: ANY_KEY,
    default: null,
    filter: true,
    range: false,
  },
} as const satisfies Readonly<Record<FieldType, FieldTypeRule>>;

/** Each type's rules (RULES; IfStated reads RULES itself, whose entries keep their own types). */
export const FIELD_TYPE_RULES: Readonly<Record<FieldType, FieldTypeRule>> = RULES;

/**
 * `Then` when the rule `K` of type `T` is stated in FIELD_TYPE_RULES, `null` when it is null
 * there: a table of another layer whose entry must agree (a Python default exactly for the types
 * with defaults, an argument question exactly for the types with arguments).
 */
export type IfStated<T extends FieldType, K extends "arguments" | "default", Then> = T extends
  keyof typeof RULES ? (typeof RULES)[T][K] extends null ? null : Then
  : never;
