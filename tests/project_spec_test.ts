import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { suggestProjectName, validateProjectName } from "../src/choices/names.ts";
import { NOT_YET_SUPPORTED, resolveProjectSpec } from "../src/choices/project_spec.ts";
import { PROJECT_QUESTIONS } from "../src/choices/features/mod.ts";

function userError(fn: () => unknown): UserError {
  let caught: unknown;
  assertThrows(fn, (e) => (caught = e));
  assert(caught instanceof UserError, `expected a UserError, got ${caught}`);
  return caught;
}

Deno.test("project names: valid ones pass unchanged", () => {
  for (const name of ["my-api", "api", "booking-service-2", "a1"]) {
    assertEquals(validateProjectName(name), name);
  }
});

Deno.test("project names: invalid ones say what is wrong and suggest a valid name", () => {
  const cases: [string, RegExp, string][] = [
    ["My_API", /lower-case letter/, "my-api"],
    ["my_api", /lower-case letters \(a-z\), digits and hyphens/, "my-api"],
    ["ünïcode", /start with a lower-case letter \(a-z\)/, "unicode"],
    ["2fast", /start with a lower-case letter/, "fast"],
    ["", /empty/, "my-api"],
    ["con", /reserved device name/, "con-api"],
    ["a--b", /hyphens/, "a-b"],
    ["../etc", /lower-case letter/, "etc"],
  ];
  for (const [raw, problem, suggestion] of cases) {
    const error = userError(() => validateProjectName(raw));
    assert(problem.test(error.message), `${raw}: ${error.message}`);
    assertEquals(error.hint, `Try "${suggestion}".`);
    assertEquals(error.exitCode, 2);
    // the suggestion itself is valid
    assertEquals(validateProjectName(suggestName(raw)), suggestion);
  }
});

function suggestName(raw: string): string {
  return suggestProjectName(raw);
}

Deno.test("spec: defaults come from the question data", () => {
  const spec = resolveProjectSpec({ name: "svc" });
  for (const q of PROJECT_QUESTIONS) {
    const value = q.id === "module" ? spec.module.name : spec[q.id];
    assertEquals(value, q.default, q.id);
  }
});

Deno.test("spec: unknown choices are clear errors naming the valid values", () => {
  const error = userError(() => resolveProjectSpec({ name: "svc", framework: "django" }));
  assert(/Unknown framework "django"/.test(error.message), error.message);
  assert(error.hint?.includes("flask, quart"), error.hint);
});

Deno.test("spec: choices not yet supported answer with a clear error, exit 2", () => {
  for (const value of NOT_YET_SUPPORTED) {
    const key = value === "quart" ? "framework" : "database";
    const error = userError(() => resolveProjectSpec({ name: "svc", [key]: value }));
    assert(/not supported yet/.test(error.message), error.message);
    assertEquals(error.exitCode, 2);
  }
});

Deno.test("spec: the module name is normalised and checked", () => {
  assertEquals(
    resolveProjectSpec({ name: "svc", module: "BookingItem" }).module.name,
    "booking_item",
  );
  const error = userError(() => resolveProjectSpec({ name: "svc", module: "json" }));
  assert(/standard library/.test(error.message), error.message);
});

Deno.test("questions: ids, flags and choices are unique and defaults are among the choices", () => {
  const ids = new Set<string>();
  const flags = new Set<string>();
  for (const q of PROJECT_QUESTIONS) {
    assert(!ids.has(q.id), `duplicate id ${q.id}`);
    assert(!flags.has(q.flag), `duplicate flag ${q.flag}`);
    ids.add(q.id);
    flags.add(q.flag);
    assert(q.message.endsWith("?"), `${q.id}: message should be a question`);
    assert(q.explanation.length > 40, `${q.id}: explanation too short`);
    if (q.kind === "select" || q.kind === "confirm") {
      const values = q.choices.map((c) => c.value);
      assertEquals(new Set(values).size, values.length);
      assert((values as unknown[]).includes(q.default), `${q.id}: default not a choice`);
      for (const c of q.choices) assert(c.description.length > 10, `${q.id}/${c.value}`);
    }
  }
});
