/**
 * Field specs (`--field name:type[:modifier...]`): valid specs parse to what
 * they say, invalid ones are refused with a message and a hint, and random
 * input never crashes the parser or leaks into generated source unescaped
 * (the ModuleView of every accepted field is checked too).
 */
import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { FIELD_TYPES, type FieldSpec, fieldText, shellField } from "../src/choices/module_spec.ts";
import { parseField, parseFields } from "../src/choices/fields.ts";
import { moduleView } from "../src/python/module_view.ts";
import type { Database } from "../src/choices/questions.ts";
import { DATABASE_PROFILES } from "../src/choices/databases.ts";
import { columnLimit } from "../src/choices/module_names.ts";
import { EVERY_TYPE } from "./_every_field_type.ts";
import { TEXT_LENGTH, TEXT_MAX_LENGTH, textLength } from "../src/choices/field_types.ts";

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
  // By name: a new type added to the lists moves the positions.
  const named = (name: string) => fields.find((f) => f.name === name)!;
  assertEquals([named("price").precision, named("price").scale], [10, 2]);
  assertEquals(named("status").choices, ["draft", "sent", "paid"]);
  assertEquals(named("status").default, "draft");
  assertEquals(named("body").required, false);
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
  // A record read from disk may name a type that is none, even one an object has: written as it
  // is, the parser refuses it.
  for (const type of ["money", "constructor", "__proto__"]) {
    const text = fieldText({ name: "x", type, required: true } as unknown as FieldSpec);
    assertEquals(text, `x:${type}:required`);
    assert(userError(() => parseField(text, "postgresql")).message.includes("unknown type"), text);
  }
});

Deno.test("fields: shellField is one word a shell reads back as the field's text", async () => {
  const texts = [
    ...EVERY_TYPE,
    "owner:ref:users:optional",
    'title:str(40):default=it\'s a "test" $HOME `x` \\ ; & * ?',
    "note:str:default=two  spaces",
  ].map((raw) => fieldText(parseField(raw, "postgresql")));
  const words = texts.map(shellField);
  // Quoted only where the shell would read the text otherwise.
  assertEquals(words.filter((w) => w.startsWith("'")).length, 6, words.join(" "));
  const out = await new Deno.Command("bash", {
    args: ["-c", `printf '%s\\n' ${words.join(" ")}`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(new TextDecoder().decode(out.stderr), "");
  assertEquals(new TextDecoder().decode(out.stdout), texts.map((t) => t + "\n").join(""));
});

Deno.test("fields: a name too long is refused by the project's database's own limit, named", () => {
  // The developer's rename in a PostgreSQL project was refused as "Oracle's limit"; a
  // PostgreSQL column now takes PostgreSQL's 63 characters.
  const long = "requested_quantity_in_units_total:int";
  assertEquals(parseField(long, "postgresql").name, "requested_quantity_in_units_total");
  const oracle = userError(() => parseField(long, "oracle"));
  assert(/longer than 30 characters, Oracle's identifier limit/.test(oracle.message));
  assert(!/PostgreSQL/.test(oracle.message), oracle.message);
  assertEquals(oracle.hint, 'Use a shorter name, such as "requested_quantity_in_units".');
  const longer = `requested_quantity_in_units_${"total_".repeat(6)}sum:int`;
  const pg = userError(() => parseField(longer, "postgresql"));
  assert(!/Oracle/.test(pg.message), pg.message);
  assert(/longer than 63 characters, PostgreSQL's identifier limit/.test(pg.message), pg.message);
  assertEquals(
    pg.hint,
    'Use a shorter name, such as "requested_quantity_in_units_total_total_total_total_total_total".',
  );
  // Each database's limit is its identifier limit, from its profile.
  for (const db of Object.values(DATABASE_PROFILES)) {
    const limit = columnLimit(db.id);
    assertEquals(limit.max, db.maxIdentifier, db.id);
    assert(limit.reason.includes(db.label), `${db.id}: ${limit.reason}`);
    const fits = `a${"b".repeat(limit.max - 1)}:int`;
    assertEquals(parseField(fits, db.id).name.length, limit.max);
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
    ["body:text(0)", "postgresql", /text\(N\) needs a length from 1 to 500000/],
    ["body:text(500001)", "postgresql", /1 to 500000 \(text alone takes up to 10000 characters\)/],
    ["body:text(1e3)", "postgresql", /text\(N\)/],
    ["body:text(3):default=four", "postgresql", /not a valid text/],
    ["price:decimal(40,2)", "postgresql", /precision from 1 to 38/],
    ["price:decimal(2,3)", "postgresql", /scale no larger/],
    ["price:decimal(x)", "postgresql", /decimal\(p,s\)/],
    ["status:enum", "postgresql", /enum\(a\|b\|c\)/],
    ["status:enum(a|a)", "postgresql", /distinct/],
    ["tier:enum(gold, silver):default=silver", "postgresql", /separated by "\|", not ","/],
    ["status:enum(a b)", "postgresql", /enum/],
    ["status:enum(a|b):default=c", "postgresql", /not a valid enum value/],
    ["count:int(3)", "postgresql", /takes no arguments/],
    ["count:int:default=x", "postgresql", /not a valid int/],
    ["count:int:default=99999999999", "postgresql", /outside the int range, -2147483648 to/],
    ["count:int:default=2147483648", "postgresql", /outside the int range/],
    ["views:bigint:default=-9223372036854775809", "postgresql", /outside the bigint range/],
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
    ["a_very_long_field_name_for_a_column:int", "oracle", /longer than 30/],
    ["a_very_long_field_name_for_x:ref:users", "oracle", /longer than 30/],
    [`a_very_long_field_name_for_a_column_${"x".repeat(28)}:int`, "postgresql", /longer than 63/],
    [`a_very_long_field_name_for_x_${"x".repeat(32)}:ref:users`, "postgresql", /longer than 63/],
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
  // The hint gives the field as meant, quoted for the shell (an unquoted "|" is a pipe).
  const commas = userError(() =>
    parseField("tier:enum(gold, silver):default=silver", "postgresql")
  );
  assertEquals(
    commas.hint,
    'Write it tier:enum(gold|silver):default=silver (in quotes on a command line: the shell reads "|" as a pipe).',
  );
});

Deno.test("fields: names and columns are distinct across a module", () => {
  const error = userError(() => parseFields(["owner:ref:users", "owner_id:int"], "postgresql"));
  assert(/both use the name "owner_id"/.test(error.message), error.message);
  userError(() => parseFields(["title:str", "title:text"], "postgresql"));
  assertEquals(parseFields(["owner:ref:users", "owner_name:str"], "postgresql").length, 2);
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

Deno.test("fields: an integer default is its value, anywhere in the column's range", () => {
  const cases: [string, string][] = [
    ["count:int:default=2147483647", "2147483647"],
    ["count:int:default=-2147483648", "-2147483648"],
    ["views:bigint:default=-9223372036854775808", "-9223372036854775808"],
    // Python reads 007 as a syntax error; the default is written as 7.
    ["count:int:default=007", "7"],
    ["count:int:default=-0", "0"],
  ];
  for (const [raw, value] of cases) assertEquals(parseField(raw, "postgresql").default, value, raw);
});

Deno.test("fields: text takes an optional length, recorded only when given", () => {
  const [plain, sized] = parseFields(["body:text", "summary:text(500000):optional"], "postgresql");
  assertEquals(plain.length, undefined, "text alone: TEXT_LENGTH, not recorded");
  assertEquals(textLength(plain), TEXT_LENGTH);
  assertEquals(sized.length, TEXT_MAX_LENGTH);
  assertEquals(fieldText(plain), "body:text:required");
  assertEquals(fieldText(sized), "summary:text(500000):optional");
  assertEquals(parseField(fieldText(sized), "postgresql"), sized, "read back as written");
  assertEquals(parseField("note:text(3):default=abc", "postgresql").default, "abc");
});
