/**
 * The sample values the generated tests of a module send (FieldView.sample,
 * sampleAlt, invalid, sampleN), as Python literals.
 */
import type { FieldSpec } from "../choices/module_spec.ts";

/**
 * Sample values as Python literals for the generated tests: a valid value, a
 * different valid value, a value of the wrong type, and an expression in `n`
 * (an int from 1) that gives a distinct valid value per row. `i` is the
 * field's position, so that fields of one type get different samples.
 */
export function testSamples(f: FieldSpec, i: number): [string, string, string, string] {
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
    default:
      return missingType(f.type);
  }
}

/** A type a `switch` above has no `case` for: the type checker names it here. */
function missingType(type: never): never {
  throw new Error(`no test samples for field type ${type}`);
}

/**
 * Values of the right JSON shape for lax validation that strict JSON refuses (a 422 in the
 * generated tests): `false` or `"3"` for an integer, a number of seconds for a datetime.
 */
export function coercedSamples(f: FieldSpec): string[] {
  switch (f.type) {
    case "int":
    case "bigint":
    case "ref":
      // 3.0 is an integer in JSON Schema (and so in the OpenAPI document): it is accepted.
      return ["False", '"3"'];
    case "float":
      return ['"1.5"', "True"];
    case "bool":
      return ["1", '"true"'];
    case "date":
    case "datetime":
      return ["0"];
    case "uuid":
    case "str":
    case "text":
    case "enum":
      return ["1"];
    case "decimal":
      return ["True"];
    case "json":
      return ["[1]"];
    default:
      return missingType(f.type);
  }
}

/**
 * A valid value the database stores in another form (the answers show the stored one), as a
 * Python literal, or undefined when every valid value is stored as sent.
 */
export function unnormalisedSample(f: FieldSpec): string | undefined {
  if (f.type === "datetime") return '"2026-01-15T12:30:00+02:00"';
  if (f.type === "decimal" && f.scale! > 1) return f.precision! - f.scale! >= 1 ? '"1.1"' : '"0.1"';
  return undefined;
}

/**
 * JSON texts a response could not write back, as Python literals, each with the error type of
 * its 422: `1e400` parses as infinity, and orjson writes integers of 64 bits at most.
 */
export function unwritableSamples(f: FieldSpec): [string, string][] {
  if (f.type === "float") return [['"1e400"', "finite_number"], ['"-1e400"', "finite_number"]];
  if (f.type === "json") {
    return [
      [`'{"n": 18446744073709551616}'`, "json_number"],
      [`'{"n": [-1e400]}'`, "json_number"],
    ];
  }
  return [];
}

/** An integer beyond the column's range (Python source), or undefined for other types. */
export function outOfRangeSample(f: FieldSpec): string | undefined {
  if (f.type === "int" || f.type === "ref") return "2**31";
  if (f.type === "bigint") return "2**63";
  return undefined;
}
