/**
 * The longest names pyscaffold accepts on a database, for the tests that check the generated
 * code stays within ruff's 100 columns (tests/python_format_test.ts, tests/e2e/matrix_e2e_test.ts):
 * a 64-character project; two modules, the first with the longest table (`tableLimit`: 26 on
 * Oracle; on PostgreSQL its package is the longest, MAX_MODULE_NAME, with a plural 3 characters
 * longer), the second with the longest package and singular (`…_criteria` typed as a plural on
 * PostgreSQL, whose singular is longer; `…_criterion` on Oracle, whose table is shorter); and a
 * field of every type with a column of the database's longest (`columnLimit`: 63 on PostgreSQL,
 * 30 on Oracle; references: 3 fewer + `_id`), plus the longest enum values.
 */
import { assertEquals } from "./_assert.ts";
import { MAX_PROJECT_NAME } from "../src/choices/names.ts";
import {
  columnLimit,
  MAX_MODULE_NAME,
  moduleNameProblem,
  moduleNames,
  tableLimit,
} from "../src/choices/module_names.ts";
import type { Database } from "../src/choices/questions.ts";
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

export function longestNames(database: Database): LongestNames {
  const project = "a23456789-".repeat(7).slice(0, MAX_PROJECT_NAME).replace(/-$/, "x");
  // Words of ten letters, then a last word whose plural is longer (`child`) or whose singular
  // is (`criteria`) than itself: of each, the longest module the database accepts.
  const longest = (last: string) => {
    for (let length = 100; length > last.length; length--) {
      const stem = "abcdefghij_klmnopqrst_uvwxyzabcd_".repeat(4).slice(0, length - last.length - 1)
        .replace(/_$/, "x");
      const name = `${stem}_${last}`;
      if (moduleNameProblem(name, database) === undefined) return name;
    }
    throw new Error(`no module ends in ${last}`);
  };
  const module = longest("child");
  // Typed as a plural, its singular is longer; typed as a singular, on Oracle, the package is.
  const size = (name: string) => name.length + moduleNames(name).singular.length;
  const other = [longest("criteria"), longest("criterion")].sort((a, b) => size(b) - size(a))[0];
  const maxTable = Math.max(...[module, other].map((name) => moduleNames(name).table.length));
  assertEquals(moduleNames(module).table.length, maxTable);
  if (maxTable < tableLimit(database).max) {
    assertEquals(module.length, MAX_MODULE_NAME);
    assertEquals(moduleNames(module).table.length, MAX_MODULE_NAME + 3);
  }
  assertEquals(moduleNames(other).singular.length, moduleNames(other).table.length + 1);
  const maxColumn = columnLimit(database).max;
  const column = (i: number) =>
    `${"abcdefghijklmnopqrstuvwxyz"[i]}${"23456789_1".repeat(7)}`.slice(0, maxColumn);
  assertEquals(column(0).length, maxColumn);
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
    // An indexed number: the list's range over it (`?min_<column>=`) and its test.
    `${column(EVERY_TYPE.length + 8)}:decimal(38,10):optional:index`,
  );
  const refColumn = column(EVERY_TYPE.length).slice(0, maxColumn - 3);
  fields.push(
    `${refColumn}:ref:${module}`,
    // Unique: the tests keep a pool of rows to refer to.
    `${refColumn.replace(/^./, "z")}:ref:${module}:optional:unique`,
  );
  return { project, module, other, fields };
}
