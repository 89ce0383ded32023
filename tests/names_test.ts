/**
 * Module names: what `pyscaffold add <name>` accepts, what it derives (module,
 * class, table, URL), and what it refuses — with a message and a suggestion
 * that is itself accepted. Property tests throw thousands of random and
 * hostile names at the parser: each gives a valid module or a clear UserError,
 * never a crash, and never a path outside the project.
 */
import fc from "fast-check";
import { isAbsolute, normalize } from "node:path";
import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import {
  MAX_MODULE_NAME,
  moduleNameProblem,
  moduleNames,
  parseModuleName,
  suggestModuleName,
  tableLimit,
} from "../src/choices/module_names.ts";
import {
  inflect,
  nonAscii,
  pluralize,
  printable,
  projectNameProblem,
  singularize,
  suggestProjectName,
  validateProjectName,
} from "../src/choices/names.ts";
import { DEPENDENCY_VERSIONS } from "../src/choices/dependencies.ts";
import { PROJECT_FILES } from "../src/plan/project_files.ts";
import { buildModuleFiles, buildProjectPlan } from "../src/plan/mod.ts";
import { parseFields } from "../src/choices/fields.ts";
import { ACCESS_POLICIES } from "../src/choices/module_spec.ts";
import { EVERY_TYPE } from "./_every_field_type.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { allCombos } from "./e2e/_harness.ts";
import type { Database } from "../src/choices/questions.ts";
import { safeRelativePath } from "../src/project/paths.ts";

const DATABASES: Database[] = ["postgresql", "oracle"];
const RUNS = 3000;

function userError(fn: () => unknown): UserError {
  let caught: unknown;
  assertThrows(fn, (e) => (caught = e));
  assert(caught instanceof UserError, `expected a UserError, got ${caught}`);
  return caught;
}

/** Messages stay on one line of printable ASCII, bounded, and exit with 2. */
function assertCleanError(error: unknown): asserts error is UserError {
  assert(error instanceof UserError, `expected a UserError, got: ${error}`);
  for (const text of [error.message, error.hint ?? ""]) {
    assert(/^[\x20-\x7e…→]*$/.test(text), `unprintable character in ${JSON.stringify(text)}`);
    assert(text.length <= 400, `message too long: ${text}`);
  }
  assertEquals(error.exitCode, 2);
}

Deno.test("module names: every spelling of a name gives the same module, class and table", () => {
  for (
    const raw of ["BookingItem", "booking-item", "booking_item", "Booking Item", "bookingItem"]
  ) {
    const module = parseModuleName(raw, "postgresql");
    assertEquals(module, "booking_item", raw);
    const names = moduleNames(module);
    assertEquals(names.className, "BookingItem");
    assertEquals(names.table, "booking_items");
    assertEquals(names.urlPrefix, "/api/booking_items");
    assertEquals(names.label, "booking item");
  }
  for (const raw of ["Booking", "booking", " booking "]) {
    assertEquals(parseModuleName(raw, "postgresql"), "booking");
  }
  assertEquals(moduleNames("booking").table, "bookings");
  assertEquals(moduleNames("HTTPServer".toLowerCase()).className, "Httpserver");
  assertEquals(parseModuleName("HTTPServerLog", "postgresql"), "http_server_log");
});

Deno.test("module names: a plural module name gives a singular class", () => {
  const cases: [string, string, string][] = [
    ["items", "Item", "items"],
    ["categories", "Category", "categories"],
    ["boxes", "Box", "boxes"],
    ["addresses", "Address", "addresses"],
    ["status", "Status", "statuses"],
    ["people", "Person", "people"],
    ["news", "News", "news"],
    ["order_lines", "OrderLine", "order_lines"],
    ["day", "Day", "days"],
    ["branch", "Branch", "branches"],
    ["movies", "Movie", "movies"],
    ["quiz", "Quiz", "quizzes"],
    ["quizzes", "Quiz", "quizzes"],
    ["hero", "Hero", "heroes"],
    ["knife", "Knife", "knives"],
    ["knives", "Knife", "knives"],
    ["criterion", "Criterion", "criteria"],
    ["criteria", "Criterion", "criteria"],
    ["children", "Child", "children"],
    ["menus", "Menu", "menus"],
    ["data", "Data", "data"],
    ["axis", "Axis", "axes"],
    ["virus", "Virus", "viruses"],
    ["booking_movies", "BookingMovie", "booking_movies"],
  ];
  for (const [module, className, table] of cases) {
    const names = moduleNames(module);
    assertEquals([names.className, names.table], [className, table], module);
  }
});

Deno.test("plural rule: pluralize and singularize undo each other on ordinary words", () => {
  for (
    const word of ["item", "category", "box", "bus", "dish", "church", "day", "person", "series"]
  ) {
    assertEquals(singularize(pluralize(word)), word, word);
    assertEquals(pluralize(singularize(pluralize(word))), pluralize(word), word);
  }
  assertEquals(pluralize("booking_item"), "booking_items");
  assertEquals(singularize("booking_items"), "booking_item");
});

Deno.test("project names: a dependency's name is refused (pip could not install it)", () => {
  const names = [
    ...Object.keys(DEPENDENCY_VERSIONS),
    "flask",
    "quart",
    "celery",
    "alembic",
    "redis",
    "werkzeug",
    "flask-jwt-extended",
    "types-flask-cors",
  ];
  for (const name of names) {
    const problem = projectNameProblem(name);
    assert(problem?.includes("dependency of the generated project"), `${name}: ${problem}`);
    const error = userError(() => validateProjectName(name));
    assertCleanError(error);
    assertEquals(error.hint, `Try "${name}-api".`);
    assertEquals(projectNameProblem(suggestProjectName(name)), undefined, name);
  }
  for (const name of ["flask-shop", "my-redis", "celery-jobs", "booking-api"]) {
    assertEquals(projectNameProblem(name), undefined, name);
  }
});

Deno.test("module names: refusals say why and suggest an accepted name", () => {
  const cases: [string, Database, RegExp][] = [
    ["class", "postgresql", /Python keyword/],
    ["list", "postgresql", /builtin/],
    ["json", "postgresql", /standard library/],
    ["logging", "postgresql", /standard library/],
    ["test", "postgresql", /standard library/],
    ["celery", "postgresql", /dependency/],
    ["flask", "postgresql", /dependency/],
    ["users", "postgresql", /already uses/],
    ["user", "postgresql", /already uses/],
    ["auth", "postgresql", /already uses/],
    ["models", "postgresql", /already uses/],
    ["references", "postgresql", /"references" is a reserved word in PostgreSQL/],
    ["overlaps", "postgresql", /reserved word in PostgreSQL/],
    ["maxextents", "oracle", /"maxextents" is a reserved word in Oracle/],
    ["rows", "oracle", /reserved word in Oracle/],
    ["base_model", "postgresql", /class "BaseModel"/],
    ["very_long_booking_item_name", "oracle", /limit is 26/],
    ["a_very_long_booking_item_name_of_the_hotel", "postgresql", /limit is 35: pyscaffold's/],
    ["2fast", "postgresql", /start with a letter/],
    ["", "postgresql", /empty/],
    ["booking/../etc", "postgresql", /letters, digits/],
    ["b\u043eoking", "postgresql", /non-ASCII character U\+043E/],
    ["booking\u0000", "postgresql", /control character U\+0000/],
    ["CON", "postgresql", /reserved device name on Windows/],
    ["com1", "oracle", /reserved device name on Windows/],
  ];
  for (const [raw, database, problem] of cases) {
    const error = userError(() => parseModuleName(raw, database));
    assertCleanError(error);
    assert(problem.test(error.message), `${raw}: ${error.message}`);
    const suggestion = /^Try "([a-z0-9_]+)"\.$/.exec(error.hint ?? "")?.[1];
    assert(suggestion, `${raw}: hint ${error.hint}`);
    assertEquals(parseModuleName(suggestion!, database), suggestion, `${raw} → ${suggestion}`);
  }
  // a module name that is fine on PostgreSQL can be refused on Oracle
  assertEquals(parseModuleName("maxextents", "postgresql"), "maxextents");
  // Only the table is SQL: a module whose name or singular is a reserved word is accepted
  // (its package, variables and class are Python).
  for (const database of ["postgresql", "oracle"] as const) {
    for (const [raw, table] of [["orders", "orders"], ["order", "orders"], ["groups", "groups"]]) {
      const module = parseModuleName(raw, database);
      assertEquals([module, moduleNames(module).table], [raw, table]);
    }
  }
});

Deno.test("module names: a table too long names the project's database, not another", () => {
  const raw = "abcdefghij_klmnopqrst_uvwxy"; // table abcdefghij_klmnopqrst_uvwxies: 29
  assertEquals(parseModuleName(raw, "postgresql"), raw);
  const oracle = moduleNameProblem(raw, "oracle")!;
  assert(/the limit is 26 so that constraint names fit Oracle's 30-character/.test(oracle), oracle);
  assert(!/PostgreSQL/.test(oracle), oracle);
  // PostgreSQL's tables: `pk_<table>` within its 63 characters, one to spare, as on Oracle.
  assertEquals(tableLimit("postgresql").max, 59);
  assertEquals(tableLimit("oracle").max, 26);
});

Deno.test("module names: a package too long for its imports is refused on any database", () => {
  // `from src.<module>.<module>_repository import (`: 100 columns at 35 characters.
  const longest = "abcdefghij_klmnopqrst_uvwxyzabc_def";
  assertEquals(longest.length, MAX_MODULE_NAME);
  assertEquals(`from src.${longest}.${longest}_repository import (`.length, 100);
  assertEquals(parseModuleName(longest, "postgresql"), longest);
  // "..._child": a table of 38 characters, its package of 35.
  const children = "abcdefghij_klmnopqrst_uvwxyza_child";
  assertEquals(moduleNames(children).table.length, 38);
  assertEquals(parseModuleName(children, "postgresql"), children);
  const pg = moduleNameProblem(`${longest}g`, "postgresql")!;
  assert(/package has 36 characters; the limit is 35: pyscaffold's/.test(pg), pg);
  assert(/ruff's 100 columns/.test(pg), pg);
  const suggestion = suggestModuleName(`${longest}_gh`, "postgresql");
  assertEquals(parseModuleName(suggestion, "postgresql"), suggestion);
});

Deno.test("module names: a name whose files a project already has is refused", () => {
  // A module writes src/<name>/, src/models/<name>_model.py and tests/test_<name>.py: a project
  // file of any combination at one of those places (src/middleware.py beside a new
  // src/middleware/ package, which Python would import instead) makes the name unusable.
  const taken = new Set<string>();
  for (const { path } of PROJECT_FILES) {
    const name = /^src\/models\/(\w+)_model\.py$/.exec(path)?.[1] ??
      /^src\/(\w+)(?:\.py$|\/)/.exec(path)?.[1] ??
      /^tests\/test_(\w+)\.py$/.exec(path)?.[1];
    if (name && name !== "__init__") taken.add(name);
  }
  assert(taken.has("middleware") && taken.has("oracle_schema") && taken.has("revoked_tokens"));
  for (const name of taken) {
    for (const database of ["postgresql", "oracle"] as const) {
      assert(moduleNameProblem(name, database), `"${name}" is accepted on ${database}`);
    }
  }
});

Deno.test("module names: every package a generated project imports is refused", async () => {
  // ruff counts src/<name>/ as first-party code: a module named like an imported package
  // (orjson) would make ruff sort that import elsewhere, and the project's lint fail.
  const imported = new Set<string>();
  for (const combo of allCombos()) {
    for (
      const file of (await buildProjectPlan(resolveProjectSpec({ name: "svc", ...combo }))).files
    ) {
      if (!file.path.endsWith(".py")) continue;
      const statements = file.content.matchAll(
        /^\s*(?:from ([a-z_]\w*)(?:\.\w+)* import |import ([a-z_]\w*)(?:\.\w+)*(?: as \w+)?$)/gm,
      );
      for (const [, from, plain] of statements) {
        const name = from ?? plain;
        if (!["src", "tests", "__future__"].includes(name)) imported.add(name);
      }
    }
  }
  assert(imported.has("orjson") && imported.has("sqlalchemy"), [...imported].join(" "));
  for (const name of imported) {
    assert(moduleNameProblem(name, "postgresql"), `"${name}" is imported, and accepted`);
  }
});

Deno.test("module names: a class name that a module's own files already use is refused", () => {
  // A module's files import and define names (Row, Deleted, PageParams...): in a file that also
  // names the module's class, a class of the same name would shadow one of them.
  const used = new Set<string>();
  for (const combo of allCombos()) {
    const spec = resolveProjectSpec({ name: "svc", ...combo });
    const fields = parseFields([...EVERY_TYPE, "maker:ref:items"], combo.database);
    for (const access of combo.auth ? ACCESS_POLICIES : [undefined]) {
      const module = { name: "widgets", fields, access, ownedRefs: ["items"] };
      for (const file of buildModuleFiles(spec, module)) {
        // Only a file that names the module's class could confuse it with another name.
        if (!file.path.endsWith(".py") || !/\bWidget\b/.test(file.content)) continue;
        const text = file.content;
        for (const [, names] of text.matchAll(/^\s*from [\w.]+ import \(?([^)]*?)\)?$/gms)) {
          for (const item of names.split(",")) {
            const local = item.trim().split(/\s+as\s+/).pop()!;
            used.add(local);
          }
        }
        for (const [, cls, assigned] of text.matchAll(/^(?:class (\w+)|(\w+)(?::[^=]+)? = )/gm)) {
          used.add(cls ?? assigned);
        }
      }
    }
  }
  assert(used.has("AnyRow") && used.has("Deleted"), [...used].join(" "));
  const accepted: string[] = [];
  // Class-like names only (not CONSTANTS), and not the module's own classes.
  for (const name of [...used].filter((n) => /^[A-Z][a-z]\w*$/.test(n))) {
    if (name.startsWith("Widget")) continue;
    for (const raw of [name, pluralize(name)]) {
      if (moduleNameProblem(parseable(raw), "postgresql")) continue;
      if (moduleNames(parseable(raw)).className === name) accepted.push(`${raw} (class ${name})`);
    }
  }
  assertEquals(accepted, []);
});

/** The module name `add` makes of a class-like name: `PageParams` → `page_params`. */
function parseable(raw: string): string {
  return raw.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();
}

Deno.test("printable: escapes what the user cannot see, keeps messages short", () => {
  assertEquals(printable('a"b\\c'), 'a\\"b\\\\c');
  assertEquals(printable("b\u043eoking"), "b\\u043eoking");
  assertEquals(printable("x\u202ey"), "x\\u202ey");
  assertEquals(printable("💥"), "\\u{1f4a5}");
  assertEquals(printable("x".repeat(100)).length, 61);
  assertEquals(nonAscii("plain"), undefined);
  assertEquals(nonAscii("tab\there"), "the control character U+0009");
});

/** Hostile pieces: traversal, separators, devices, invisible and lookalike characters. */
const HOSTILE = [
  "..",
  "../",
  "/",
  "\\",
  "C:",
  "~",
  "\0",
  "\n",
  "\x1b[31m",
  "\u200b",
  "\u202e",
  "\ufeff",
  "\u0301",
  "CON",
  "nul",
  "com1",
  "ｉｔｅｍ",
  "іtem", // Cyrillic і
  "K", // Kelvin sign
  "ﬁle",
  "-",
  "_",
  " ",
  "item",
  "Booking",
  "order",
  "class",
  "x".repeat(30),
];

const anyName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 6 }).map((p) => p.join("")),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_\- ]{0,30}$/),
);

/** The files a module makes, relative to the project: each must stay inside it. */
function modulePaths(module: string): string[] {
  const names = moduleNames(module);
  return [
    `src/models/${module}_model.py`,
    `src/${module}/${module}_controller.py`,
    `tests/${module}/test_${module}.py`,
    `migrations/versions/0002_5e0b1c7a_create_${names.table}.py`,
  ];
}

Deno.test("property: a module name gives a safe module or a clear UserError", () => {
  let accepted = 0;
  for (const database of DATABASES) {
    fc.assert(
      fc.property(anyName, (raw) => {
        let module: string;
        try {
          module = parseModuleName(raw, database);
        } catch (error) {
          assertCleanError(error);
          assert(moduleNameProblem(raw, database) !== undefined);
          // the suggestion is accepted
          const suggestion = suggestModuleName(raw, database);
          assertEquals(parseModuleName(suggestion, database), suggestion);
          return;
        }
        accepted++;
        assert(/^[a-z][a-z0-9_]*$/.test(module), `unsafe module ${JSON.stringify(module)}`);
        assert(!/__|_$/.test(module), `untidy module ${module}`);
        const names = moduleNames(module);
        assert(/^[A-Z][A-Za-z0-9]*$/.test(names.className), names.className);
        assert(/^[a-z][a-z0-9_]*$/.test(names.table), names.table);
        assert(names.table.length <= tableLimit(database).max, names.table);
        assert(module.length <= MAX_MODULE_NAME, module);
        // idempotent: the module name is its own spelling
        assertEquals(parseModuleName(module, database), module);
        for (const path of modulePaths(module)) {
          assertEquals(safeRelativePath(path), path);
          assert(!isAbsolute(path) && normalize(path) === path && !path.includes(".."), path);
        }
      }),
      { numRuns: RUNS },
    );
  }
  assert(accepted > RUNS / 10, `too few accepted names (${accepted}): the generator is off`);
});

Deno.test("property: moduleNames is stable: the table of a table is itself", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,8}(_[a-z][a-z0-9]{0,8}){0,2}$/), (module) => {
      const names = moduleNames(module);
      assertEquals(moduleNames(names.table).table, names.table);
      assertEquals(moduleNames(names.singular).table, names.table);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("long names: messages stay bounded", () => {
  for (const raw of ["a".repeat(5000), `${"Booking".repeat(500)}Item`, `b${"_x".repeat(900)}`]) {
    for (const database of DATABASES) {
      const error = userError(() => parseModuleName(raw, database));
      assertCleanError(error);
    }
  }
});

Deno.test("names: a name's forms are worked out once per run, and no caller can change them", () => {
  const first = inflect("booking_item");
  assertEquals(first, { singular: "booking_item", plural: "booking_items" });
  assert(inflect("booking_item") === first, "the same answer is not the one kept");
  assertThrows(() => {
    (first as { plural: string }).plural = "bookings";
  }, (error) => assert(error instanceof TypeError, String(error)));
  assertEquals(inflect("booking_item").plural, "booking_items");
});
