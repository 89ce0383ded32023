/**
 * Every field type is in each of the lists that stand for "a module with every type"
 * (tests/_every_field_type.ts): the unit tests' EVERY_TYPE, the golden record's module and the
 * e2e module. A type added to FIELD_TYPES but missing from one of them would go unrecorded by
 * the golden test, or unchecked by ruff, mypy and pytest in a real project.
 */
import { assertEquals } from "./_assert.ts";
import { FIELD_TYPES, type FieldType } from "../src/choices/module_spec.ts";
import { parseField } from "../src/choices/fields.ts";
import { EVERY_TYPE, EVERY_TYPE_FIELDS, GOLDEN_FIELDS } from "./_every_field_type.ts";

/** The types of FIELD_TYPES that no spec of `specs` has, in FIELD_TYPES' order. */
function missingTypes(specs: readonly string[]): FieldType[] {
  const present = new Set(specs.map((spec) => parseField(spec, "postgresql").type));
  return FIELD_TYPES.filter((type) => !present.has(type));
}

const WHERE = "tests/_every_field_type.ts";

Deno.test("every field type: EVERY_TYPE has each type but ref (its users add a reference)", () => {
  assertEquals(
    missingTypes(EVERY_TYPE),
    ["ref"],
    `EVERY_TYPE (${WHERE}) needs a spec of every field type but ref`,
  );
});

Deno.test("every field type: the golden record's module (GOLDEN_FIELDS) has each type", () => {
  assertEquals(
    missingTypes(GOLDEN_FIELDS),
    [],
    `GOLDEN_FIELDS (${WHERE}) needs a spec of every field type; then deno task golden:update`,
  );
});

Deno.test("every field type: the e2e module (EVERY_TYPE_FIELDS) has each type", () => {
  assertEquals(
    missingTypes(EVERY_TYPE_FIELDS),
    [],
    `EVERY_TYPE_FIELDS (${WHERE}) needs a spec of every field type`,
  );
});
