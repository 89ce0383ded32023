/**
 * One pager for long output (the preview's tree, a file, a lesson): a screen
 * at a time, counting the rows a long line takes once the terminal wraps it,
 * so a page never scrolls its first lines away. Space shows the next page,
 * Enter or ↓ one more line, q or Escape skips the rest (the text shown stays in
 * the terminal's scrollback, as with `more`). Without a terminal the text is
 * written as it is.
 */
import { stripVTControlCharacters } from "node:util";
import { CancelledError } from "../errors.ts";
import type { Colors } from "./colors.ts";

/** The keys the pager reacts to, as readline names them. */
export type PagerKey =
  | "space"
  | "pagedown"
  | "return"
  | "enter"
  | "down"
  | "j"
  | "q"
  | "escape"
  | "ctrl-c"
  | string;

export interface PagerIO {
  rows: number;
  columns: number;
  write(text: string): void;
  /** The next key pressed. */
  key(): Promise<PagerKey>;
  colors: Colors;
}

/** Rows a line takes on a terminal `columns` wide (an empty line takes one). */
export function screenRows(line: string, columns: number): number {
  const width = [...stripVTControlCharacters(line)].length;
  return Math.max(1, Math.ceil(width / Math.max(1, columns)));
}

/** Pages `text` through `io`; resolves when all of it is shown or the rest was skipped. */
export async function pageThrough(text: string, io: PagerIO): Promise<void> {
  const lines = text.replace(/\n$/, "").split("\n");
  const room = Math.max(3, io.rows - 1); // the last row holds the prompt
  const total = lines.reduce((sum, l) => sum + screenRows(l, io.columns), 0);
  if (total <= room) {
    io.write(lines.join("\n") + "\n");
    return;
  }
  let next = 0;
  /** Writes lines until `budget` rows are used (at least one line). */
  const show = (budget: number) => {
    let used = 0;
    while (next < lines.length) {
      const rows = screenRows(lines[next], io.columns);
      if (used > 0 && used + rows > budget) break;
      io.write(lines[next] + "\n");
      used += rows;
      next++;
    }
  };
  show(room);
  const c = io.colors;
  while (next < lines.length) {
    const percent = Math.floor((next / lines.length) * 100);
    const prompt = `── ${percent}% · space: next page · enter/↓: a line · q: skip the rest ──`;
    io.write(c.dim(prompt.length < io.columns ? prompt : `── ${percent}% · space/enter/q ──`));
    const key = await io.key();
    io.write("\r\x1b[2K");
    if (key === "ctrl-c") throw new CancelledError();
    if (key === "space" || key === "pagedown") show(room);
    else if (key === "return" || key === "enter" || key === "down" || key === "j") show(1);
    else if (key === "q" || key === "escape") {
      io.write(c.dim(`… ${lines.length - next} more lines not shown`) + "\n");
      return;
    }
  }
}

/** A key from the terminal, read in raw mode through node's readline (as the prompts do). */
async function terminalKey(): Promise<PagerKey> {
  const [{ default: process }, readline] = await Promise.all([
    import("node:process"),
    import("node:readline"),
  ]);
  const stdin = process.stdin;
  readline.emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<PagerKey>((resolve) => {
      stdin.once("keypress", (text: string | undefined, key: { name?: string; ctrl?: boolean }) => {
        if (key?.ctrl && key.name === "c") resolve("ctrl-c");
        else resolve(key?.name ?? text ?? "");
      });
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/**
 * Shows `text` with the pager when stdout and stdin are a terminal, or writes
 * it plainly (a pipe, a file, a test).
 */
export async function page(text: string, colors: Colors, stream = Deno.stdout): Promise<void> {
  const encoder = new TextEncoder();
  const write = (s: string) => stream.writeSync(encoder.encode(s));
  if (!stream.isTerminal() || !Deno.stdin.isTerminal()) {
    write(text.replace(/\n?$/, "\n"));
    return;
  }
  let size = { rows: 24, columns: 80 };
  try {
    size = Deno.consoleSize();
  } catch {
    // not a real console: keep 80×24
  }
  await pageThrough(text, { ...size, write, key: terminalKey, colors });
}
