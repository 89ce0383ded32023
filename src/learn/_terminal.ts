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
  // marked-terminal prints the text of list items raw (backticks and asterisks left in) and
  // does not wrap it: parse its inline Markdown, and wrap it to the width minus the bullet.
  marked.use({
    renderer: {
      text(this: { parser: { parseInline(tokens: unknown[]): string } }, token: TextToken) {
        if (!token.tokens) return token.text;
        return wrap(this.parser.parseInline(token.tokens), options.width - LIST_INDENT);
      },
    },
  } as never);
  return (markdown) => {
    const out = (marked.parse(markdown) as string).replace(/\n+$/, "\n");
    return options.color ? out : stripVTControlCharacters(out);
  };
}

interface TextToken {
  text: string;
  tokens?: unknown[];
}

/** Columns taken by a list item's indent and bullet. */
const LIST_INDENT = 4;

/** Word wrap that measures visible characters only, so colour codes do not count. */
export function wrap(text: string, width: number): string {
  const words = text.replace(/\s*\n\s*/g, " ").split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && stripVTControlCharacters(candidate).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

export async function formatMarkdown(markdown: string, options: TerminalOptions): Promise<string> {
  return (await loadRenderer(options))(markdown);
}
