/**
 * The sample values the generated tests of a module send (FieldView.sample, sampleAlt, invalid,
 * sampleN, coerced, unnormalised, outOfRange, unwritable), as Python literals: one entry per type
 * in SAMPLES, so a new type states each.
 */
import type { FieldSpec, FieldType } from "../choices/module_spec.ts";
import type { IdProfile } from "../choices/ids.ts";

/** Every sample of one field type, as Python literals; no property is optional. */
interface TypeSamples {
  /**
   * A valid value, a different valid value, a value of the wrong type, and an expression in `n`
   * (an int from 1) that gives a distinct valid value per row. `i` is the field's position, so
   * that fields of one type get different samples.
   */
  valid(f: FieldSpec, i: number): [string, string, string, string];
  /**
   * Values of the right JSON shape for lax validation that strict JSON refuses (a 422 in the
   * generated tests): `false` or `"3"` for an integer, a number of seconds for a datetime.
   */
  coerced: readonly string[];
  /**
   * A valid value the database stores in another form (the answers show the stored one), or
   * undefined when every valid value is stored as sent.
   */
  unnormalised(f: FieldSpec): string | undefined;
  /** An integer beyond the column's range (Python source), or undefined for other types. */
  outOfRange: string | undefined;
  /**
   * JSON texts a response could not write back, each with the error type of its 422: `1e400`
   * parses as infinity, and orjson writes integers of 64 bits at most.
   */
  unwritable: readonly (readonly [string, string])[];
}

/** `unnormalised` of a type whose every valid value is stored as sent. */
const asSent = () => undefined;

/** The samples of an integer column's type. */
function integerSamples(outOfRange: string): TypeSamples {
  return {
    valid: (_, i) => [`${i + 3}`, `${i + 40}`, '"not a number"', "n"],
    // 3.0 is an integer in JSON Schema (and so in the OpenAPI document): it is accepted.
    coerced: ["False", '"3"'],
    unnormalised: asSent,
    outOfRange,
    unwritable: [],
  };
}

const SAMPLES: Readonly<Record<FieldType, TypeSamples>> = {
  str: {
    valid(f, i) {
      const len = f.length!;
      const cut = (s: string) => JSON.stringify(s.slice(0, len));
      return [cut(`${f.name} ${i + 1}`), cut(`other ${f.name}`), "123", `str(n)[-${len}:]`];
    },
    coerced: ["1"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  text: {
    valid: (f, i) => [`"${f.name} ${i + 1}"`, `"other ${f.name}"`, "123", `f"${f.name} {n}"`],
    coerced: ["1"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  int: integerSamples("2**31"),
  bigint: integerSamples("2**63"),
  decimal: {
    valid(f) {
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
    },
    coerced: ["True"],
    unnormalised: (f) =>
      f.scale! > 1 ? (f.precision! - f.scale! >= 1 ? '"1.1"' : '"0.1"') : undefined,
    outOfRange: undefined,
    unwritable: [],
  },
  float: {
    valid: () => ["1.5", "2.25", '"abc"', "n + 0.5"],
    coerced: ['"1.5"', "True"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [['"1e400"', "finite_number"], ['"-1e400"', "finite_number"]],
  },
  bool: {
    valid: () => ["True", "False", '"maybe"', "n % 2 == 0"],
    coerced: ["1", '"true"'],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  date: {
    valid: () => ['"2026-01-15"', '"2026-02-20"', '"not-a-date"', 'f"2026-01-{n % 28 + 1:02d}"'],
    // A number, and text pydantic alone would read as seconds since 1970 ("0": 1970-01-01).
    coerced: ["0", '"0"', '"86400"'],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  datetime: {
    valid: () => [
      '"2026-01-15T10:30:00+00:00"',
      '"2026-02-20T08:00:00+00:00"',
      '"yesterday"',
      'f"2026-01-{n % 28 + 1:02d}T10:30:00+00:00"',
    ],
    coerced: ["0", '"2024"', '"1768473000.5"'],
    unnormalised: () => '"2026-01-15T12:30:00+02:00"',
    outOfRange: undefined,
    unwritable: [],
  },
  uuid: {
    valid: () => [
      '"0b6f3a4e-8e4c-4c55-9d2e-1f0f5b8f7a10"',
      '"5a2c9a1d-3b7e-4f1c-8a7d-2e6b9c0d4f21"',
      '"not-a-uuid"',
      'f"00000000-0000-4000-8000-{n:012d}"',
    ],
    coerced: ["1"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  json: {
    valid: () => ['{"key": "value"}', '{"key": 2}', '"not an object"', '{"n": n}'],
    coerced: ["[1]"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [
      [`'{"n": 18446744073709551616}'`, "json_number"],
      [`'{"n": [-1e400]}'`, "json_number"],
    ],
  },
  enum: {
    valid(f) {
      const c = f.choices!;
      const list = `[${c.map((v) => JSON.stringify(v)).join(", ")}]`;
      return [
        `"${c[0]}"`,
        `"${c[c.length - 1]}"`,
        '"__not_a_choice__"',
        `${list}[n % ${c.length}]`,
      ];
    },
    coerced: ["1"],
    unnormalised: asSent,
    outOfRange: undefined,
    unwritable: [],
  },
  ref: {
    // The generated tests create the referenced row first and use its id.
    valid: () => ["0", "0", '"not an id"', "0"],
    coerced: ["False", '"3"'],
    unnormalised: asSent,
    // Beyond the width of the project's ids (outOfRangeSample).
    outOfRange: undefined,
    unwritable: [],
  },
};

/** The valid, other valid, invalid and per-row samples of `f` at position `i` (TypeSamples.valid). */
export function testSamples(f: FieldSpec, i: number): [string, string, string, string] {
  return SAMPLES[f.type].valid(f, i);
}

/** Values lax validation would coerce and strict JSON refuses (TypeSamples.coerced). */
export function coercedSamples(f: FieldSpec): string[] {
  return [...SAMPLES[f.type].coerced];
}

/** A valid value stored in another form, or undefined (TypeSamples.unnormalised). */
export function unnormalisedSample(f: FieldSpec): string | undefined {
  return SAMPLES[f.type].unnormalised(f);
}

/** JSON texts a response could not write back, with their 422's type (TypeSamples.unwritable). */
export function unwritableSamples(f: FieldSpec): [string, string][] {
  return SAMPLES[f.type].unwritable.map(([text, type]) => [text, type]);
}

/**
 * An integer beyond the column's range, or undefined (TypeSamples.outOfRange); a reference's is
 * beyond the project's ids (`ids`).
 */
export function outOfRangeSample(f: FieldSpec, ids: IdProfile): string | undefined {
  return f.type === "ref" ? ids.outOfRange : SAMPLES[f.type].outOfRange;
}
