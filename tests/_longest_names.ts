/**
 * The longest names pyscaffold accepts, for the tests that check the generated code
 * stays within ruff's 100 columns (tests/python_format_test.ts, tests/e2e/matrix_e2e_test.ts):
 * a 64-character project, two modules with 26-character tables, and a field of every type
 * with a 30-character column (references: 27 + `_id`), plus the longest enum values.
 */
import { assertEquals } from "./_assert.ts";
import { MAX_PROJECT_NAME } from "../src/choices/names.ts";
import { MAX_COLUMN_NAME, MAX_TABLE_NAME, moduleNames } from "../src/choices/module_names.ts";
import { EVERY_TYPE } from "./_every_field_type.ts";

export interface LongestNames {
  /** The project (directory) name. */
  project: string;
  /** The first module (`new --module`). */
  module: string;
  /** A second module, added with `fields`, two of them references to `module`. */
  other: string;
  /** `--field` specs. */
  fields: string[];
}

export function longestNames(): LongestNames {
  const project = "a23456789-".repeat(7).slice(0, MAX_PROJECT_NAME).replace(/-$/, "x");
  const module = "abcdefghij_klmnopqrst_uvw";
  const other = "abcdefghij_klmnopqrst_uvt";
  for (const name of [module, other]) assertEquals(moduleNames(name).table.length, MAX_TABLE_NAME);
  const column = (i: number) =>
    `${"abcdefghijklmnopqrstuvwxyz"[i]}${"23456789_1".repeat(3)}`.slice(0, 30);
  assertEquals(column(0).length, MAX_COLUMN_NAME);
  const fields = EVERY_TYPE.map((spec, i) => {
    const [, ...rest] = spec.split(":");
    const type = rest[0] === "decimal(10,2)" ? "decimal(38,10)" : rest[0];
    return [column(i), type, ...rest.slice(1)].join(":");
  });
  // The longest enum values, on a required field with a default and an optional one.
  const values = ["a", "b", "c"].map((c) => c.repeat(50));
  fields.push(
    `${column(EVERY_TYPE.length + 1)}:enum(${values.join("|")}):default=${values[0]}`,
    `${column(EVERY_TYPE.length + 2)}:enum(${values.join("|")}|d|e):optional:index`,
  );
  // Long defaults, laid out as ruff lays them out: a negative number or a constant splits the
  // annotation, a call its arguments, text takes the quotes that escape least.
  fields.push(
    `${column(EVERY_TYPE.length + 3)}:bigint:default=-922337203685477580`,
    `${column(EVERY_TYPE.length + 4)}:decimal(38,10):default=-1234567890123456789012345678.12345`,
    `${column(EVERY_TYPE.length + 5)}:float:default=-0.123456789012345`,
    `${column(EVERY_TYPE.length + 6)}:bool:default=true`,
    `${column(EVERY_TYPE.length + 7)}:str(200):default=it's "quoted" \\ {x} %s \${y}`,
  );
  const refColumn = column(EVERY_TYPE.length).slice(0, MAX_COLUMN_NAME - 3);
  fields.push(
    `${refColumn}:ref:${module}`,
    `${refColumn.replace(/^./, "z")}:ref:${module}:optional`,
  );
  return { project, module, other, fields };
}
