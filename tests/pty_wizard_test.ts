/**
 * The real CLI in a pseudo-terminal with a set window size, driven key by
 * key (arrows, Enter, Ctrl-C) by a small Python program using the standard
 * `pty` machinery. Needs python3 on PATH (CI has it).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { NOT_YET_SUPPORTED } from "../src/choices/project_spec.ts";
import { buildBundle } from "./_bundle.ts";
import { type PtyResult, runPty, type Step } from "./_pty.ts";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "..", "main.ts");

const KEY = {
  esc: "\x1b",
  up: "\x1b[A",
  down: "\x1b[B",
  enter: "\r",
  backspace: "\x7f",
  ctrlC: "\x03",
};

/** The CLI (`entry`, main.ts by default) run with `args` in a pty: runPty (tests/_pty.ts). */
async function runInPty(
  args: string[],
  cwd: string,
  steps: Step[],
  size = { rows: 40, cols: 80 },
  extraEnv: Record<string, string | undefined> = {},
  entry: string = MAIN,
): Promise<PtyResult> {
  return await runPty([Deno.execPath(), "run", "-A", entry, ...args], cwd, steps, {
    size,
    env: { TERM: "xterm-256color", ...extraEnv },
  });
}

/** Every file under `root`: relative path → mode and bytes. */
async function snapshot(root: string): Promise<Map<string, { mode: number; bytes: Uint8Array }>> {
  const files = new Map<string, { mode: number; bytes: Uint8Array }>();
  const walk = async (dir: string, prefix: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      const rel = prefix + entry.name;
      if (entry.isDirectory) await walk(path, rel + "/");
      else {
        const info = await Deno.stat(path);
        files.set(rel, { mode: (info.mode ?? 0) & 0o777, bytes: await Deno.readFile(path) });
      }
    }
  };
  await walk(root, "");
  return files;
}

async function isEmpty(dir: string): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return false;
  return true;
}

/** The whole wizard through `entry` (the checkout's main.ts or the bundle's main.js). */
async function wholeWizard(entry: string): Promise<void> {
  const tmp = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const byWizard = join(tmp, "wizard");
    const byFlags = join(tmp, "flags");
    await Deno.mkdir(byWizard);
    await Deno.mkdir(byFlags);
    const framework: Step[] = NOT_YET_SUPPORTED.has("quart")
      ? [
        // Quart is offered (it is in the question data) but refused for now; Flask is asked again.
        { expect: "Which web framework\\?", keys: [KEY.down, KEY.enter] },
        { expect: "not supported yet[\\s\\S]*Which web framework\\?", keys: [KEY.enter] },
      ]
      : [{ expect: "Which web framework\\?", keys: [KEY.enter] }];
    const result = await runInPty(
      ["new"],
      byWizard,
      [
        // validated as you type: a hint with a suggestion appears
        { expect: "Project name\\?", keys: [..."Shop"] },
        {
          expect: "must start with a lower-case letter \\(a-z\\) → shop",
          keys: Array(4).fill(KEY.backspace),
        },
        { expect: "Project name\\?", keys: [..."shop-api", KEY.enter] },
        // the trade-off table, wrapped to 80 columns
        { expect: "High concurrent connections", keys: [] },
        ...framework,
        // too narrow for a Why column: stacked, each reason under its requirement
        {
          expect: "Requires explicit schema prefixes\\s*\\n\\s+Oracle schemas are users",
          keys: [],
        },
        { expect: "Which database\\?", keys: [KEY.enter] },
        { expect: "costs[\\s\\S]*Add JWT authentication\\?", keys: [KEY.down, KEY.enter] },
        { expect: "Add Redis caching\\?", keys: [KEY.enter] },
        { expect: "Add Celery background tasks\\?", keys: [KEY.up, KEY.enter] },
        { expect: "first resource module\\?", keys: [..."books", KEY.enter] },
        // the preview, paged (40 rows): one more page, then q skips the rest of the tree
        { expect: "space: next page", keys: [" "] },
        { expect: "\\d+% · space: next page", keys: ["q"] },
        // view a file, then go back and change the cache answer, then write
        { expect: "What next\\?", keys: [KEY.down, KEY.enter] },
        { expect: "Which file\\?", keys: [..."README", KEY.enter] },
        // a long file is paged too: q skips the rest
        { expect: "README\\.md[\\s\\S]*q: skip the rest", keys: ["q"] },
        {
          expect: "more lines not shown[\\s\\S]*What next\\?",
          keys: [KEY.down, KEY.down, KEY.enter],
        },
        {
          expect: "Which answer\\?",
          keys: [KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter],
        },
        { expect: "Add Redis caching\\?", keys: [KEY.down, KEY.enter] },
        { expect: "q: skip the rest", keys: ["q"] },
        { expect: "What next\\?", keys: [KEY.enter] },
        // after writing: the three offers, declined here (the flags run declines them too)
        { expect: "Write \\.env from \\.env\\.example", keys: ["n", KEY.enter] },
        { expect: "Create a git repository", keys: ["n", KEY.enter] },
        { expect: "Install the dependencies", keys: ["n", KEY.enter] },
        { expect: "Next steps", keys: [] },
      ],
      undefined,
      {},
      entry,
    );
    assertEquals(result.failure, null, result.output);
    assertEquals(result.code, 0, result.output);
    const steps = ["cd shop-api", "make install", "cp -n .env.example .env", "make services"];
    for (const step of [...steps, "make migrate", "make test", "make run", "make worker"]) {
      assert(result.output.includes(step), `next step ${step} missing`);
    }

    const flags = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        MAIN,
        "new",
        "shop-api",
        "--framework",
        "flask",
        "--database",
        "postgresql",
        "--no-auth",
        "--no-cache",
        "--celery",
        "--module",
        "books",
        "--no-env",
        "--no-git",
        "--no-install",
      ],
      cwd: byFlags,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(flags.success, new TextDecoder().decode(flags.stderr));

    const wizardFiles = await snapshot(join(byWizard, "shop-api"));
    const flagFiles = await snapshot(join(byFlags, "shop-api"));
    assert(wizardFiles.size > 0);
    assertEquals([...wizardFiles.keys()].sort(), [...flagFiles.keys()].sort());
    for (const [path, file] of wizardFiles) {
      const other = flagFiles.get(path)!;
      assertEquals(file.mode, other.mode, `${path}: mode`);
      assertEquals(file.bytes, other.bytes, `${path}: content`);
    }
    assertEquals([...Deno.readDirSync(byWizard)].map((e) => e.name), ["shop-api"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

Deno.test("pty: the whole wizard, by arrow keys and Enter, writes what the flags write", async () => {
  await wholeWizard(MAIN);
});

// The bundle serves the prompts' Node built-ins from static imports (tools/bundle.ts): the
// same keys must give the same project through it.
Deno.test("pty: the bundle's wizard takes the same keys and writes the same project", async () => {
  await wholeWizard(await buildBundle());
});

Deno.test("pty: at 60, 80 and 120 columns every trade-off reason is on screen, every line fits", async () => {
  const { frameworkTradeoffs, databaseTradeoffs } = await import("../src/choices/tradeoffs.ts");
  for (const cols of [60, 80, 120]) {
    const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
    try {
      const result = await runInPty(["new", "svc"], cwd, [
        { expect: "Which web framework\\?", keys: [KEY.enter] },
        // on through the yes/no questions, whose explanations must fit too
        { expect: "Which database\\?", keys: [KEY.enter] },
        { expect: "Add JWT authentication\\?", keys: [KEY.enter] },
        { expect: "Add Redis caching\\?", keys: [KEY.enter] },
        { expect: "Add Celery background tasks\\?", keys: [KEY.enter] },
        { expect: "first resource module\\?", keys: [KEY.ctrlC] },
      ], { rows: 40, cols });
      assertEquals(result.failure, null, result.output);
      // A reason may wrap at any space: compare with the lines joined again.
      const flat = result.output.split(/\r?\n/).map((l) => l.trim()).join(" ");
      for (const row of [...frameworkTradeoffs.rows, ...databaseTradeoffs.rows]) {
        for (const word of row.detail.split(" ")) {
          assert(flat.includes(word), `${cols} columns: "${word}" of "${row.detail}" missing`);
        }
        if (cols < 120) {
          assert(flat.includes(row.detail), `${cols}: ${row.detail}\n${result.output}`);
        }
      }
      for (const line of result.output.split(/\r?\n/)) {
        assert(line.length <= cols, `${cols} columns: too wide: ${line}`);
      }
    } finally {
      await Deno.remove(cwd, { recursive: true });
    }
  }
});

Deno.test("pty: Escape goes back to the previous question, its answer highlighted", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const result = await runInPty(["new", "svc", "--no-install"], cwd, [
      { expect: "Which web framework\\?", keys: [KEY.down, KEY.enter] }, // Quart
      { expect: "Which database\\?", keys: [KEY.esc] },
      // the framework again, Quart highlighted: Enter keeps it
      { expect: "Which web framework\\?", keys: [KEY.enter] },
      { expect: "Which database\\?", keys: [KEY.enter] },
      { expect: "Add JWT authentication\\?", keys: [KEY.enter] },
      { expect: "Add Redis caching\\?", keys: [KEY.esc] },
      { expect: "Add JWT authentication\\?", keys: [KEY.ctrlC] },
    ]);
    assertEquals(result.failure, null, result.output);
    assertEquals(result.code, 130, result.output);
    assert(await isEmpty(cwd), "something was written");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("pty: Ctrl-C mid-way says so, exits 130 and writes nothing", async () => {
  const points: [string, Step[]][] = [
    ["at the database question", [
      { expect: "Project name\\?", keys: [..."svc", KEY.enter] },
      { expect: "Which web framework\\?", keys: [KEY.enter] },
      { expect: "Which database\\?", keys: [KEY.ctrlC] },
    ]],
    ["at the preview", [
      { expect: "Which database\\?", keys: [KEY.enter] },
      { expect: "JWT", keys: [KEY.enter] },
      { expect: "Redis", keys: [KEY.enter] },
      { expect: "Celery", keys: [KEY.enter] },
      { expect: "module\\?", keys: [KEY.enter] },
      { expect: "Who may read and change its rows\\?", keys: [KEY.enter] },
      // Ctrl-C in the preview's pager
      { expect: "space: next page", keys: [KEY.ctrlC] },
    ]],
  ];
  for (const [where, steps] of points) {
    const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
    try {
      const args = where === "at the preview"
        ? ["new", "svc", "--framework", "flask", "--save-answers", "answers.json"]
        : ["new"];
      const result = await runInPty(args, cwd, steps);
      assertEquals(result.failure, null, result.output);
      assertEquals(result.code, 130, `${where}: ${result.output}`);
      assertMatch(result.output, /Cancelled — nothing was written/);
      assert(await isEmpty(cwd), `${where}: something was written`);
    } finally {
      await Deno.remove(cwd, { recursive: true });
    }
  }
});

Deno.test("pty: Ctrl-C after the project is written says it is written, without the steps after it", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const answered = ["--framework", "flask", "--database", "postgresql", "--no-celery"];
    const result = await runInPty(["new", "svc", ...answered, "--no-git"], cwd, [
      { expect: "Add JWT", keys: [KEY.enter] },
      { expect: "Redis", keys: [KEY.enter] },
      { expect: "module\\?", keys: [KEY.enter] },
      { expect: "Who may read and change its rows\\?", keys: [KEY.enter] },
      { expect: "space: next page", keys: ["q"] },
      { expect: "What next\\?", keys: [KEY.enter] },
      { expect: "Write \\.env from \\.env\\.example", keys: [KEY.ctrlC] },
    ]);
    assertEquals(result.failure, null, result.output);
    assertEquals(result.code, 130, result.output);
    assertMatch(result.output, /Cancelled — svc is written, without the steps after it/);
    assert(!/nothing was written/.test(result.output), result.output);
    assert((await Deno.stat(join(cwd, "svc", "pyproject.toml"))).isFile);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("pty: no arguments opens the menu, whose first entry starts the wizard", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const result = await runInPty([], cwd, [
      { expect: "What would you like to do\\?", keys: [] },
      { expect: "Create a new project", keys: [KEY.enter] },
      { expect: "Project name\\?", keys: [KEY.ctrlC] },
    ], { rows: 30, cols: 120 });
    assertEquals(result.failure, null, result.output);
    assertEquals(result.code, 130, result.output);
    assert(await isEmpty(cwd));
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("pty: colours in a terminal, none with NO_COLOR", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const steps = (): Step[] => [
      { expect: "Project name\\?", keys: [KEY.enter] },
      { expect: "Which web framework\\?", keys: [KEY.ctrlC] },
    ];
    const size = { rows: 40, cols: 100 };
    const plain = await runInPty(["new"], cwd, steps(), size, { NO_COLOR: "1" });
    assertEquals(plain.failure, null, plain.output);
    assertEquals(plain.code, 130);
    assertEquals(plain.colored, false, "NO_COLOR=1 still coloured the output");
    const coloured = await runInPty(["new"], cwd, steps(), size, { NO_COLOR: undefined });
    assertEquals(coloured.failure, null, coloured.output);
    assertEquals(coloured.colored, true, "a terminal without NO_COLOR gets colours");
    assert(await isEmpty(cwd));
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("pty: rename without --field asks the field by arrow keys and its new name, refusing a taken one", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "pyscaffold-pty-" });
  try {
    const made = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "new", "svc", "--yes", "--no-git", "--no-env", "--no-install"],
      cwd: tmp,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert(made.success, new TextDecoder().decode(made.stderr));
    const cwd = join(tmp, "svc");
    const result = await runInPty(["rename", "items"], cwd, [
      // name, description, quantity: the third
      { expect: "Which field of items gets a new name\\?", keys: [KEY.down, KEY.down, KEY.enter] },
      { expect: "New name for quantity", keys: [..."name", KEY.enter] },
      {
        expect: 'field "name" has that name',
        keys: [..."\x7f\x7f\x7f\x7f", ..."amount", KEY.enter],
      },
      { expect: "Renamed in module items: quantity → amount", keys: [] },
    ], { rows: 40, cols: 120 });
    assertEquals(result.failure, null, result.output);
    assertEquals(result.code, 0, result.output);
    const record = JSON.parse(
      await Deno.readTextFile(join(cwd, ".pyscaffold", "modules", "items.json")),
    );
    assertEquals(record.fields.map((f: { name: string }) => f.name), [
      "name",
      "description",
      "amount",
    ]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("stdin from /dev/null: `new` with open questions fails at once naming the flags", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-null-" });
  try {
    const started = performance.now();
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "new", "svc"],
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const elapsed = performance.now() - started;
    const message = new TextDecoder().decode(stderr);
    assertEquals(code, 2, message);
    assert(elapsed < 15_000, `took ${elapsed} ms`);
    assertMatch(message, /stdin is not a terminal/);
    for (const flag of ["--framework", "--database", "--auth", "--module", "--yes"]) {
      assert(message.includes(flag), `${flag} not named: ${message}`);
    }
    assert(await isEmpty(cwd));

    const help = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN],
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(help.code, 0);
    assertMatch(new TextDecoder().decode(help.stdout), /Usage: pyscaffold/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
