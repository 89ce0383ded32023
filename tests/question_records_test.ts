/**
 * The question records and what is derived from them: the pin map, the
 * dependency lists, the conditions, the answer types and the template context.
 */
import { assert, assertEquals, assertThrows } from "./_assert.ts";
import {
  ANSWER_TYPES,
  answerContext,
  answersOf,
  checkCondition,
  FEATURE_QUESTIONS,
  nextSteps,
  pickAnswers,
  PROJECT_QUESTIONS,
  projectDependencies,
} from "../src/choices/features/mod.ts";
import { DEPENDENCY_VERSIONS, packageOf, type Requirement } from "../src/choices/dependencies.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { buildProjectPlan } from "../src/plan/mod.ts";
import { DATABASES, FRAMEWORKS } from "../src/choices/questions.ts";

function everyCombination() {
  const specs = [];
  for (const framework of FRAMEWORKS) {
    for (const database of DATABASES) {
      for (let bits = 0; bits < 2 ** FEATURE_QUESTIONS.length; bits++) {
        const features = Object.fromEntries(
          FEATURE_QUESTIONS.map((q, i) => [q.id, (bits & (1 << i)) !== 0]),
        );
        specs.push(resolveProjectSpec({ name: "my-api", framework, database, ...features }));
      }
    }
  }
  return specs;
}

Deno.test("records: flags are --<id>, ids are plain words (commander stores each under its id)", () => {
  for (const q of PROJECT_QUESTIONS) {
    assertEquals(q.flag, `--${q.id}`);
    assert(/^[a-z]+$/.test(q.id), `${q.id}: commander would camel-case it`);
  }
});

Deno.test("pins: every pin of the map is used by some combination, and printed from the map", async () => {
  const used = new Set<string>();
  for (const spec of everyCombination()) {
    const { dependencies, devDependencies } = projectDependencies(spec);
    const pyproject = (await buildProjectPlan(spec)).files.find((f) =>
      f.path === "pyproject.toml"
    )!;
    for (const d of [...dependencies, ...devDependencies]) {
      const [requirement, version] = d.pin.split("==");
      const name = packageOf(requirement as Requirement);
      assertEquals(version, DEPENDENCY_VERSIONS[name], d.pin);
      assert(pyproject.content.includes(`"${d.pin}",`), `${d.pin} not in pyproject.toml`);
      used.add(name);
    }
  }
  assertEquals([...used].sort(), Object.keys(DEPENDENCY_VERSIONS).sort());
});

Deno.test("pins: a feature's packages come with it, and a package two features share is listed once", () => {
  const spec = resolveProjectSpec({ name: "my-api", cache: true, celery: true, auth: false });
  const pins = projectDependencies(spec).dependencies.map((d) => d.pin);
  assertEquals(pins.filter((p) => p.startsWith("redis[hiredis]==")).length, 1);
  assert(pins.some((p) => p.startsWith("celery==")));
  assert(!pins.some((p) => p.startsWith("argon2-cffi==")));
  const off = projectDependencies({ ...spec, cache: false, celery: false }).dependencies;
  assert(!off.some((d) => d.pin.startsWith("redis")));
});

Deno.test("conditions: a typo in a question id or an impossible answer is refused", () => {
  checkCondition({ framework: "quart", cache: false }, "ok");
  assertThrows(() => checkCondition({ framwork: "quart" }, "typo"));
  assertThrows(() => checkCondition({ cache: "no" }, "wrong type"));
  assertThrows(() => checkCondition({ module: "items" }, "not a choice"));
});

Deno.test("answers: types and key order come from the records; pickAnswers keeps only typed answers", () => {
  assertEquals(Object.keys(ANSWER_TYPES), ["name", ...PROJECT_QUESTIONS.map((q) => q.id)]);
  for (const q of FEATURE_QUESTIONS) assertEquals(ANSWER_TYPES[q.id], "boolean");
  assertEquals(
    pickAnswers({ framework: "quart", auth: false, cache: undefined, celery: "yes", dryRun: true }),
    { framework: "quart", auth: false },
  );
});

Deno.test("answers: answersOf gives back the answers a spec was made from", () => {
  for (const spec of everyCombination()) {
    assertEquals(resolveProjectSpec(answersOf(spec)), spec);
  }
  const answers = answersOf(resolveProjectSpec({ name: "my-api", module: "Booking Item" }));
  assertEquals(answers.module, "booking_item");
});

Deno.test("template context: each answer by its id, each choice as a flag, the dependency lists", () => {
  const spec = resolveProjectSpec({ name: "my-api", framework: "quart", database: "oracle" });
  const { dependencies, devDependencies, usedWithoutImport, importedThrough, ...flags } =
    answerContext(spec);
  assertEquals(flags, {
    framework: "quart",
    flask: false,
    quart: true,
    database: "oracle",
    postgresql: false,
    oracle: true,
    auth: true,
    cache: true,
    celery: false,
  });
  assert(dependencies.some((d) => d.pin.startsWith("oracledb==") && d.comment));
  assert(devDependencies.some((d) => d.pin.startsWith("psycopg[binary]==") && d.comment));
  // deptry is told of the driver SQLAlchemy loads by its URL, not of the tests' psycopg
  assertEquals(usedWithoutImport.map((d) => d.name), ["email-validator", "oracledb"]);
  // h11, which src/asgi.py imports, on Quart only
  assertEquals(importedThrough.map((d) => d.name), ["pydantic_core", "h11"]);
  const flask = answerContext(resolveProjectSpec({ name: "my-api", framework: "flask" }));
  assertEquals(flask.importedThrough.map((d) => d.name), ["pydantic_core"]);
});

Deno.test("next steps: the core commands, in order", () => {
  const spec = resolveProjectSpec({ name: "my-api" });
  assertEquals(nextSteps(spec, "my-api").map((s) => s.command), [
    "cd my-api",
    "make install",
    "cp -n .env.example .env",
    "make services",
    "make migrate",
    "make test",
    "make run",
  ]);
  // What `new` did after writing is left out; a feature's steps come last.
  const celery = resolveProjectSpec({ name: "my-api", celery: true });
  assertEquals(
    nextSteps(celery, "my-api", { env: true, install: true }).map((s) => s.command),
    ["cd my-api", "make services", "make migrate", "make test", "make run", "make worker"],
  );
});
