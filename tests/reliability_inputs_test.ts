/**
 * Property tests of the user input `new` reads: the project name (the last
 * segment of the target directory) and the answers file. Thousands of random
 * and hostile inputs each give a valid result or a UserError with a one-line,
 * bounded message — never a crash, and never a path outside the target.
 *
 * Module names and field specs have their own property tests
 * (tests/fields_test.ts, tests/names_test.ts).
 */
import fc from "fast-check";
import { isAbsolute, join, normalize, resolve } from "node:path";
import { assert, assertEquals } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { suggestProjectName, validateProjectName } from "../src/choices/names.ts";
import { type ProjectAnswers, resolveProjectSpec } from "../src/choices/project_spec.ts";
import { answersFileContent, parseAnswers } from "../src/project/answers_file.ts";
import { buildProjectPlan } from "../src/plan/mod.ts";

const RUNS = 3000;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Pieces that have broken path handling somewhere: traversal, separators, devices, lookalikes. */
const HOSTILE = [
  "..",
  ".",
  "../",
  "/",
  "\\",
  "..\\",
  "/etc/passwd",
  "C:\\",
  "C:",
  "~",
  "\0",
  "\n",
  "\r",
  "\t",
  "\x1b[31m",
  "\x7f",
  "\u0085",
  "\u200b", // zero-width space
  "\u200d", // zero-width joiner
  "\u202e", // right-to-left override
  "\ufeff", // byte order mark
  "\u0301", // combining acute accent
  "CON",
  "con",
  "prn",
  "aux",
  "nul",
  "com1",
  "lpt9",
  "con.txt",
  "ａｐｉ", // full-width
  "аpi", // Cyrillic а
  "ѕvc", // Cyrillic ѕ
  "ı", // dotless i
  "İ",
  "ſ", // long s, NFKD → s
  "K", // Kelvin sign, NFKD → K
  "ﬁ", // ligature
  "①",
  "💥",
  "-",
  "--",
  "_",
  " ",
  "my",
  "api",
  "a",
  "z",
  "1",
  "9",
  "My",
  "API",
  "x".repeat(70),
];

/** Random names: arbitrary code points, hostile pieces glued together, and plausible names. */
const anyName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,70}$/),
);

/** A project name is safe when it is one path segment of plain ASCII that stays inside its parent. */
function assertSafeName(name: string): void {
  assert(
    /^[a-z][a-z0-9-]{0,63}$/.test(name),
    `unsafe characters or length: ${JSON.stringify(name)}`,
  );
  assert(!/--|-$/.test(name), `bad hyphens: ${name}`);
  assert(!WINDOWS_RESERVED.test(name), `Windows reserved name: ${name}`);
  const parent = resolve("/tmp/parent");
  const target = resolve(parent, name);
  assertEquals(target, join(parent, name));
  assert(target.startsWith(parent + "/") && !target.slice(parent.length + 1).includes("/"));
}

/** Error messages are one short line: nothing the user typed can inject lines or escapes. */
function assertCleanError(error: unknown): asserts error is UserError {
  assert(error instanceof UserError, `expected a UserError, got: ${error}`);
  for (const text of [error.message, error.hint ?? ""]) {
    assert(
      // deno-lint-ignore no-control-regex
      !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/.test(text),
      `control character in ${JSON.stringify(text)}`,
    );
    assert(text.length <= 400, `message too long (${text.length}): ${text.slice(0, 100)}…`);
  }
  assertEquals(error.exitCode, 2);
}

const counts = { names: 0, answers: 0, plans: 0, plansBuilt: 0 };

Deno.test("property: a project name is accepted unchanged and safe, or refused clearly", () => {
  fc.assert(
    fc.property(anyName, (raw) => {
      counts.names++;
      let name: string;
      try {
        name = validateProjectName(raw);
      } catch (error) {
        assertCleanError(error);
        assert(/^Try "/.test(error.hint ?? ""), `no suggestion: ${error.hint}`);
        return;
      }
      assertEquals(name, raw);
      assertSafeName(name);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("property: a suggested project name is always valid, and a valid name suggests itself", () => {
  fc.assert(
    fc.property(anyName, (raw) => {
      counts.names++;
      const suggestion = suggestProjectName(raw);
      assertEquals(validateProjectName(suggestion), suggestion);
      assertSafeName(suggestion);
      let valid = true;
      try {
        validateProjectName(raw);
      } catch {
        valid = false;
      }
      if (valid) assertEquals(suggestion, raw);
    }),
    { numRuns: RUNS },
  );
});

Deno.test("project names: traversal, devices and lookalikes are refused", () => {
  const refused = [
    "..",
    ".",
    "../x",
    "x/..",
    "/abs",
    "a/b",
    "a\\b",
    "a\0b",
    "a\nb",
    "con",
    "CON",
    "nul",
    "com1",
    "lpt1",
    "аpi",
    "ａｐｉ",
    "api\u200b",
    "api\u202e",
    "K",
    "x".repeat(65),
  ];
  for (const raw of refused) {
    let caught: unknown;
    try {
      validateProjectName(raw);
    } catch (error) {
      caught = error;
    }
    assertCleanError(caught);
  }
});

/** Values of every JSON type, and the answer keys with values of the right and wrong types. */
const answerValue = fc.oneof(
  fc.constantFrom("flask", "quart", "postgresql", "oracle", "FLASK", "items", "my-api", ""),
  anyName,
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
);
const answersObject = fc.record(
  {
    name: answerValue,
    framework: answerValue,
    database: answerValue,
    auth: answerValue,
    cache: answerValue,
    celery: answerValue,
    module: answerValue,
  },
  { requiredKeys: [] },
);
const answersText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  answersObject.map((a) => JSON.stringify(a)),
  fc.tuple(answersObject, fc.jsonValue({ maxDepth: 1 })).map(([answers, version]) =>
    JSON.stringify({ pyscaffold: version, answers })
  ),
  fc.tuple(answersObject, fc.constantFrom(...HOSTILE), answerValue).map(([a, key, value]) =>
    JSON.stringify({ ...a, [key]: value })
  ),
  fc.constantFrom(
    "",
    "null",
    "[]",
    '"answers"',
    '{"answers": null}',
    '{"answers": []}',
    '{"__proto__": {"framework": "flask"}}',
    '{"constructor": "x"}',
    '{"name": "../../etc"}',
    '{"name": "/etc"}',
    '{"name": "con"}',
    '{"answers": {"name": "a\\u0000b"}}',
    '{"auth": "true"}',
    "\ufeff{}",
    "{".repeat(5000),
  ),
);

Deno.test("property: an answers file gives answers of the right types, or a clear error", () => {
  fc.assert(
    fc.property(answersText, (text) => {
      counts.answers++;
      let answers: ProjectAnswers;
      try {
        answers = parseAnswers(text, "answers.json");
      } catch (error) {
        assertCleanError(error);
        return;
      }
      const types: Record<string, string> = {
        name: "string",
        framework: "string",
        database: "string",
        auth: "boolean",
        cache: "boolean",
        celery: "boolean",
        module: "string",
      };
      assertEquals(Object.getPrototypeOf(answers), Object.prototype);
      for (const [key, value] of Object.entries(answers)) {
        assert(Object.hasOwn(types, key), `unknown key kept: ${key}`);
        assertEquals(typeof value, types[key], key);
      }
      // Whatever the answers, resolving them is a spec with a safe name or a clear error.
      try {
        const spec = resolveProjectSpec(answers);
        assertSafeName(spec.name);
      } catch (error) {
        assertCleanError(error);
      }
    }),
    { numRuns: RUNS },
  );
});

/** Answers that are often accepted, so that many plans get built. */
const plausibleAnswers = fc.record({
  name: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,12}(-[a-z0-9]{1,6}){0,2}$/), anyName),
  framework: fc.constantFrom("flask", "Flask", "quart", "django"),
  database: fc.constantFrom("postgresql", "PostgreSQL", "postgresql", "oracle", "mysql"),
  auth: fc.boolean(),
  cache: fc.boolean(),
  celery: fc.boolean(),
  module: fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9]{0,10}(_[a-z0-9]{1,6}){0,2}$/),
    fc.constantFrom("items", "BookingItem", "user", "users", "class", "../x", "con"),
    anyName,
  ),
}, { requiredKeys: [] });

Deno.test("property: every planned file of an accepted project lies inside the project", async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(plausibleAnswers, async (answers) => {
      counts.plans++;
      let plan;
      try {
        const parsed = parseAnswers(JSON.stringify(answers), "answers.json");
        plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", ...parsed }));
      } catch (error) {
        assertCleanError(error);
        return;
      }
      accepted++;
      assertSafeName(plan.root);
      const root = resolve("/tmp/parent", plan.root);
      for (const file of plan.files) {
        assert(!isAbsolute(file.path) && !file.path.includes("\\"), file.path);
        assertEquals(normalize(file.path), file.path);
        assert(file.path.split("/").every((s) => s !== "" && s !== "." && s !== ".."), file.path);
        // deno-lint-ignore no-control-regex
        assert(!/[\u0000-\u001f]/.test(file.path), JSON.stringify(file.path));
        assert(resolve(root, file.path).startsWith(root + "/"), file.path);
      }
    }),
    // Each plan renders every template: fewer runs, still well past the interesting cases.
    { numRuns: 150 },
  );
  assert(accepted >= 10, `only ${accepted} of 150 plans were built`);
  counts.plansBuilt += accepted;
});

Deno.test("property: answers saved from a project read back as the same project", () => {
  const names = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8}){0,3}$/)
    .filter((n) => !WINDOWS_RESERVED.test(n));
  fc.assert(
    fc.property(names, fc.boolean(), fc.boolean(), fc.boolean(), (name, auth, cache, celery) => {
      counts.answers++;
      const spec = resolveProjectSpec({ name, framework: "flask", auth, cache, celery });
      const again = resolveProjectSpec(parseAnswers(answersFileContent(spec), "saved"));
      assertEquals(again, spec);
    }),
    { numRuns: 300 },
  );
});

Deno.test("property figures", () => {
  console.log(
    `inputs tried: ${counts.names} project names, ${counts.answers} answers files, ` +
      `${counts.plans} answer sets planned (${counts.plansBuilt} accepted, checked file by file)`,
  );
  assert(counts.names >= 2 * RUNS && counts.answers >= RUNS);
});
