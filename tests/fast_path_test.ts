/**
 * `new`, `add`, `remove` and `rename` without commander (src/cli/fast_path.ts) are the same with commander: the fast path's
 * parse equals commander's for each command line it takes, it leaves every other command
 * line to commander, and the CLI prints, writes and exits the same through either path.
 */
import { join } from "node:path";
import { assert, assertEquals } from "./_assert.ts";
import { cli, cliOf, type CliResult } from "./_cli.ts";
import { fastParse } from "../src/cli/fast_path.ts";
import { buildProgram } from "../src/cli/program.ts";

/** Commander's parse of `argv`: the action's arguments and options, without running it. */
async function commanderParse(argv: string[]) {
  const program = buildProgram();
  let parsed: { command: string; args: string[]; options: Record<string, unknown> } | undefined;
  for (const command of program.commands) {
    command.action((...values: unknown[]) => {
      const options = values[command.registeredArguments.length] as Record<string, unknown>;
      const args = values.slice(0, command.registeredArguments.length)
        .filter((v) => v !== undefined) as string[];
      parsed = { command: command.name(), args, options: { ...options } };
    });
  }
  await program.parseAsync(argv, { from: "user" });
  return parsed;
}

const TAKEN = [
  ["new"],
  ["new", "x"],
  ["new", "x", "--yes", "--dry-run"],
  ["new", "--yes", "x", "-y"],
  ["new", "x", "--framework", "quart", "--database=oracle", "--no-auth", "--cache"],
  ["new", "x", "--auth", "--no-auth", "--no-cache", "--cache", "--celery", "--no-celery"],
  ["new", "x", "--module", "--yes", "--yes"], // a value is the next argument, dash or not
  ["new", "x", "--module", "--help"], // even a help flag: the value of --module, as in commander
  ["new", "x", "--framework", "--no-auth"],
  ["new", "x", "--access", "public-read", "--access=admin", "--json", "--learn"],
  ["new", "x", "--answers", "a.json", "--save-answers", "b.json", "--module", "book"],
  ["new", "x", "--env", "--no-git", "--install", "--no-env", "--git", "--no-install"],
  ["new", "x", "--framework", "nope", "--module="],
  ["new", "a b", "--yes"],
  ["add", "booking"],
  ["add", "booking", "--field", "guest:str(120):required", "-f", "nights:int", "--yes"],
  ["add", "--field=a:str", "booking", "--field", "--yes", "--dry-run"], // "--yes" is a field here
  ["add", "booking", "--access", "public-read", "--json", "--force", "-y"],
  ["add", "booking", "--access=admin", "--field="],
  ["remove", "booking"],
  ["remove", "booking", "--dry-run", "--json", "--force", "--yes"],
  ["remove", "-y", "booking"],
  ["remove", "booking", "-f", "note", "--field", "stock", "--yes"],
  ["remove", "booking", "--keep-edited", "--yes"],
  ["rename", "booking", "-f", "note=remark", "--field=stock=units", "--dry-run"],
  ["rename", "booking", "--json", "--force", "-f", "a=b"],
  ["add", "booking", "-f", "note:text", "--accept-conflicts"],
  ["remove", "booking", "--accept-conflicts", "-f", "note", "-y"],
  ["rename", "booking", "-y", "--accept-conflicts", "-f", "a=b"],
];

Deno.test("fast path: its parse of `new`, `add`, `remove` and `rename` equals commander's", async () => {
  for (const argv of TAKEN) {
    const fast = fastParse(argv);
    assert(fast !== undefined, `the fast path should take ${argv.join(" ")}`);
    assertEquals(fast, await commanderParse(argv), argv.join(" "));
  }
});

Deno.test("fast path: leaves to commander what it does not parse as commander does", () => {
  for (
    const argv of [
      [],
      ["update", "--yes"],
      ["update", "--set", "cache=true"],
      ["add"], // the name is required: commander's error
      ["remove"],
      ["add", "x", "y"],
      ["add", "x", "--field"], // missing value
      ["add", "x", "-fa:str"], // a short flag with its value attached
      ["add", "x", "--fields", "a:str"], // unknown: commander suggests --field
      ["remove", "x", "--help"],
      ["learn", "caching"],
      ["new", "x", "y"], // one argument too many: commander's error
      ["new", "x", "--frameork", "flask"], // unknown: commander suggests --framework
      ["new", "x", "--help"],
      ["new", "x", "-h"],
      ["new", "x", "--"],
      ["new", "x", "-yq"],
      ["new", "x", "--yes=1"],
      ["new", "x", "--framework"], // missing value
      ["new", "-"],
      ["new", ""],
      ["new", "x", "-5"],
      ["--yes", "new", "x"],
      ["new", "x", "--version"],
    ]
  ) {
    assertEquals(fastParse(argv), undefined, argv.join(" "));
  }
});

/** The CLI through commander only (tests/_commander_main.ts). */
function viaCommander(args: string[], cwd: string): Promise<CliResult> {
  return cliOf(new URL("./_commander_main.ts", import.meta.url).pathname, args, cwd);
}

async function tree(dir: string, base = dir, out: Record<string, string> = {}) {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) await tree(path, base, out);
    else out[path.slice(base.length + 1)] = (await Deno.readFile(path)).toBase64();
  }
  return out;
}

Deno.test("fast path: the CLI prints, writes and exits as through commander", async () => {
  const fastDir = await Deno.makeTempDir();
  const slowDir = await Deno.makeTempDir();
  try {
    for (
      const args of [
        ["new", "x", "--yes", "--dry-run"],
        ["new", "x", "--yes", "--json", "--framework", "quart", "--celery"],
        ["new", "x", "--yes", "--framework", "nope"],
        ["new", "x", "--yes", "--no-auth", "--access", "owner"],
        ["new", "x"], // questions open, stdin not a terminal
        ["new", "--yes"], // no directory
        ["new", "p", "--yes", "--no-git", "--no-env", "--database", "oracle"],
        ["new", "p", "--yes", "--no-git", "--no-env"], // p exists now: refused
        ["add", "x", "--field", "a:str", "--yes"], // not in a project
      ]
    ) {
      // Each in its own directory: the directory is named as "<dir>" in both.
      const fast = JSON.stringify(await cli(args, fastDir)).replaceAll(fastDir, "<dir>");
      const slow = JSON.stringify(await viaCommander(args, slowDir)).replaceAll(slowDir, "<dir>");
      assertEquals(fast, slow, args.join(" "));
    }
    // Inside the project each made: add and remove, and their refusals.
    for (
      const args of [
        ["add", "booking", "--field", "guest:str(120):required", "-f", "nights:int", "--yes"],
        ["add", "booking", "--field", "guest:str", "--yes"], // exists: refused
        ["add", "lodge", "--field", "name:nope", "--yes"], // unknown type
        ["add", "lodge", "--field", "name:str", "--dry-run"],
        ["add", "lodge", "--field", "name:str", "--field", "booking:ref:bookings", "--yes"],
        ["remove", "booking", "--yes"], // lodge refers to it: refused
        ["rename", "lodge", "--field", "name=title"],
        ["rename", "lodge", "--field", "title=select"], // a reserved word: refused
        ["remove", "lodge", "--yes"],
        ["remove", "nothing", "--yes"],
      ]
    ) {
      const fast = await cli(args, join(fastDir, "p"));
      const slow = await viaCommander(args, join(slowDir, "p"));
      assertEquals(fast, slow, args.join(" "));
    }
    assertEquals(await tree(fastDir), await tree(slowDir));
  } finally {
    await Deno.remove(fastDir, { recursive: true });
    await Deno.remove(slowDir, { recursive: true });
  }
});
