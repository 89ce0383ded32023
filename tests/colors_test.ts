/**
 * The terminal colours (src/output/colors.ts): the ANSI codes of each style, nesting that
 * keeps the outer style on, and plain text when colours are off.
 */
import { assertEquals } from "./_assert.ts";
import { makeColors } from "../src/output/colors.ts";

const ESC = "\x1b[";

Deno.test("colors: each style wraps its text in its open and close codes", () => {
  const c = makeColors(true);
  assertEquals(c.isColorSupported, true);
  assertEquals(c.red("x"), `${ESC}31mx${ESC}39m`);
  assertEquals(c.green(7), `${ESC}32m7${ESC}39m`);
  assertEquals(c.yellow("x"), `${ESC}33mx${ESC}39m`);
  assertEquals(c.blue("x"), `${ESC}34mx${ESC}39m`);
  assertEquals(c.magenta("x"), `${ESC}35mx${ESC}39m`);
  assertEquals(c.cyan("x"), `${ESC}36mx${ESC}39m`);
  assertEquals(c.bold("x"), `${ESC}1mx${ESC}22m`);
  assertEquals(c.dim("x"), `${ESC}2mx${ESC}22m`);
  assertEquals(c.italic("x"), `${ESC}3mx${ESC}23m`);
  assertEquals(c.underline("x"), `${ESC}4mx${ESC}24m`);
  assertEquals(c.strikethrough("x"), `${ESC}9mx${ESC}29m`);
});

Deno.test("colors: a nested style does not end the outer one", () => {
  const c = makeColors(true);
  // The inner red closes with the colour reset; green opens again after it.
  assertEquals(
    c.green(`a ${c.red("b")} c`),
    `${ESC}32ma ${ESC}31mb${ESC}32m c${ESC}39m`,
  );
  // Bold and dim share a close code: the inner dim's close turns bold back on.
  assertEquals(
    c.bold(`a ${c.dim("b")} c`),
    `${ESC}1ma ${ESC}2mb${ESC}22m${ESC}1m c${ESC}22m`,
  );
  // Styles of different kinds nest without touching each other.
  assertEquals(c.bold(c.red("x")), `${ESC}1m${ESC}31mx${ESC}39m${ESC}22m`);
});

Deno.test("colors: off, every style returns its text unchanged", () => {
  const c = makeColors(false);
  assertEquals(c.isColorSupported, false);
  for (const name of ["red", "green", "bold", "dim", "underline", "magenta"] as const) {
    assertEquals(c[name]("text"), "text");
    assertEquals(c[name](3), "3");
  }
});
