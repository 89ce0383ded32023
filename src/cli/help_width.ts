/**
 * The width the help is wrapped at: 80 columns, in a pipe and in any terminal at least that
 * wide (as `git` and `cargo` do), or a narrower terminal's width. At 80 the help is always the
 * same text, which tools/embed_help.ts records so that help.ts prints it without commander.
 */
export const HELP_WIDTH = 80;

export function helpWidth(): number {
  if (!Deno.stdout.isTerminal()) return HELP_WIDTH;
  try {
    return Math.min(Deno.consoleSize().columns, HELP_WIDTH);
  } catch {
    return HELP_WIDTH;
  }
}
