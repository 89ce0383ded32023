/**
 * `--answers FILE` and `--save-answers FILE`: the answers-file schema of
 * generated projects, errors that name the bad key or value, and the round
 * trip. The CLI runs with stdin from /dev/null, so nothing can be asked.
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { ANSWERS_FILE } from "../src/project/answers_file.ts";
import { cli } from "./_cli.ts";

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-answers-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("--answers: bad files are refused with the file, the key and the value", async () => {
  const cases: [string, RegExp[]][] = [
    ['{"framework": "django"}', [/"framework" is "django"/, /flask, quart/]],
    ['{"database": "mysql"}', [/"database" is "mysql"/, /postgresql, oracle/]],
    [
      '{"frmework": "flask"}',
      [/unknown key "frmework" \(did you mean "framework"\?\)/, /Known keys: .*framework/],
    ],
    ['{"auth": "yes"}', [/"auth" must be a boolean, not the string "yes"\./]],
    ['{"name": "My API"}', [/"name" is "My API"/, /try "my-api"/]],
    ['{"module": "class"}', [/"module" is "class"/, /Python keyword/]],
    ['{"framework": "flask",}', [/bad\.json:1:23: not valid JSON/]],
    // line and column, and the line itself with the place marked
    ['{\n  "framework": "flask",\n  "auth": yes\n}', [
      /bad\.json:3:11: not valid JSON: yes is not a JSON value/,
      /hint: line 3: {3}"auth": ▶yes/,
    ]],
    ['{\n  "framework": "flask"\n  "auth": true\n}', [
      /bad\.json:3:3: not valid JSON: Expected ','/,
    ]],
    ["[1, 2]", [/JSON object of answers/]],
  ];
  await inTempDir(async (dir) => {
    for (const [content, patterns] of cases) {
      await Deno.writeTextFile(join(dir, "bad.json"), content);
      const { code, stderr } = await cli(["new", "svc", "--yes", "--answers", "bad.json"], dir);
      assertEquals(code, 2, `${content}: ${stderr}`);
      assertMatch(stderr, /bad\.json/);
      for (const pattern of patterns) assertMatch(stderr, pattern);
      assert(!stderr.includes("\\"), `a stray backslash: ${stderr}`);
      assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["bad.json"], content);
    }
    const missing = await cli(["new", "svc", "--answers", "nope.json"], dir);
    assertEquals(missing.code, 2);
    assertMatch(missing.stderr, /nope\.json/);
  });
});

Deno.test("--save-answers then --answers: the same project, nothing asked", async () => {
  await inTempDir(async (dir) => {
    const saved = await cli([
      "new",
      "first",
      "--no-auth",
      "--celery",
      "--module",
      "books",
      "--yes",
      "--save-answers",
      "answers.json",
    ], dir);
    assertEquals(saved.code, 0, saved.stderr);
    const file = JSON.parse(await Deno.readTextFile(join(dir, "answers.json")));
    assert(typeof file.pyscaffold === "string", "the version is recorded");
    assertEquals(file.answers, {
      name: "first",
      framework: "flask",
      database: "postgresql",
      auth: false,
      cache: true,
      celery: true,
      module: "books",
    });
    // Every answer is in the file, the name included: no directory, no --yes needed.
    await Deno.mkdir(join(dir, "again"));
    const again = await cli(["new", "--answers", "../answers.json"], join(dir, "again"));
    assertEquals(again.code, 0, again.stderr);
    const a = await Deno.readTextFile(join(dir, "first", ANSWERS_FILE));
    const b = await Deno.readTextFile(join(dir, "again", "first", ANSWERS_FILE));
    assertEquals(a, b);
  });
});

Deno.test("--answers: a generated project's answers file works too; flags win over it", async () => {
  await inTempDir(async (dir) => {
    const made = await cli(["new", "origin", "--yes", "--no-cache"], dir);
    assertEquals(made.code, 0, made.stderr);
    const copy = await cli([
      "new",
      "copy",
      "--answers",
      join("origin", ANSWERS_FILE),
      "--cache",
      "--json",
    ], dir);
    assertEquals(copy.code, 0, copy.stderr);
    const plan = JSON.parse(copy.stdout);
    assertEquals(plan.spec.name, "copy", "the directory names the project");
    assertEquals(plan.spec.cache, true, "the flag wins");
    assertEquals(plan.spec.auth, true);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["origin"]);
  });
});

Deno.test("--save-answers is not written when the project cannot be", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "svc"));
    await Deno.writeTextFile(join(dir, "svc", "keep.txt"), "mine");
    const { code, stderr } = await cli(
      ["new", "svc", "--yes", "--save-answers", "answers.json"],
      dir,
    );
    assertEquals(code, 2, stderr);
    assertMatch(stderr, /not empty/);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["svc"]);
  });
});
