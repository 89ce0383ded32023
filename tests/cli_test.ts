/** The real CLI as a user runs it: exit codes, messages, and what lands on disk. */
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { join } from "node:path";
import { cli } from "./_cli.ts";

async function entries(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test("cli: --dry-run prints the tree and writes nothing", async () => {
  const cwd = await Deno.makeTempDir();
  const r = await cli(["new", "svc", "--yes", "--dry-run"], cwd);
  assertEquals(r.code, 0, r.stderr);
  assertMatch(r.stdout, /^svc\//);
  assertMatch(r.stdout, /\d+ files, \d+ lines/);
  assertEquals(await entries(cwd), []);
});

Deno.test("cli: --json prints the Plan with contents and provenance", async () => {
  const cwd = await Deno.makeTempDir();
  const r = await cli(["new", "svc", "--yes", "--json", "--no-auth"], cwd);
  assertEquals(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assertEquals(plan.root, "svc");
  assertEquals(plan.spec.auth, false);
  assert(plan.files.length > 1);
  for (const f of plan.files) {
    assertEquals(typeof f.content, "string");
    assertEquals(typeof f.origin, "string");
  }
  assertEquals(await entries(cwd), []);
});

Deno.test("cli: new writes the project and prints next steps", async () => {
  const cwd = await Deno.makeTempDir();
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertEquals(r.code, 0, r.stderr);
  assertMatch(r.stdout, /make install/);
  const answers = JSON.parse(await Deno.readTextFile(join(cwd, "svc", ".pyscaffold.json")));
  assertEquals(answers.answers.name, "svc");
  assertEquals(await entries(cwd), ["svc"], "no staging directory left behind");
});

Deno.test("cli: bad input is a clear error, exit 2, nothing written", async () => {
  const cwd = await Deno.makeTempDir();
  await Deno.writeTextFile(join(cwd, "a-file"), "keep me");
  const cases: [string[], RegExp][] = [
    [
      ["new", "svc", "--yes", "--framework", "django"],
      /Unknown framework "django"[\s\S]*flask, quart/,
    ],
    [["new", "svc", "--yes", "--database", "mysql"], /Unknown database "mysql"/],
    [["new", "Bad_Name", "--yes"], /Invalid project name[\s\S]*Try "bad-name"/],
    [["new", "quart", "--yes"], /"quart" is a dependency[\s\S]*Try "quart-api"/],
    [["new", "Flask-JWT-Extended", "--yes"], /Invalid project name/],
    [["new", "svc", "--yes", "--module", "class"], /Python keyword/],
    [["new", "a-file/svc", "--yes"], /is not a directory/],
    [["new", "missing/deeper/svc", "--yes"], /does not exist/],
    [["new", "svc", "--yes", "--frobnicate"], /unknown option/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args, cwd);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assertMatch(r.stderr, message);
    assert(!/at .*\.ts:\d+/.test(r.stderr), `stack trace shown for ${args.join(" ")}`);
  }
  assertEquals(await entries(cwd), ["a-file"]);
  assertEquals(await Deno.readTextFile(join(cwd, "a-file")), "keep me");
});

Deno.test("cli: a non-empty target directory is refused and left untouched", async () => {
  const cwd = await Deno.makeTempDir();
  await Deno.mkdir(join(cwd, "svc"));
  await Deno.writeTextFile(join(cwd, "svc", "notes.txt"), "mine");
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertEquals(r.code, 2);
  assertMatch(r.stderr, /already exists and is not empty/);
  assertEquals(await entries(join(cwd, "svc")), ["notes.txt"]);
  assertEquals(await entries(cwd), ["svc"]);
});

Deno.test("cli: an empty target directory is used", async () => {
  const cwd = await Deno.makeTempDir();
  await Deno.mkdir(join(cwd, "svc"));
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertEquals(r.code, 0, r.stderr);
  assert((await entries(join(cwd, "svc"))).includes(".pyscaffold.json"));
});

Deno.test("cli: unanswered questions without a terminal fail fast naming the flags", async () => {
  const cwd = await Deno.makeTempDir();
  const started = Date.now();
  const r = await cli(["new", "svc"], cwd);
  assertEquals(r.code, 2);
  assertMatch(r.stderr, /--framework flask\|quart/);
  assertMatch(r.stderr, /--yes/);
  assert(Date.now() - started < 20_000);
  assertEquals(await entries(cwd), []);
});

Deno.test("cli: --version prints deno.json's version", async () => {
  const { default: denoJson } = await import("../deno.json", { with: { type: "json" } });
  const r = await cli(["--version"], Deno.cwd());
  assertEquals(r.code, 0);
  assertEquals(r.stdout.trim(), denoJson.version);
});
