/**
 * The ways pyscaffold ships behave like the checkout: the one-file bundle
 * generates byte-identical projects from any directory, the JSR package (the bundle with a
 * whole graph) publishes and runs served over HTTP,
 * `--version` comes from deno.json alone, and the module graph holds nothing a
 * compiled binary could not carry.
 */
import { assert, assertEquals, assertMatch, assertThrows } from "./_assert.ts";
import { dirname, join, relative } from "node:path";
import denoJson from "../deno.json" with { type: "json" };
import { buildBundle, buildJsrPackage } from "./_bundle.ts";
import { servePackage } from "./_served_package.ts";
import { FEATURE_QUESTIONS, SELECT_QUESTIONS } from "../src/choices/features/mod.ts";
import {
  builtinsAtStart,
  COMPILED_TEMPLATES,
  forJsr,
  JSR_NAME,
  loadedOnDemand,
  pinUnbundled,
  withoutCreateRequire,
} from "../tools/bundle.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const MAIN = join(ROOT, "main.ts");
const dec = new TextDecoder();

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function deno(
  args: string[],
  cwd: string = ROOT,
  env: Record<string, string> = {},
): Promise<Result> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * stderr without Deno's own `Download <url>` lines: with an empty DENO_DIR the
 * first runs fetch npm packages, which says nothing about the program.
 */
function programStderr(stderr: string): string {
  return stderr.split("\n").filter((line) => !/^Download https?:\/\//.test(line)).join("\n");
}

/** Every file under `dir`: relative path → mode and content. */
async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (path: string) => {
    for await (const entry of Deno.readDir(path)) {
      const full = join(path, entry.name);
      if (entry.isDirectory) await walk(full);
      else {
        const info = await Deno.stat(full);
        const mode = ((info.mode ?? 0) & 0o777).toString(8);
        files.set(relative(dir, full), `${mode}\n${dec.decode(await Deno.readFile(full))}`);
      }
    }
  };
  await walk(dir);
  return files;
}

/** Every combination the flags can express, from the question data. */
function flagCombinations(): string[][] {
  let combos: string[][] = [[]];
  for (const q of SELECT_QUESTIONS) {
    combos = combos.flatMap((c) => q.choices.map((choice) => [...c, q.flag, choice.value]));
  }
  for (const q of FEATURE_QUESTIONS) {
    combos = combos.flatMap((c) => [[...c, q.flag], [...c, `--no-${q.flag.slice(2)}`]]);
  }
  return combos;
}

async function pool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

Deno.test("distribution: the bundle generates byte-identical projects to the checkout", async () => {
  const bundle = await buildBundle();
  // The compiled templates are copied beside the chunks as written, their parentheses kept.
  assertEquals(
    await Deno.readTextFile(join(dirname(bundle), COMPILED_TEMPLATES)),
    await Deno.readTextFile(join(ROOT, "src", "render", COMPILED_TEMPLATES)),
  );
  const combos = [...flagCombinations(), ["--module", "bookings"]];
  const outcomes = await pool(combos, 6, async (flags) => {
    const args = ["new", "svc", "--yes", "--no-env", "--no-git", ...flags];
    const [checkoutDir, bundleDir] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
    const [checkout, bundled] = await Promise.all([
      deno(["run", "-A", MAIN, ...args], checkoutDir),
      deno(["run", "-A", bundle, ...args], bundleDir),
    ]);
    const label = args.join(" ");
    assertEquals(bundled.code, checkout.code, `${label}\n${checkout.stderr}\n${bundled.stderr}`);
    assertEquals(programStderr(bundled.stderr), programStderr(checkout.stderr), label);
    if (checkout.code !== 0) return false;
    const [a, b] = [
      await snapshotTree(join(checkoutDir, "svc")),
      await snapshotTree(join(bundleDir, "svc")),
    ];
    assertEquals([...b.keys()].sort(), [...a.keys()].sort(), label);
    for (const [path, content] of a) assert(b.get(path) === content, `${label}: ${path} differs`);
    await Promise.all([checkoutDir, bundleDir].map((d) => Deno.remove(d, { recursive: true })));
    return true;
  });
  const generated = outcomes.filter(Boolean).length;
  console.log(`compared ${generated} generated projects (${combos.length} flag combinations)`);
  // The defaults always generate: `--yes` alone is the first thing the README shows.
  const defaults = [
    ...SELECT_QUESTIONS.flatMap((q) => [q.flag, q.default]),
    ...FEATURE_QUESTIONS.map((q) => q.default ? q.flag : `--no-${q.flag.slice(2)}`),
  ];
  const i = combos.findIndex((c) => c.join(" ") === defaults.join(" "));
  assert(i >= 0 && outcomes[i], `the default combination ${defaults.join(" ")} did not generate`);
});

Deno.test("distribution: the bundle's start reads only the chunks it imports statically", async () => {
  const bundle = await buildBundle();
  const info = await deno(["info", "--json", bundle], dirname(bundle));
  assertEquals(info.code, 0, info.stderr);
  const graph: { modules: { specifier: string }[] } = JSON.parse(info.stdout);
  const read = graph.modules.map((m) => m.specifier.slice(m.specifier.lastIndexOf("/") + 1));
  // What main.js imports statically, and nothing a command or a prompt needs (their chunks
  // are loaded when reached: tools/bundle.ts's loadedOnDemand).
  const main = await Deno.readTextFile(bundle);
  const statically = [...main.matchAll(/^import\b[^;(]*?"\.\/([^"]+)"/gm)].map((m) => m[1]);
  assertEquals(read.sort(), ["main.js", ...statically].sort());
  assert(main.includes('import(String("./'), "main.js loads its commands on demand");
});

Deno.test("distribution: the bundle's imports of its own chunks are loaded on demand", () => {
  assertEquals(
    loadedOnDemand('const a = await import("./help-X1.js"); const b = import( "./c.js" );'),
    'const a = await import(String("./help-X1.js")); const b = import(String("./c.js"));',
  );
  const kept = 'import "./d.js"; const n = await import("npm:pkg@1");';
  assertEquals(loadedOnDemand(kept), kept);
});

Deno.test("distribution: --version comes from deno.json alone (checkout, bundle, a copy)", async () => {
  const checkout = await deno(["run", "-A", MAIN, "--version"]);
  assertEquals(checkout.stdout.trim(), denoJson.version);
  const bundle = await buildBundle();
  const bundled = await deno(["run", "-A", bundle, "-V"], await Deno.makeTempDir());
  assertEquals(bundled.stdout.trim(), denoJson.version);
  // Change the version in deno.json of a copy: the CLI follows it.
  const copy = await Deno.makeTempDir();
  await Deno.copyFile(MAIN, join(copy, "main.ts"));
  await Deno.copyFile(join(ROOT, "deno.lock"), join(copy, "deno.lock"));
  await new Deno.Command("cp", { args: ["-R", join(ROOT, "src"), copy] }).output();
  await Deno.writeTextFile(
    join(copy, "deno.json"),
    JSON.stringify({ ...denoJson, version: "9.8.7-test" }, null, 2),
  );
  const moved = await deno(["run", "-A", "--cached-only", "main.ts", "--version"], copy);
  assertEquals(moved.stdout.trim(), "9.8.7-test", moved.stderr);
});

Deno.test("distribution: the JSR package passes `deno publish --dry-run` without a warning", async () => {
  const dir = await buildJsrPackage();
  const r = await deno(["publish", "--dry-run", "--allow-dirty"], dir);
  const out = r.stdout + r.stderr;
  assertEquals(r.code, 0, out);
  assertMatch(out, /Dry run complete/);
  // Slow types, a JavaScript entry without declarations, an import Deno cannot read ahead.
  assert(!/warning/i.test(out), out);
  // It publishes the bundle's modules and its own four files, nothing of the source.
  const listed = [...out.matchAll(/file:\/\/(\S+)/g)].map((m) => relative(dir, m[1])).sort();
  const files = [];
  for await (const entry of Deno.readDir(dir)) files.push(entry.name);
  assertEquals(listed, files.sort());
  const own = ["LICENSE", "README.md", "deno.json", "main.d.ts"];
  assertEquals(files.filter((f) => !f.endsWith(".js")).sort(), own);
  assertEquals(JSON.parse(await Deno.readTextFile(join(dir, "deno.json"))), {
    name: JSR_NAME,
    version: denoJson.version,
    license: denoJson.license,
    exports: "./main.js",
  });
  // Deno knows the whole program from its entry: the first run downloads every module, so a
  // command run later needs no network (tools/bundle.ts).
  const info = await deno(["info", "--json", join(dir, "main.js")], dir);
  assertEquals(info.code, 0, info.stderr);
  const graph: { modules: { specifier: string }[] } = JSON.parse(info.stdout);
  const inGraph = graph.modules.map((m) => m.specifier.slice(m.specifier.lastIndexOf("/") + 1))
    .filter((name) => name.endsWith(".js"));
  assertEquals(inGraph.sort(), files.filter((f) => f.endsWith(".js")).sort());
});

Deno.test("distribution: the JSR package's entry declares its types; the templates lose theirs", () => {
  const compiled =
    '// @ts-self-types="./_compiled.d.ts"\n// Generated\nexport const COMPILED = {};\n';
  assertEquals(forJsr(COMPILED_TEMPLATES, compiled), "// Generated\nexport const COMPILED = {};\n");
  assertEquals(
    forJsr("main.js", "import './a.js';\n"),
    "// @ts-self-types=\"./main.d.ts\"\nimport './a.js';\n",
  );
  assertEquals(forJsr("chunk-A.js", "export const a = 1;\n"), "export const a = 1;\n");
  // The comment's form is tools/embed_templates.ts's: a change there must not go unnoticed.
  assertThrows(() => forJsr(COMPILED_TEMPLATES, "export const COMPILED = {};\n"));
});

Deno.test("distribution: the checkout is not a package: `deno publish` there stops", async () => {
  const r = await deno(["publish", "--dry-run", "--allow-dirty"]);
  assert(r.code !== 0, r.stdout);
  assertMatch(r.stderr, /Missing 'name' field/);
});

Deno.test({
  name:
    "distribution: the JSR package, served: generates as the checkout; run or installed, then offline",
  async fn() {
    const dir = await buildJsrPackage();
    const denoDir = await Deno.makeTempDir({ prefix: "pyscaffold-deno-dir-" });
    // `deno install` of the package, into a root and a DENO_DIR of its own (the README's way).
    const [installRoot, installDenoDir] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
    const [servedDir, checkoutDir] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
    // What jsr.io does for this package: its files, as they are, over HTTP.
    const server = servePackage(dir);
    const url = server.url("main.js");
    const served = (args: string[], cwd: string, flags: string[] = []) =>
      deno(["run", "-A", ...flags, url, ...args], cwd, { DENO_DIR: denoDir });
    const same = async (label: string) => {
      const [a, b] = [
        await snapshotTree(join(checkoutDir, "svc")),
        await snapshotTree(join(servedDir, "svc")),
      ];
      assertEquals([...b.keys()].sort(), [...a.keys()].sort(), label);
      for (const [path, content] of a) assert(b.get(path) === content, `${label}: ${path} differs`);
    };
    try {
      const make = ["new", "svc", "--yes", "--no-git", "--no-env"];
      const [first, checkout] = await Promise.all([
        served(make, servedDir),
        deno(["run", "-A", MAIN, ...make], checkoutDir),
      ]);
      assertEquals(first.code, 0, first.stderr);
      assertEquals(checkout.code, 0, checkout.stderr);
      assertEquals(first.stdout, checkout.stdout);
      await same("new");
      const install = ["install", "-g", "-A", "-n", "pyscaffold", "--root", installRoot, url];
      const installed = await deno(install, installRoot, { DENO_DIR: installDenoDir });
      assertEquals(installed.code, 0, installed.stderr);
      // The first run downloaded the whole program (from an empty DENO_DIR), and so did the
      // install: with the server gone (and, for the run, Deno told to use its cache only), a
      // command neither of them reached works.
      await server.shutdown();
      const shim = await new Deno.Command(join(installRoot, "bin", "pyscaffold"), {
        args: ["learn", "caching"],
        cwd: installRoot,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1", DENO_DIR: installDenoDir },
      }).output();
      assertEquals(shim.code, 0, dec.decode(shim.stderr));
      assertMatch(dec.decode(shim.stdout), /cach/i);
      const add = ["add", "booking", "--field", "guest:str(120):required", "--yes"];
      const [later, checkoutAdd] = await Promise.all([
        served(add, join(servedDir, "svc"), ["--cached-only"]),
        deno(["run", "-A", MAIN, ...add], join(checkoutDir, "svc")),
      ]);
      assertEquals(later.code, 0, later.stderr);
      assertEquals(checkoutAdd.code, 0, checkoutAdd.stderr);
      assert(!/Download/.test(later.stderr), later.stderr);
      await same("add");
    } finally {
      await server.shutdown();
      for (
        const d of [denoDir, installRoot, installDenoDir, servedDir, checkoutDir, dirname(dir)]
      ) {
        await Deno.remove(d, { recursive: true });
      }
    }
  },
});

/** deno info's graph of main.ts. */
async function moduleGraph() {
  const r = await deno(["info", "--json", MAIN]);
  assertEquals(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    modules: {
      specifier: string;
      error?: string;
      dependencies?: { specifier: string; code?: { specifier: string }; isDynamic?: boolean }[];
    }[];
  };
}

Deno.test("distribution: `deno compile` sees every module (no remote, no computed imports)", async () => {
  const graph = await moduleGraph();
  for (const m of graph.modules) {
    assert(!m.error, `${m.specifier}: ${m.error}`);
    assertMatch(m.specifier, /^(file|npm|node):/, `${m.specifier} is not local, npm or node`);
  }
  // Source that a binary or a jsr: install could not resolve at run time.
  const walk = async (dir: string): Promise<string[]> => {
    const out: string[] = [];
    for await (const e of Deno.readDir(dir)) {
      const p = join(dir, e.name);
      if (e.isDirectory) out.push(...await walk(p));
      else if (p.endsWith(".ts")) out.push(p);
    }
    return out;
  };
  for (const path of await walk(join(ROOT, "src"))) {
    const text = await Deno.readTextFile(path);
    const where = relative(ROOT, path);
    assert(
      !/import\.meta\.(url|dirname|filename|resolve)/.test(text),
      `${where} locates files through import.meta: nothing may be read from the checkout`,
    );
    for (const m of text.matchAll(/\bimport\(\s*([^)]*)\)/g)) {
      assertMatch(m[1], /^["'][^"'`$]+["']$/, `${where}: import(${m[1]}) is not a literal`);
    }
  }
});

/** What loading these files of src/cli loads with them: their static imports, transitively. */
async function loadedWith(...files: string[]): Promise<Set<string>> {
  const graph = await moduleGraph();
  const bySpecifier = new Map(graph.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const stack = files.map((f) => `file://${join(ROOT, "src", "cli", f)}`);
  while (stack.length) {
    const specifier = stack.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const d of bySpecifier.get(specifier)?.dependencies ?? []) {
      if (d.code && !d.isDynamic) stack.push(d.code.specifier);
    }
  }
  return seen;
}

Deno.test("distribution: `--help` loads no prompt or completion library", async () => {
  // main.ts loads the command tree dynamically (after its --version shortcut): start there.
  const seen = await loadedWith("mod.ts");
  const eager = [...seen].filter((s) => /^npm:(@inquirer\/|@bomb\.sh\/tab)/.test(s));
  assertEquals(eager, [], "imported at start-up; import them dynamically where they are used");
  // Nor what only a command's action needs: templates, their engine, lessons, diffing, Markdown.
  const heavy = [...seen].filter((s) =>
    /^npm:(eta|diff|marked)@|\/src\/(render|learn|wizard|write|plan)\//.test(s)
  );
  assertEquals(heavy, [], "imported at start-up; import them in the command's action");
});

Deno.test("distribution: `new`, `add` and `remove` load no Node built-in (nor Node's layer)", async () => {
  // One `node:` module on these paths loads most of Deno's Node compatibility layer again, ~10
  // ms of `new` (docs/DECISIONS.md, "#15 the tool, fourth pass"): paths come from src/path.ts,
  // hashes and compression from src/digest.ts, which imports node:zlib only to read a store.
  const seen = await loadedWith(
    "fast_path.ts",
    "new_command.ts",
    "add_command.ts",
    "remove_command.ts",
  );
  assert(
    seen.has(`file://${join(ROOT, "src", "plan", "project_plan.ts")}`),
    "the walk missed the plan",
  );
  const node = [...seen].filter((s) => s.startsWith("node:"));
  assertEquals(node, [], "imported on the path of a command: use src/path.ts or src/digest.ts");
});

Deno.test("distribution: the bundle runs with an empty DENO_DIR and downloads nothing", async () => {
  const bundle = await buildBundle();
  const denoDir = await Deno.makeTempDir({ prefix: "pyscaffold-deno-dir-" });
  const cwd = await Deno.makeTempDir();
  try {
    for (
      const args of [
        ["--version"],
        ["new", "x", "--yes", "--no-git"],
        ["learn", "caching"],
      ]
    ) {
      const out = await deno(["run", "-A", bundle, ...args], cwd, { DENO_DIR: denoDir });
      const { stdout, stderr } = out;
      assertEquals(out.code, 0, `${args.join(" ")}: ${stderr}`);
      assert(!/Download/.test(stdout + stderr), `${args.join(" ")} downloaded:\n${stderr}`);
    }
  } finally {
    await Deno.remove(denoDir, { recursive: true });
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("distribution: `deno task install` from a checkout installs a working pyscaffold", async () => {
  const root = await Deno.makeTempDir({ prefix: "pyscaffold-install-" });
  try {
    // The README's command, as deno.json's task runs it, into a temporary root.
    const [, ...args] = denoJson.tasks.install.split(" ");
    const installed = await deno([...args.slice(0, -1), "--root", root, args.at(-1)!]);
    assertEquals(installed.code, 0, installed.stderr);
    const out = await new Deno.Command(join(root, "bin", "pyscaffold"), {
      args: ["--version"],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(dec.decode(out.stdout).trim(), denoJson.version, dec.decode(out.stderr));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("distribution: without its permissions pyscaffold says which, and no stack trace", async () => {
  // (--version needs no permission: it answers before anything is read, see main.ts)
  const r = await deno(["run", MAIN, "--help"]);
  assertEquals(r.code, 2, r.stderr);
  assertMatch(r.stderr, /needs --allow-read .*--allow-env/);
  assert(!/NotCapable|at file:/.test(r.stderr), r.stderr);
});

Deno.test("distribution: the bundle pins unbundled packages to their npm: specifier", () => {
  const imports = { "marked-terminal": "npm:marked-terminal@7.3.1" };
  assertEquals(
    pinUnbundled('const m = await import("marked-terminal");', imports, ["marked-terminal"]),
    'const m = await import("npm:marked-terminal@7.3.1");',
  );
  for (const code of ['import x from "marked-terminal";', 'import "marked-terminal";']) {
    let message = "";
    try {
      pinUnbundled(code, imports, ["marked-terminal"]);
    } catch (error) {
      message = (error as Error).message;
    }
    assertMatch(message, /imported statically/, code);
  }
});

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

Deno.test("distribution: the bundle's require of a Node built-in becomes a static import", () => {
  const helper = [
    'import { createRequire as __deno_internal_createRequire } from "node:module";',
    "var __require = __deno_internal_createRequire(import.meta.url);",
    "export { __require };",
  ].join("\n");
  const rewritten = withoutCreateRequire(helper, "chunk-A.js");
  assert(!rewritten.includes("node:module"), rewritten);
  assertMatch(rewritten, /var __require = \(id\) => \{ throw /);
  const user = 'var s = __require("node:stream"); var t = __require("tty"); var u = __require2();';
  assertEquals(
    withoutCreateRequire(user, "chunk-B.js"),
    'import __node_stream from "node:stream";\nimport __node_tty from "node:tty";\n' +
      "var s = __node_stream; var t = __node_tty; var u = __require2();",
  );
  assertMatch(
    thrown(() => withoutCreateRequire('__require("./data")', "c.js")),
    /not a Node built-in/,
  );
  assertMatch(thrown(() => withoutCreateRequire("__require(name)", "c.js")), /cannot be rewritten/);
});

Deno.test("distribution: the Node built-ins a bundle's start imports are found", () => {
  const chunks = new Map([
    ["main.js", 'import { V } from "./a.js";\nimport "./b.js";\nconst x = await import("./c.js");'],
    ["a.js", 'export const V = 1;\nimport { join } from "node:path";'],
    ["b.js", "export {};"],
    ["c.js", 'import fs from "node:fs";'],
  ]);
  // c.js is imported dynamically: only what a.js imports counts.
  assertEquals(builtinsAtStart(chunks, "main.js"), ["node:path"]);
  chunks.set("a.js", "export const V = 1;");
  assertEquals(builtinsAtStart(chunks, "main.js"), []);
});
