/** Runs the real CLI (`deno run -A main.ts ...`) as a user would, without a terminal. */
export const MAIN: string = new URL("../main.ts", import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string = Deno.cwd()): Promise<CliResult> {
  return cliOf(MAIN, args, cwd);
}

/** The same through another entry point (e.g. tests/_commander_main.ts). */
export async function cliOf(
  entry: string,
  args: string[],
  cwd: string = Deno.cwd(),
): Promise<CliResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, ...args],
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
