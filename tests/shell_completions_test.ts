/**
 * The zsh and fish completion scripts in the shells themselves (bash's are in
 * completions_test.ts): fish answers `complete -C` without a terminal; zsh completes only in its
 * line editor, so it runs interactive in a pty (tests/_pty.ts) and a Tab is typed. The scripts
 * call `pyscaffold`, here a function that runs the checkout. Both shells are Debian packages that
 * CI installs (.ci/run); a missing one fails its test rather than skipping it. PowerShell is not
 * run anywhere here (completions_test.ts checks its script's text).
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { MAIN } from "./_cli.ts";
import { runPty } from "./_pty.ts";
import { writeMinimalProject } from "./_minimal_project.ts";

const MISSING = "no pyscaffold command found on PATH";

/** A single-quoted word for zsh and fish alike (neither expands inside). */
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

async function onPath(shell: string): Promise<boolean> {
  const r = await new Deno.Command("sh", { args: ["-c", `command -v ${shell}`], stdout: "null" })
    .output();
  return r.success;
}

async function script(shell: "zsh" | "fish", dir: string): Promise<string> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "completions", shell],
    stdout: "piped",
  }).output();
  assert(r.success, `completions ${shell}`);
  const path = join(dir, `pyscaffold.${shell}`);
  await Deno.writeFile(path, r.stdout);
  return path;
}

/** `fn` in a temporary directory holding `shell`'s completion script (its path: `source`). */
async function withScript(
  shell: "zsh" | "fish",
  fn: (dir: string, source: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: `pyscaffold-${shell}-` });
  try {
    await fn(dir, await script(shell, dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** fish's candidates for `line` (each `value\tdescription`), by `complete -C`. */
async function fishComplete(
  line: string,
  cwd: string,
  source: string,
  env: Record<string, string> = {},
): Promise<{ candidates: string[]; stderr: string }> {
  const commands = [
    ...env.PATH
      ? []
      : [`function pyscaffold; ${quote(Deno.execPath())} run -A ${quote(MAIN)} $argv; end`],
    `source ${quote(source)}`,
    `complete -C ${quote(line)}`,
    `complete -C ${quote(line)}`,
  ];
  const r = await new Deno.Command("fish", {
    args: ["--no-config", "-c", commands.join("\n")],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env,
  }).output();
  const [stdout, stderr] = [r.stdout, r.stderr].map((b) => new TextDecoder().decode(b));
  assert(r.success, stderr);
  // Each request printed twice (the second asks again): the first half is one answer.
  const lines = stdout.split("\n").filter((l) => l !== "");
  return { candidates: lines.slice(0, lines.length / 2).map((l) => l.split("\t")[0]), stderr };
}

Deno.test("shells: zsh and fish are installed (their completion tests need them)", async () => {
  for (const shell of ["zsh", "fish"]) {
    assert(await onPath(shell), `${shell} is missing: apt-get install ${shell}`);
  }
});

Deno.test("fish: commands, option values and a project's modules, from pyscaffold", async () => {
  await withScript("fish", async (dir, source) => {
    assertEquals((await fishComplete("pyscaffold ne", dir, source)).candidates, ["new"]);
    assertEquals(
      (await fishComplete("pyscaffold new --framework ", dir, source)).candidates,
      ["flask", "quart"],
    );
    const project = join(dir, "p");
    await Deno.mkdir(project);
    await writeMinimalProject(project); // auth on; items under owner
    assertEquals((await fishComplete("pyscaffold remove ", project, source)).candidates, [
      "items",
    ]);
    const set = (await fishComplete("pyscaffold update --set items.", project, source)).candidates;
    // fish sorts them.
    assertEquals(set, [
      "items.access=admin",
      "items.access=authenticated",
      "items.access=public-read",
    ]);
  });
});

Deno.test("fish: without pyscaffold on PATH, the first completion says so on stderr, once", async () => {
  await withScript("fish", async (dir, source) => {
    const { candidates, stderr } = await fishComplete("pyscaffold ne", dir, source, {
      PATH: "/usr/bin:/bin",
      HOME: dir,
    });
    assertEquals(candidates, []);
    assertEquals(stderr.split(MISSING).length - 1, 1, stderr);
    assertMatch(stderr, /Install it \(from a checkout: deno task install\)/);
  });
});

/**
 * An interactive zsh in a pty: compinit, the script, then `line` and a Tab; once `shown` (a
 * regular expression) is on the screen, the line as it then is.
 */
async function zshTab(line: string, shown: string, dir: string, source: string, onPathToo = true) {
  const steps = [
    { expect: "", keys: ["autoload -U compinit; compinit -u; echo ready-$((1+1))\r"] },
    {
      expect: "ready-2",
      keys: [
        ...onPathToo
          ? [`pyscaffold() { ${quote(Deno.execPath())} run -A ${quote(MAIN)} "$@" }; `]
          : [],
        `source ${quote(source)}; echo sourced-$((2+1))\r`,
      ].join("").split(/(?<=; )/),
    },
    { expect: "sourced-3", keys: [line, "\t"] },
    // The completion's answer, on the line: read back through echo (Ctrl-A to the line's start).
    { expect: shown, keys: ["\x01", "echo LINE=", "\r"] },
    { expect: "\nLINE=", keys: ["exit\r"] },
  ];
  const r = await runPty(["zsh", "-f", "-i"], dir, steps, {
    env: onPathToo ? { TERM: "xterm" } : { TERM: "xterm", PATH: "/usr/bin:/bin" },
    timeout: 45,
  });
  assertEquals(r.failure, null, r.output);
  const answer = /\nLINE=([^\r\n]*)/.exec(r.output)?.[1] ?? "";
  return { line: answer.trim(), output: r.output };
}

Deno.test("zsh: a Tab completes commands and option values from pyscaffold", async () => {
  await withScript("zsh", async (dir, source) => {
    assertEquals(
      (await zshTab("pyscaffold ne", "pyscaffold new", dir, source)).line,
      "pyscaffold new",
    );
    assertEquals(
      (await zshTab("pyscaffold new --framework q", "quart", dir, source)).line,
      "pyscaffold new --framework quart",
    );
  });
});

Deno.test("zsh: without pyscaffold on PATH, a Tab says so on stderr", async () => {
  await withScript("zsh", async (dir, source) => {
    const { line, output } = await zshTab("pyscaffold ne", MISSING, dir, source, false);
    assertEquals(line, "pyscaffold ne", "nothing completed");
    assertEquals(output.split(MISSING).length - 1, 1, output);
  });
});
