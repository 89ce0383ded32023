/**
 * Builds dist/pyscaffold.js: the whole CLI as one JavaScript file that runs with
 * `deno run -A dist/pyscaffold.js` from any directory.
 *
 *   deno task bundle
 *
 * `deno bundle` cannot yet bundle every npm package: it does not resolve a CommonJS
 * `require("./data")` of a JSON file written without its extension (emojilib, under
 * marked-terminal, did this; the lessons now have their own renderer, so none is left).
 * Such packages are listed in UNBUNDLED: they are left
 * out, and their import in the bundle is rewritten to the exact `npm:` specifier of
 * deno.json, which `deno run` fetches (or takes from its cache) on first use. They
 * must only ever be imported dynamically, so that a start-up never depends on them;
 * this script fails if one is imported statically.
 */
import { join } from "node:path";
import denoJson from "../deno.json" with { type: "json" };

/** Packages that `deno bundle` cannot bundle today (see above). */
export const UNBUNDLED: readonly string[] = [];

const root = new URL("..", import.meta.url).pathname;
const output = join(root, "dist", "pyscaffold.js");

/** Rewrites `import("name")` of each unbundled package to its `npm:` specifier. */
export function pinUnbundled(
  code: string,
  imports: Readonly<Record<string, string>>,
  names: readonly string[],
): string {
  for (const name of names) {
    const specifier = imports[name];
    if (!specifier?.startsWith("npm:")) {
      throw new Error(`${name} is not mapped to an npm: specifier in deno.json "imports"`);
    }
    const quoted = `["']${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`;
    const statically = `(^|\\n)\\s*(import|export)\\b([^;(]*?from)?\\s*${quoted}`;
    if (new RegExp(statically).test(code)) {
      throw new Error(`${name} is imported statically; it may only be imported dynamically`);
    }
    code = code.replace(
      new RegExp(`import\\(\\s*${quoted}\\s*\\)`, "g"),
      `import(${JSON.stringify(specifier)})`,
    );
  }
  return code;
}

async function main(): Promise<number> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      ...UNBUNDLED.flatMap((name) => ["--external", name]),
      "--output",
      output,
      join(root, "main.ts"),
    ],
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (result.code !== 0) return result.code;
  try {
    const code = await Deno.readTextFile(output);
    await Deno.writeTextFile(output, pinUnbundled(code, denoJson.imports, UNBUNDLED));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main());
}
