/**
 * Markdown for the terminal: headings, lists, tables and code blocks, fitted
 * to the terminal width (./_markdown.ts, over marked's tokens). When
 * the output is not a terminal the Markdown is printed as it is: it reads well
 * as plain text and can be saved to a file. The renderer is imported lazily so
 * that commands which never show a lesson (and `--help`) start fast.
 */

export interface TerminalOptions {
  /** Render for a terminal; false prints the Markdown source. */
  terminal: boolean;
  /** Columns to wrap at. */
  width: number;
  color: boolean;
}

export function terminalOptions(): TerminalOptions {
  const terminal = Deno.stdout.isTerminal();
  const noColor = Deno.env.get("NO_COLOR");
  let width = 80;
  if (terminal) {
    try {
      width = Deno.consoleSize().columns;
    } catch {
      // not a real console: keep 80
    }
  }
  return { terminal, width: Math.max(40, width), color: terminal && !noColor };
}

/** A synchronous Markdown → terminal text function, after loading the renderer once. */
export async function loadRenderer(
  options: TerminalOptions,
): Promise<(markdown: string) => string> {
  if (!options.terminal) return (markdown) => markdown;
  const [{ TerminalMarkdown }, { makeColors }] = await Promise.all([
    import("./_markdown.ts"),
    import("../output/colors.ts"),
  ]);
  const renderer = new TerminalMarkdown({
    width: options.width,
    colors: makeColors(options.color),
  });
  return (markdown) => renderer.render(markdown);
}

export async function formatMarkdown(markdown: string, options: TerminalOptions): Promise<string> {
  return (await loadRenderer(options))(markdown);
}
