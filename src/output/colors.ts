import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

/** Colours are on only for a terminal, and never when NO_COLOR is set. */
export function colorsEnabled(): boolean {
  const noColor = Deno.env.get("NO_COLOR");
  return (noColor === undefined || noColor === "") && Deno.stdout.isTerminal();
}

export function makeColors(enabled: boolean = colorsEnabled()): Colors {
  return pc.createColors(enabled);
}
