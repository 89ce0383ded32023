/**
 * Shell completions as a user gets them: the bash script printed by
 * `pyscaffold completions bash` is sourced in a real bash (with bash-completion),
 * the shell's COMP_WORDS / COMP_CWORD are set as if Tab was pressed, and COMPREPLY
 * is read back. The expected values come from the question data, not from a copy.
 */
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { DATABASES, FRAMEWORKS } from "../src/choices/questions.ts";
import { FEATURE_QUESTIONS, PROJECT_QUESTIONS } from "../src/choices/features/mod.ts";
import { buildProgram } from "../src/cli/mod.ts";
import { join } from "node:path";
import { writeMinimalProject } from "./_minimal_project.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const BASH_COMPLETION = "/usr/share/bash-completion/bash_completion";

async function run(cmd: string, args: string[], stdin?: string, cwd?: string) {
  const child = new Deno.Command(cmd, {
    args,
    cwd,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Presses Tab after `line` in bash: every word of `line` is complete except the last,
 * which is the word being completed ("" after a trailing space). Returns COMPREPLY.
 */
async function bashComplete(line: string, cwd?: string): Promise<string[]> {
  const words = line.split(" ");
  const script = [
    "set -u",
    `source ${BASH_COMPLETION}`,
    // The completion script calls `pyscaffold`; here it is the checkout.
    `pyscaffold() { ${quote(Deno.execPath())} run -A ${quote(MAIN)} "$@"; }`,
    "source <(pyscaffold completions bash)",
    // Outside a completion the builtin refuses; here it records what the script asks for.
    'compopt() { [[ "$*" == *"-o nospace"* ]] && NOSPACE=1; return 0; }',
    `COMP_LINE=${quote(line)}`,
    "COMP_POINT=${#COMP_LINE}",
    `COMP_WORDS=(${words.map(quote).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "COMPREPLY=()",
    "__pyscaffold_complete 2>/dev/null",
    'printf "%s\\n" "${COMPREPLY[@]}"',
    // A `rename --field` candidate (`note=`) is the start of a word: no space after it.
    '[[ -n "${NOSPACE:-}" ]] && echo "(nospace)"',
    "true",
  ].join("\n");
  const r = await run("bash", ["--norc", "--noprofile"], script, cwd);
  assertEquals(r.code, 0, r.stderr);
  return r.stdout.split("\n").filter((s) => s !== "").sort();
}

Deno.test("completions: bash-completion is installed (the bash test needs it)", async () => {
  const info = await Deno.stat(BASH_COMPLETION).catch(() => null);
  assert(
    info?.isFile,
    `${BASH_COMPLETION} is missing: install the bash-completion package (apt-get install bash-completion)`,
  );
});

Deno.test("completions: bash completes subcommands", async () => {
  const program = buildProgram();
  const visible = program.createHelp().visibleCommands(program).map((c) => c.name()).sort();
  assert(visible.includes("new") && visible.includes("completions"), visible.join(" "));
  assertEquals(await bashComplete("pyscaffold "), visible);
  assertEquals(await bashComplete("pyscaffold n"), visible.filter((name) => name.startsWith("n")));
  assertEquals(await bashComplete("pyscaffold comp"), ["completions"], "`complete` is hidden");
});

Deno.test("completions: bash completes the values of --framework and --database", async () => {
  assertEquals(await bashComplete("pyscaffold new my-api --framework "), [...FRAMEWORKS].sort());
  assertEquals(await bashComplete("pyscaffold new --database "), [...DATABASES].sort());
  assertEquals(await bashComplete("pyscaffold new --database p"), ["postgresql"]);
});

Deno.test("completions: bash completes every flag of new, --no-* included", async () => {
  const flags = await bashComplete("pyscaffold new --");
  for (const q of PROJECT_QUESTIONS) {
    assert(flags.includes(q.flag), `${q.flag} missing from ${flags.join(" ")}`);
    if (q.kind === "confirm") {
      assert(flags.includes(`--no-${q.flag.slice(2)}`), `--no-${q.flag.slice(2)} missing`);
    }
  }
  for (const flag of ["--yes", "--dry-run", "--json", "--help"]) {
    assert(flags.includes(flag), `${flag} missing from ${flags.join(" ")}`);
  }
  assertEquals(await bashComplete("pyscaffold new --no-c"), ["--no-cache", "--no-celery"]);
  // After a boolean flag, the next word is a subcommand position again, not a flag value.
  assertEquals(await bashComplete("pyscaffold new --yes --framework q"), ["quart"]);
});

Deno.test("completions: bash completes the shells of `completions`", async () => {
  assertEquals(await bashComplete("pyscaffold completions "), [
    "bash",
    "fish",
    "powershell",
    "zsh",
  ]);
});

Deno.test("completions: without pyscaffold to run, the first Tab says so on stderr, once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-completion-" });
  try {
    const made = await run(Deno.execPath(), ["run", "-A", MAIN, "completions", "bash"]);
    assertEquals(made.code, 0, made.stderr);
    await Deno.writeTextFile(join(dir, "pyscaffold.bash"), made.stdout);
    const tab = [
      'COMP_LINE="pyscaffold ne"',
      "COMP_POINT=${#COMP_LINE}",
      "COMP_WORDS=(pyscaffold ne)",
      "COMP_CWORD=1",
      "COMPREPLY=()",
      "__pyscaffold_complete",
      'echo "replies: ${#COMPREPLY[@]}"',
    ];
    const script = [
      "set -u",
      `source ${BASH_COMPLETION}`,
      `source ${quote(join(dir, "pyscaffold.bash"))}`,
      ...tab,
      ...tab,
    ].join("\n");
    // A PATH with bash's own tools and no pyscaffold (the checkout is not installed here).
    const child = await new Deno.Command("bash", {
      args: ["--norc", "--noprofile"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: { PATH: "/usr/bin:/bin" },
      clearEnv: true,
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(script));
    await writer.close();
    const out = await child.output();
    const [stdout, stderr] = [out.stdout, out.stderr].map((b) => new TextDecoder().decode(b));
    assertEquals(stdout, "replies: 0\nreplies: 0\n");
    const said = stderr.split("no pyscaffold command found on PATH").length - 1;
    assertEquals(said, 1, stderr);
    assertMatch(stderr, /Install it \(from a checkout: deno task install\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  // Every shell's script checks before it asks.
  for (const shell of ["zsh", "fish", "powershell"]) {
    const r = await run(Deno.execPath(), ["run", "-A", MAIN, "completions", shell]);
    assertEquals(r.code, 0, r.stderr);
    const check = r.stdout.indexOf("no pyscaffold command found on PATH");
    // The request itself: `"pyscaffold complete` (zsh), `(pyscaffold complete` (fish), `& ...`.
    assert(check > 0 && check < r.stdout.search(/(["(]|& )pyscaffold complete/), shell);
  }
});

Deno.test("completions: zsh and fish scripts call back into pyscaffold", async () => {
  for (const shell of ["zsh", "fish"]) {
    const r = await run(Deno.execPath(), ["run", "-A", MAIN, "completions", shell]);
    assertEquals(r.code, 0, r.stderr);
    assertMatch(r.stdout, /pyscaffold complete --/, `${shell} script`);
  }
  const bad = await run(Deno.execPath(), ["run", "-A", MAIN, "completions", "tcsh"]);
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /bash, zsh, fish/);
});

Deno.test("completions: bash completes after --framework= and the names of lessons", async () => {
  assertEquals(await bashComplete("pyscaffold new --framework="), [
    "--framework=flask",
    "--framework=quart",
  ]);
  assertEquals(await bashComplete("pyscaffold new --database=o"), ["--database=oracle"]);
  const { LESSONS } = await import("../src/learn/mod.ts");
  assertEquals(await bashComplete("pyscaffold learn "), LESSONS.map((l) => l.id).sort());
  assertEquals(await bashComplete("pyscaffold learn cach"), ["caching"]);
});

Deno.test("completions: bash runs nothing written on the line ($(...) is a word, not a command)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-completion-" });
  const marker = `${dir}/ran`;
  try {
    // As @bomb.sh/tab writes the script, the words go unquoted into an eval: this ran `touch`.
    const flags = await bashComplete(`pyscaffold new $(touch\${IFS}${marker}) --fr`);
    assertEquals(flags, ["--framework"]);
    const ran = await Deno.stat(marker).then(() => true, () => false);
    assert(!ran, "pressing Tab ran the command substitution typed on the line");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("completions: in a project, the modules of add, remove, rename and learn --module; a module's fields", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-completion-" });
  try {
    await writeMinimalProject(dir);
    const { runAdd } = await import("../src/cli/add_command.ts");
    const { ScriptedPrompter } = await import("../src/wizard/scripted_prompter.ts");
    await runAdd("booking", {
      interactive: false,
      prompter: new ScriptedPrompter([]), // its output
      cwd: dir,
      field: ["guest:ref:items:optional"],
    });
    const inside = join(dir, "src"); // anywhere inside the project, as the commands find it
    for (const command of ["add", "remove", "rename"]) {
      assertEquals(await bashComplete(`pyscaffold ${command} `, inside), ["booking", "items"]);
    }
    assertEquals(await bashComplete("pyscaffold remove b", dir), ["booking"]);
    assertEquals(await bashComplete("pyscaffold learn --module ", dir), ["booking", "items"]);
    // `learn <lesson>` stays the lessons; `new --module` names a module of a new project.
    assert(!(await bashComplete("pyscaffold learn ", dir)).includes("items"));
    assertEquals(await bashComplete("pyscaffold new --module ", dir), []);
    // The fields of the module typed, by name; rename's end in "=" (the new name follows).
    const fields = ["description", "name", "quantity"];
    assertEquals(await bashComplete("pyscaffold remove items --field ", dir), fields);
    assertEquals(
      await bashComplete("pyscaffold remove items -f name -f ", dir),
      [
        "description",
        "quantity",
      ],
    );
    assertEquals(await bashComplete("pyscaffold remove --yes booking -f ", dir), ["guest"]);
    assertEquals(await bashComplete("pyscaffold rename Items -f q", dir), [
      "(nospace)",
      "quantity=",
    ]);
    assertEquals(await bashComplete("pyscaffold rename items --field=q", dir), [
      "(nospace)",
      "--field=quantity=",
    ]);
    assertEquals(await bashComplete("pyscaffold remove nothing --field ", dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("completions: update --set offers, in a project, only the values that change something", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-completion-" });
  try {
    const every = FEATURE_QUESTIONS.flatMap((q) => [`${q.id}=false`, `${q.id}=true`]).sort();
    // Outside a project: every value.
    assertEquals(await bashComplete("pyscaffold update --set ", dir), every);
    await writeMinimalProject(dir); // auth and cache on, celery off; items under owner
    // A module's other access policies follow the features.
    const policies = [
      "items.access=admin",
      "items.access=authenticated",
      "items.access=public-read",
    ];
    assertEquals(await bashComplete("pyscaffold update --set ", dir), [
      "auth=false",
      "cache=false",
      "celery=true",
      ...policies,
    ]);
    assertEquals(await bashComplete("pyscaffold update --set items.", dir), policies);
    assertEquals(
      await bashComplete("pyscaffold update --set items.access=admin --set i", dir),
      [],
      "a module's policy given on the line is not offered again",
    );
    assertEquals(await bashComplete("pyscaffold update -s c", join(dir, "src")), [
      "cache=false",
      "celery=true",
    ]);
    // A feature already switched on the line is not offered again.
    assertEquals(await bashComplete("pyscaffold update --set cache=false --set ", dir), [
      "auth=false",
      "celery=true",
      ...policies,
    ]);
    assertEquals(await bashComplete("pyscaffold update --set=ce", dir), ["--set=celery=true"]);
    // A project made before 64-bit ids (its answers file records none) is offered them, once.
    const answers = join(dir, ".pyscaffold.json");
    const { ids: _ids, ...older } = JSON.parse(await Deno.readTextFile(answers));
    await Deno.writeTextFile(answers, JSON.stringify(older, null, 2) + "\n");
    assertEquals(await bashComplete("pyscaffold update --set i", dir), [
      "ids=bigint",
      ...policies,
    ]);
    assertEquals(await bashComplete("pyscaffold update --set ids=bigint --set i", dir), policies);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("completions: outside a project, or in a damaged one, no names and nothing on stderr", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-completion-" });
  try {
    const lines = ["remove ''", "rename items --field ''", "add ''", "learn --module ''"];
    const check = async () => {
      for (const line of lines) {
        const words = line.split(" ").map((w) => w === "''" ? "" : w);
        const r = await run(
          Deno.execPath(),
          ["run", "-A", MAIN, "complete", "--", ...words],
          undefined,
          dir,
        );
        assertEquals([r.code, r.stdout, r.stderr], [0, ":4\n", ""], line);
      }
    };
    await check();
    await Deno.writeTextFile(join(dir, ".pyscaffold.json"), "{ not json");
    await check();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
