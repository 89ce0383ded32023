/**
 * The help printed without commander (src/cli/help.ts) is commander's own, for the program
 * and for every command: the record equals what commander prints now, and the CLI prints
 * the same text through the fast path (`<command> --help`) as through commander
 * (`help <command>`).
 */
import { assert, assertEquals } from "./_assert.ts";
import { cli } from "./_cli.ts";
import { HELP } from "../src/cli/_help.gen.ts";
import { recordedHelp } from "../src/cli/help.ts";
import { buildProgram } from "../src/cli/program.ts";
import { HELP_WIDTH } from "../src/cli/help_width.ts";
import { helpTexts } from "../tools/embed_help.ts";

const COMMANDS = buildProgram(HELP_WIDTH).commands.map((c) => c.name());

Deno.test("help: the record holds the program and every command", () => {
  assertEquals(Object.keys(HELP).sort(), ["", ...COMMANDS].sort());
});

Deno.test("help: the record equals commander's help for every command (deno task templates)", () => {
  const now = helpTexts();
  for (const name of ["", ...COMMANDS]) {
    assertEquals(HELP[name], now[name], `help of "${name}" is stale: run \`deno task templates\``);
  }
});

Deno.test("help: every line fits the help's width, examples included (commander wraps only its own)", () => {
  for (const name of ["", ...COMMANDS]) {
    const long = HELP[name].split("\n").filter((line) => line.length > HELP_WIDTH);
    assertEquals(long, [], `help of "${name}"`);
  }
});

Deno.test("help: only the plain spellings take the recorded help", () => {
  assertEquals(recordedHelp(["--help"]), HELP[""]);
  assertEquals(recordedHelp(["-h"]), HELP[""]);
  assertEquals(recordedHelp(["add", "-h"]), HELP["add"]);
  assertEquals(recordedHelp([]), HELP[""]); // tests run outside a terminal
  for (
    const args of [
      ["help"],
      ["help", "new"],
      ["new", "x", "--help"],
      ["--help", "new"],
      ["nope", "--help"],
      ["", "--help"],
      ["--version"],
      ["new", "--help", "x"],
    ]
  ) {
    assertEquals(recordedHelp(args), undefined, args.join(" "));
  }
});

Deno.test("help: the CLI prints the same help with and without commander", async () => {
  for (const name of ["", ...COMMANDS]) {
    const fast = await cli(name ? [name, "--help"] : ["--help"]);
    const commander = await cli(name ? ["help", name] : ["help"]);
    assertEquals(fast.code, 0, fast.stderr);
    assertEquals(commander.code, 0, commander.stderr);
    assertEquals(fast.stdout, HELP[name], `${name} --help`);
    assertEquals(commander.stdout, fast.stdout, `help ${name}`);
    assert(fast.stdout.startsWith("Usage: pyscaffold"), fast.stdout);
  }
});

Deno.test("help: the recorded help loads no npm package (commander stays unloaded)", async () => {
  const help = new URL("../src/cli/help.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", help],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string }[];
    npmPackages?: Record<string, unknown>;
  };
  const outside = graph.modules.map((m) => m.specifier).filter((s) => !s.startsWith("file:"));
  assertEquals(outside, [], "help.ts must print the record without loading a library");
});
