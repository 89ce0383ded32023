/**
 * Terminal colours: ANSI SGR codes, on or off as a whole.
 *
 * Written here rather than taken from picocolors (which this file used until 0.10.1): the
 * codes are a handful of constants, and whether colours are on is decided by `colorsEnabled`
 * below, not by the library. picocolors decides that itself when it loads, by reading
 * Node's `process` (argv, the whole environment, `process.stdout.isTTY`): in Deno that loads
 * the Node compatibility layer's process and stdio streams, 12.6 ms of a 66 ms `new --dry-run`
 * from the bundle (docs/DECISIONS.md, "#15 the tool, fourth pass").
 */

/** One colour or style: wraps its text in the open and close codes when colours are on. */
export type Style = (text: string | number) => string;

const STYLES = {
  bold: ["\x1b[1m", "\x1b[22m", "\x1b[22m\x1b[1m"],
  dim: ["\x1b[2m", "\x1b[22m", "\x1b[22m\x1b[2m"],
  italic: ["\x1b[3m", "\x1b[23m"],
  underline: ["\x1b[4m", "\x1b[24m"],
  strikethrough: ["\x1b[9m", "\x1b[29m"],
  red: ["\x1b[31m", "\x1b[39m"],
  green: ["\x1b[32m", "\x1b[39m"],
  yellow: ["\x1b[33m", "\x1b[39m"],
  blue: ["\x1b[34m", "\x1b[39m"],
  magenta: ["\x1b[35m", "\x1b[39m"],
  cyan: ["\x1b[36m", "\x1b[39m"],
} as const;

export type Colors = { readonly [name in keyof typeof STYLES]: Style } & {
  readonly isColorSupported: boolean;
};

/**
 * A style that stays on around nested styles: a close code inside the text (a nested
 * `red(...)` ends with the same code as `green`) is replaced by the code that re-opens this
 * one, so `green("a " + red("b") + " c")` keeps " c" green. Bold and dim share their close
 * code, so theirs re-opens after closing.
 */
function style(open: string, close: string, reopen: string = open): Style {
  return (text) => {
    const s = String(text);
    return open + s.replaceAll(close, reopen) + close;
  };
}

/** Colours are on only for a terminal, and never when NO_COLOR is set. */
export function colorsEnabled(): boolean {
  const noColor = Deno.env.get("NO_COLOR");
  return (noColor === undefined || noColor === "") && Deno.stdout.isTerminal();
}

export function makeColors(enabled: boolean = colorsEnabled()): Colors {
  const plain: Style = (text) => String(text);
  const entries = Object.entries(STYLES).map((
    [name, [open, close, reopen]]: [string, readonly string[]],
  ) => [name, enabled ? style(open, close, reopen) : plain]);
  return { ...Object.fromEntries(entries), isColorSupported: enabled } as Colors;
}
