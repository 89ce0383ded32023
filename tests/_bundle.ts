/** The bundle and the JSR package, built by `deno task bundle` into temporary directories. */
import { join } from "node:path";
import { assertEquals } from "./_assert.ts";
import { BUNDLE_ENTRY } from "../tools/bundle.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** `deno task bundle FLAGS --outdir` a new temporary directory (tests may build at once). */
async function bundleAway(prefix: string, name: string, flags: string[]): Promise<string> {
  const out = join(await Deno.makeTempDir({ prefix }), name);
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle", ...flags, "--outdir", out],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  return out;
}

/** Builds the bundle away from the checkout; returns its entry. */
export async function buildBundle(): Promise<string> {
  return join(await bundleAway("pyscaffold-bundle-", "pyscaffold", []), BUNDLE_ENTRY);
}

/** Builds the package published to JSR (`deno task bundle --jsr`); returns its directory. */
export async function buildJsrPackage(): Promise<string> {
  return await bundleAway("pyscaffold-jsr-", "jsr", ["--jsr"]);
}
