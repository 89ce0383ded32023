/** The bundle, built by `deno task bundle` into a temporary directory of the test's own. */
import { join } from "node:path";
import { assertEquals } from "./_assert.ts";
import { BUNDLE_ENTRY } from "../tools/bundle.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** Builds the bundle away from the checkout (tests may build it at once); returns its entry. */
export async function buildBundle(): Promise<string> {
  const out = join(await Deno.makeTempDir({ prefix: "pyscaffold-bundle-" }), "pyscaffold");
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle", "--outdir", out],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  return join(out, BUNDLE_ENTRY);
}

/**
 * The package published to JSR (`deno task bundle --jsr`), built into a temporary directory of
 * the test's own; returns that directory.
 */
export async function buildJsrPackage(): Promise<string> {
  const out = join(await Deno.makeTempDir({ prefix: "pyscaffold-jsr-" }), "jsr");
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle", "--jsr", "--outdir", out],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  return out;
}
