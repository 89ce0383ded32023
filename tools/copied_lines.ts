/**
 * The copied-line figure: lines of Flask-only templates that reappear in
 * Quart-only templates once `async`/`await` and the framework names are
 * stripped. Each such line is one a fix would have to make twice.
 *
 *   deno task copies            # the figure, and the files that carry the most
 *   deno task copies --json     # machine-readable
 *
 * Blank lines are not counted (the issue that asked for this figure counted them).
 * A Quart line is matched at most once.
 */
import { join, relative } from "node:path";

const ROOT = new URL("../templates/", import.meta.url).pathname;

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".eta")) yield path;
  }
}

/** The line as it would read with the framework's differences removed. */
export function normalise(line: string): string {
  return line
    .replace(/\basync\s+/g, "")
    .replace(/\bawait\s+/g, "")
    .replace(/\b(flask|quart)\b/gi, "FW")
    .replace(/\s+/g, " ")
    .trim();
}

function counted(line: string): boolean {
  return line !== "";
}

export interface CopiedLines {
  total: number;
  flaskLines: number;
  byFile: Record<string, number>;
}

export async function copiedLines(root: string = ROOT): Promise<CopiedLines> {
  const flask: [string, string[]][] = [];
  const quart = new Map<string, number>();
  for await (const path of walk(root)) {
    const parts = relative(root, path).split("/");
    const lines = (await Deno.readTextFile(path)).split("\n").map(normalise).filter(counted);
    if (parts.includes("flask")) flask.push([relative(root, path), lines]);
    if (parts.includes("quart")) { for (const l of lines) quart.set(l, (quart.get(l) ?? 0) + 1); }
  }
  const byFile: Record<string, number> = {};
  let total = 0;
  let flaskLines = 0;
  for (const [file, lines] of flask.sort()) {
    flaskLines += lines.length;
    for (const line of lines) {
      const left = quart.get(line) ?? 0;
      if (left > 0) {
        quart.set(line, left - 1);
        byFile[file] = (byFile[file] ?? 0) + 1;
        total++;
      }
    }
  }
  return { total, flaskLines, byFile };
}

if (import.meta.main) {
  const result = await copiedLines();
  if (Deno.args.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(
      `${result.total} of ${result.flaskLines} lines of Flask-only templates reappear in ` +
        "Quart-only templates (async/await and framework names stripped)",
    );
    const top = Object.entries(result.byFile).sort((a, b) => b[1] - a[1]).slice(0, 15);
    for (const [file, n] of top) console.log(`  ${String(n).padStart(5)}  ${file}`);
  }
}
