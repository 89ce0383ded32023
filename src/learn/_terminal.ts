/**
 * Markdown for the terminal: headings, lists, tables and Python-highlighted
 * code blocks, wrapped to the terminal width (marked + marked-terminal). When
 * the output is not a terminal the Markdown is printed as it is: it reads well
 * as plain text and can be saved to a file. The renderer is imported lazily so
 * that commands which never show a lesson (and `--help`) start fast.
 */
import { stripVTControlCharacters } from "node:util";

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
  const [{ Marked }, { markedTerminal }] = await Promise.all([
    import("marked"),
    import("marked-terminal"),
  ]);
  const marked = new Marked({ async: false });
  // marked-terminal's types lag behind marked's extension type
  marked.use(
    markedTerminal({ width: options.width, reflowText: true, tab: 2, emoji: false }) as never,
  );
  return (markdown) => {
    const out = (marked.parse(markdown) as string).replace(/\n+$/, "\n");
    return options.color ? out : stripVTControlCharacters(out);
  };
}

export async function formatMarkdown(markdown: string, options: TerminalOptions): Promise<string> {
  return (await loadRenderer(options))(markdown);
}
