/**
 * The ModuleView the module templates print: Python source for every field
 * type, constraint names as the generated base model makes them, and calls
 * formatted as ruff formats them.
 */
import { assert, assertEquals } from "./_assert.ts";
import { exampleDefault, parseField, parseFields } from "../src/choices/fields.ts";
import { FIELD_TYPE_RULES } from "../src/choices/field_types.ts";
import { FIELD_TYPES, fieldText } from "../src/choices/module_spec.ts";
import { DATABASES } from "../src/choices/questions.ts";
import {
  constraintName,
  formatCall,
  LINE_LENGTH,
  moduleView,
  uniqueWhileActiveSteps,
} from "../src/python/module_view.ts";
import { EVERY_TYPE, GOLDEN_FIELDS } from "./_every_field_type.ts";

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
  // indexes: is_active, title, status, code and its unique index, external_id's unique index,
  // owner_id
  assertEquals(view.migrationIndexes.length, 7);
  assert(view.migrationIndexes.some((l) => l.includes('["code"], unique=False')));
  // a unique column is unique over the active rows: an index of its own, no constraint
  const external = view.fields.find((f) => f.name === "external_id")!;
  assert(!external.migrationColumn.includes("unique"), external.migrationColumn);
  assert(!external.mappedColumn.includes("unique"), external.mappedColumn);
  assertEquals(external.uniqueConstraint, "uq_booking_items_external_id");
  assertEquals(
    external.migrationIndexes,
    [
      '    op.create_index(\n        op.f("uq_booking_items_external_id"),\n' +
      '        "booking_items",\n        ["external_id"],\n        unique=True,\n' +
      '        postgresql_where=sa.text("is_active"),\n    )',
    ],
  );
  const oracle = moduleView({ name: "booking_item", fields }, "oracle");
  const onOracle = oracle.fields.find((f) => f.name === "external_id")!;
  assert(
    onOracle.migrationIndexes[0].includes(
      'sa.text("(CASE WHEN (is_active = 1) THEN external_id END)")',
    ),
    onOracle.migrationIndexes[0],
  );
});

Deno.test("view: the steps that make an earlier version's unique columns unique over the active rows", () => {
  const fields = parseFields(["code:str(20):unique:index", "ref:str(40):unique"], "postgresql");
  const steps = uniqueWhileActiveSteps(moduleView({ name: "item", fields }));
  assertEquals(steps.upgrade, [
    '    op.drop_index(op.f("ix_items_code"), table_name="items")',
    '    op.create_index(op.f("ix_items_code"), "items", ["code"], unique=False)',
    '    op.create_index(\n        op.f("uq_items_code"), "items", ["code"], unique=True, ' +
    'postgresql_where=sa.text("is_active")\n    )',
    '    op.drop_constraint(op.f("uq_items_ref"), "items", type_="unique")',
    '    op.create_index(\n        op.f("uq_items_ref"), "items", ["ref"], unique=True, ' +
    'postgresql_where=sa.text("is_active")\n    )',
  ]);
  assertEquals(steps.downgrade, [
    '    op.drop_index(op.f("uq_items_code"), table_name="items")',
    '    op.drop_index(op.f("ix_items_code"), table_name="items")',
    '    op.create_index(op.f("ix_items_code"), "items", ["code"], unique=True)',
    '    op.drop_index(op.f("uq_items_ref"), table_name="items")',
    '    op.create_unique_constraint(op.f("uq_items_ref"), "items", ["ref"])',
  ]);
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

Deno.test("view: request schemas carry the column's limits, an offset and strict samples", () => {
  const fields = [
    ...parseFields(EVERY_TYPE, "postgresql"),
    parseField("owner:ref:users", "postgresql"),
  ];
  const view = moduleView({ name: "booking_item", fields });
  const byType = (type: string) => view.fields.find((f) => f.type === type)!;
  // Beyond the column's range the database would fail the request: the schema refuses first.
  assertEquals(
    byType("int").createAnnotation.replace(" | None", ""),
    "Annotated[int, Field(ge=-2147483648, le=2147483647)]",
  );
  assert(byType("bigint").updateAnnotation.includes("le=9223372036854775807"));
  // A reference holds an id: 64-bit in a new project, 32-bit in one made before 0.26.0.
  assert(byType("ref").createAnnotation.includes("ge=1, le=9223372036854775807"));
  assertEquals(byType("ref").outOfRange, "2**63");
  const old = moduleView({ name: "booking_item", fields }, "postgresql", false, "integer");
  const oldRef = old.fields.find((f) => f.type === "ref")!;
  assert(oldRef.createAnnotation.includes("ge=1, le=2147483647"));
  assertEquals(oldRef.outOfRange, "2**31");
  assertEquals(byType("ref").migrationColumn.includes("sa.BigInteger()"), true);
  assertEquals(oldRef.migrationColumn.includes("sa.Integer()"), true);
  assertEquals(byType("int").outOfRange, "2**31");
  // A datetime without an offset is a 422, not a guess.
  assert(byType("datetime").createAnnotation.startsWith("UtcDatetime"));
  assertEquals(byType("datetime").pyType, "datetime");
  // Output schemas keep an enum's choices.
  assertEquals(byType("enum").outType, byType("enum").createAnnotation.replace(" | None", ""));
  assertEquals(byType("str").outType, "str");
  for (const f of view.fields) assert(f.coerced.length > 0, f.name);
  assert(byType("datetime").unnormalised?.includes("+02:00"));
});

Deno.test("view: a list sorts on indexed columns, filters those a query names exactly, keeps ranges of numbers and instants", () => {
  const fields = parseFields(
    [
      "code:str(20):unique",
      "pages:int",
      "price:decimal(8,2):index",
      "page:int:index",
      "due:datetime:index",
      "status:enum(a|b):index",
      "book:ref:books",
      "weight:float:index",
      "max_weight:float",
      "born:date:index",
    ],
    "postgresql",
  );
  const view = moduleView({ name: "note", fields });
  assertEquals(view.filters.map((f) => f.column), ["code", "status", "book_id", "born"]);
  // `page` is ListParams' own; `weight`'s max_weight is a column: no range for it.
  assertEquals(view.ranges.map((r) => [r.field.column, r.min, r.max]), [
    ["price", "min_price", "max_price"],
    ["due", "min_due", "max_due"],
    ["born", "min_born", "max_born"],
  ]);
  assertEquals(
    view.sortKeys,
    ["id", "code", "price", "due", "status", "book_id", "weight", "born"].flatMap((
      k,
    ) => [k, `-${k}`]),
  );
});

Deno.test("view: a default of each type that takes one (FIELD_TYPE_RULES) is Python source, on the model and the server", () => {
  const covered = new Set<string>();
  for (const spec of GOLDEN_FIELDS) {
    const parsed = { ...parseField(spec, "postgresql"), unique: false, required: true };
    const example = exampleDefault(parsed);
    if (example === undefined) continue;
    const field = parseField(fieldText({ ...parsed, default: example }), "postgresql");
    for (const database of DATABASES) {
      const [view] = moduleView({ name: "note", fields: [field] }, database).fields;
      assert(view.createDefault !== undefined, `${spec} on ${database}`);
      assert(view.migrationFilledColumn?.includes("server_default="), `${spec} on ${database}`);
    }
    covered.add(field.type);
  }
  assertEquals(
    [...covered],
    FIELD_TYPES.filter((type) => FIELD_TYPE_RULES[type].default !== null),
  );
});
