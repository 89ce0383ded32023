/**
 * Field specs (`--field name:type[:modifier...]`) and the ModuleView the
 * module templates print: valid specs parse to what they say, invalid ones
 * are refused with a message and a hint, and random input never crashes the
 * parser or leaks into generated source unescaped.
 */
import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { FIELD_TYPES, fieldText } from "../src/choices/module_spec.ts";
import { parseField, parseFields } from "../src/choices/fields.ts";
import { constraintName, formatCall, LINE_LENGTH, moduleView } from "../src/python/module_view.ts";
import type { Database } from "../src/choices/questions.ts";

const RUNS = 3000;

function userError(fn: () => unknown): UserError {
  let caught: unknown;
  assertThrows(fn, (e) => (caught = e));
  assert(caught instanceof UserError, `expected a UserError, got ${caught}`);
  return caught;
}

function assertCleanError(error: unknown): asserts error is UserError {
  assert(error instanceof UserError, `expected a UserError, got: ${error}`);
  for (const text of [error.message, error.hint ?? ""]) {
    assert(/^[\x20-\x7e…→–]*$/.test(text), `unprintable character in ${JSON.stringify(text)}`);
    assert(text.length <= 500, `message too long: ${text}`);
  }
  assertEquals(error.exitCode, 2);
}

/** One valid spec per type and modifier, as the issue lists them. */
export const EVERY_TYPE = [
  "title:str(120):required:index",
  "body:text:optional",
  "quantity:int:default=3",
  "views:bigint:optional",
  "price:decimal(10,2):required",
  "ratio:float:optional",
  "active_flag:bool:default=true",
  "due_on:date:optional",
  "starts_at:datetime:required",
  "external_id:uuid:unique",
  "extra:json:optional",
  "status:enum(draft|sent|paid):default=draft:index",
  "code:str(20):unique:index",
];

Deno.test("fields: each type parses to what it says", () => {
  const fields = parseFields(EVERY_TYPE, "postgresql");
  assertEquals(fields.map((f) => f.type), [
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
    "str",
  ]);
  assertEquals(fields[0], {
    name: "title",
    type: "str",
    length: 120,
    required: true,
    unique: false,
    index: true,
  });
  assertEquals([fields[4].precision, fields[4].scale], [10, 2]);
  assertEquals(fields[11].choices, ["draft", "sent", "paid"]);
  assertEquals(fields[11].default, "draft");
  assertEquals(fields[1].required, false);
  assertEquals(parseField("name:str", "postgresql").length, 255);
  const owner = parseField("owner:ref:users", "postgresql");
  assertEquals([owner.type, owner.ref, owner.required], ["ref", "users", true]);
  assertEquals(parseField("owner:ref:BookingItems:optional", "oracle").ref, "booking_items");
});

Deno.test("fields: fieldText round-trips through parseField", () => {
  for (const raw of [...EVERY_TYPE, "owner:ref:users:optional"]) {
    const field = parseField(raw, "postgresql");
    assertEquals(parseField(fieldText(field), "postgresql"), field, raw);
  }
});

Deno.test("fields: refusals say what is wrong", () => {
  const cases: [string, Database, RegExp][] = [
    ["title", "postgresql", /needs a name and a type/],
    ["Title:str", "postgresql", /snake_case/],
    ["id:int", "postgresql", /audit field/],
    ["inserted_by:str", "postgresql", /audit field/],
    ["is_active:bool", "postgresql", /audit field/],
    ["updated:ref:users", "postgresql", /./], // updated_id is fine
    ["class:str", "postgresql", /reserved in Python/],
    ["metadata:json", "postgresql", /SQLAlchemy/],
    ["model_name:str", "postgresql", /pydantic/],
    ["date:date", "postgresql", /names a type/],
    ["order:int", "postgresql", /reserved word in PostgreSQL/],
    ["comment:text", "oracle", /reserved word in Oracle/],
    ["size:int", "oracle", /reserved word in Oracle/],
    ["title:string", "postgresql", /unknown type/],
    ["title:str(0)", "postgresql", /1 to 4000/],
    ["title:str(1e2)", "postgresql", /1 to 4000/],
    ["title:str(5000)", "postgresql", /1 to 4000/],
    ["price:decimal(40,2)", "postgresql", /precision from 1 to 38/],
    ["price:decimal(2,3)", "postgresql", /scale no larger/],
    ["price:decimal(x)", "postgresql", /decimal\(p,s\)/],
    ["status:enum", "postgresql", /enum\(a\|b\|c\)/],
    ["status:enum(a|a)", "postgresql", /distinct/],
    ["status:enum(a b)", "postgresql", /enum/],
    ["status:enum(a|b):default=c", "postgresql", /not a valid enum value/],
    ["count:int(3)", "postgresql", /takes no arguments/],
    ["count:int:default=x", "postgresql", /not a valid int/],
    ["count:int:default=99999999999", "postgresql", /not a valid int/],
    ["price:decimal(4,2):default=123.4", "postgresql", /not a valid decimal/],
    ["flag:bool:default=yes", "postgresql", /not a valid bool/],
    ["title:str(3):default=toolong", "postgresql", /not a valid str/],
    ["title:str:default=", "postgresql", /not a valid str/],
    ["born:date:default=2020-01-01", "postgresql", /cannot have a default/],
    ["title:str:fancy", "postgresql", /unknown modifier/],
    ["title:str:required:optional", "postgresql", /contradicts/],
    ["title:str:index:index", "postgresql", /repeats/],
    ["body:text:unique", "postgresql", /cannot be unique or indexed/],
    ["extra:json:index", "postgresql", /cannot be unique or indexed/],
    ["flag:bool:unique", "postgresql", /cannot be unique/],
    ["status:enum(a|b):unique", "postgresql", /cannot be unique/],
    ["code:str:unique:default=x", "postgresql", /unique field cannot have a default/],
    ["owner:ref", "postgresql", /names its module/],
    ["owner:ref:../etc", "postgresql", /not a module name/],
    ["owner:ref(users)", "postgresql", /takes no arguments/],
    ["a_very_long_field_name_for_a_column:int", "postgresql", /longer than 30/],
    ["a_very_long_field_name_for_x:ref:users", "postgresql", /longer than 30/],
    ["t\u0456tle:str", "postgresql", /non-ASCII character U\+0456/],
    ["title:str:default=a\u0007b", "postgresql", /control character/],
  ];
  for (const [raw, database, problem] of cases) {
    if (raw === "updated:ref:users") {
      assertEquals(parseField(raw, database).name, "updated");
      continue;
    }
    const error = userError(() => parseField(raw, database));
    assertCleanError(error);
    assert(problem.test(error.message), `${raw}: ${error.message}`);
    assert(error.hint && error.hint.length > 0, `${raw}: no hint`);
  }
});

Deno.test("fields: names and columns are distinct across a module", () => {
  const error = userError(() => parseFields(["owner:ref:users", "owner_id:int"], "postgresql"));
  assert(/both use the name "owner_id"/.test(error.message), error.message);
  userError(() => parseFields(["title:str", "title:text"], "postgresql"));
  assertEquals(parseFields(["owner:ref:users", "owner_name:str"], "postgresql").length, 2);
});

Deno.test("view: every type gives Python source for model, schemas, tests and migration", () => {
  const fields = [
    ...parseFields(EVERY_TYPE, "postgresql"),
    parseField("owner:ref:users", "postgresql"),
  ];
  const view = moduleView({ name: "booking_item", fields });
  assertEquals(view.className, "BookingItem");
  assertEquals(view.table, "booking_items");
  assert(view.hasRefs);
  const owner = view.fields.find((f) => f.name === "owner")!;
  assertEquals(owner.column, "owner_id");
  assertEquals(owner.refNames?.table, "users");
  assertEquals(owner.refNames?.className, "User");
  assert(owner.mappedColumn.startsWith('mapped_column(ForeignKey("users.id"'), owner.mappedColumn);
  const price = view.fields.find((f) => f.name === "price")!;
  assertEquals(price.mapped, "Mapped[Decimal]");
  assertEquals(
    price.createAnnotation,
    "Annotated[Decimal, Field(max_digits=10, decimal_places=2)]",
  );
  const body = view.fields.find((f) => f.name === "body")!;
  assertEquals(body.mapped, "Mapped[str | None]");
  assertEquals(body.createDefault, "None");
  const status = view.fields.find((f) => f.name === "status")!;
  assertEquals(status.createDefault, '"draft"');
  assertEquals(status.createAnnotation, 'Literal["draft", "sent", "paid"]');
  assert(view.modelImports.includes("from decimal import Decimal"));
  assert(view.schemaImports.includes("from typing import Literal"));
  for (const f of view.fields) {
    for (const line of f.migrationColumn.split("\n")) {
      assert(line.length <= LINE_LENGTH, `too long for ruff: ${line}`);
      assert(line.startsWith("        "), `indentation: ${line}`);
    }
    assert(f.migrationColumn.endsWith(","), f.migrationColumn);
    for (const text of [f.sample, f.sampleAlt, f.invalid, f.sampleN]) {
      assert(!text.includes("\n") && text.length > 0, `${f.name}: ${text}`);
    }
  }
  // indexes: is_active, title, status, code (unique index), owner_id
  assertEquals(view.migrationIndexes.length, 5);
  assert(view.migrationIndexes.some((l) => l.includes('["code"], unique=True')));
  // a unique column without an index is a unique constraint on the column
  const external = view.fields.find((f) => f.name === "external_id")!;
  assert(external.migrationColumn.includes("unique=True"), external.migrationColumn);
});

Deno.test("view: constraint names follow the generated base model's naming convention", () => {
  assertEquals(constraintName("ix", "items", ["is_active"]), "ix_items_is_active");
  assertEquals(constraintName("ix", "booking_items", ["is_active"]), "ix_booking_items_is_active");
  // a body longer than 26 characters is shortened with a sha1, as base_model.py does
  // (expected value computed with the Python code of templates/.../base_model.py.eta)
  assertEquals(
    constraintName("ix", "reservation_lines", ["is_active"]),
    "ix_reservation_lines_11351074",
  );
});

Deno.test("formatCall: one line, one indented line, or one argument per line, as ruff does", () => {
  assertEquals(formatCall(4, "f", ["a", "b"]), "    f(a, b)");
  const two = formatCall(4, "op.create_index", ["x".repeat(50), "y".repeat(40)]);
  assertEquals(two.split("\n").length, 3);
  const many = formatCall(8, "sa.Column", ["x".repeat(50), "y".repeat(50)], ",");
  assertEquals(many.split("\n"), [
    "        sa.Column(",
    `            ${"x".repeat(50)},`,
    `            ${"y".repeat(50)},`,
    "        ),",
  ]);
});

const PIECES = [
  ...FIELD_TYPES,
  "str(10)",
  "str(0)",
  "decimal(10,2)",
  "decimal(3,5)",
  "enum(a|b)",
  "enum()",
  "ref",
  "users",
  "../x",
  "required",
  "optional",
  "unique",
  "index",
  "default=1",
  "default=a",
  "default=",
  "default=true",
  "title",
  "id",
  "class",
  "order",
  "Title",
  "\0",
  "\n",
  "\u202e",
  "ｔｉｔｌｅ",
  "tіtle",
  "(",
  ")",
  "|",
  ",",
  "",
  ":",
];

const anyField: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(":")),
  fc.tuple(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
    fc.constantFrom(...PIECES),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }),
  ).map(([n, t, m]) => [n, t, ...m].join(":")),
);

Deno.test("property: a field spec gives a field whose view is safe source, or a clear UserError", () => {
  let accepted = 0;
  for (const database of ["postgresql", "oracle"] as const) {
    fc.assert(
      fc.property(anyField, (raw) => {
        let field;
        try {
          field = parseField(raw, database);
        } catch (error) {
          assertCleanError(error);
          return;
        }
        accepted++;
        assert(/^[a-z][a-z0-9_]{0,29}$/.test(field.name), `name ${field.name}`);
        assertEquals(parseField(fieldText(field), database), field);
        const view = moduleView({ name: "thing", fields: [field] });
        for (const f of view.fields) {
          for (const text of [f.mapped, f.mappedColumn, f.createAnnotation, f.updateAnnotation]) {
            assert(!/[\n\r\0]/.test(text), `line break in ${text}`);
          }
          assert([...f.migrationColumn].every((ch) => ch === "\n" || (ch >= " " && ch <= "~")));
        }
      }),
      { numRuns: RUNS },
    );
  }
  assert(accepted > RUNS / 20, `too few accepted fields (${accepted})`);
});

Deno.test("long fields: messages stay bounded", () => {
  for (
    const raw of [`${"a".repeat(5000)}:int`, `${"A".repeat(5000)}:int`, `x:${"y".repeat(5000)}`]
  ) {
    assertCleanError(userError(() => parseField(raw, "postgresql")));
  }
});
