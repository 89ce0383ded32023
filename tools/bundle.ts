/**
 * Builds dist/pyscaffold/: the whole CLI as JavaScript modules that run with
 * `deno run -A dist/pyscaffold/main.js` from any directory (the release attaches
 * it as pyscaffold-bundle.tar.gz).
 *
 *   deno task bundle                  # into dist/pyscaffold/
 *   deno task bundle --outdir DIR     # elsewhere (the tests build their own copy)
 *
 * Why a directory of chunks and not one file: a start that answers `--help` or
 * `--version` must not load what only a prompt or a merge needs. In one file,
 * every `import … from "node:…"` of every bundled package is hoisted to the top
 * and loaded at start (13 Node built-ins cost ~22 ms here), and the whole 1.4 MB
 * is compiled before the first line runs: `--help` took 56 ms against 11 ms for
 * an empty `deno run`. `--code-splitting` keeps each dynamic `import()` of the
 * source a separate chunk, loaded only when the command reaches it, as the
 * checkout does (docs/DECISIONS.md, "bundle in chunks").
 *
 * One rewrite follows the build: Deno's bundler gives the chunks a `require`
 * made with `createRequire` from `node:module`, imported at start by every
 * chunk, and loading `node:module` alone costs ~15 ms. The only `require`s left
 * in the bundled packages are of Node built-ins (`require("node:tty")` in
 * cli-width, `require("node:stream")` in mute-stream, both under the prompts);
 * each becomes a static import of its own chunk, and `node:module` is gone. The
 * build fails if any other `require` call is left, or if the modules loaded at
 * start import a Node built-in.
 *
 * A second rewrite makes each chunk's `import("./chunk.js")` `import(String("./chunk.js"))`.
 * Deno builds the module graph of `deno run` before the first line runs, and follows every
 * dynamic import whose specifier is a plain string: with them, `--version` read all 45 chunks
 * (1.3 MB) at start, and took 24.8 ms against 16.1 without (an empty `deno run` 17.4). A
 * specifier Deno cannot read ahead is loaded when the code reaches it, which is what the
 * chunks are for. `--unstable-lazy-dynamic-imports` does the same, but only where the user
 * passes it; the bundle's users run it without flags.
 *
 * `deno task bundle --jsr` builds dist/jsr/: the same modules as the package published to JSR,
 * so that `deno run -A jsr:@org/pyscaffold` runs what the bundle runs rather than the source
 * (whose npm packages load Node's compatibility layer at start: pluralize is CommonJS, and pathe
 * names `process`; docs/DECISIONS.md, "JSR serves the bundle"). It differs from the bundle in
 * three ways, each for being a remote package:
 *
 * - the chunks' dynamic imports stay plain strings, so that the package's whole graph is known
 *   to Deno: the first run (or `deno install`) downloads and caches every chunk, and a command
 *   run later works offline. For remote modules, which Deno caches once analysed, that costs
 *   ~2–3 ms at start (9 ms for local files, above);
 * - a deno.json of its own: JSR_NAME, the checkout's version and licence, `./main.js` as its
 *   export, with `main.d.ts` beside it (the entry exports nothing), so JSR needs no type
 *   inference; README.md and LICENSE as the checkout's;
 * - the compiled templates without their `@ts-self-types` comment: their types import the
 *   source's, which the package does not hold.
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
import { join, resolve } from "node:path";
import { isBuiltin } from "node:module";
import denoJson from "../deno.json" with { type: "json" };

/** Packages that `deno bundle` cannot bundle today (see above). */
export const UNBUNDLED: readonly string[] = [];

const root = new URL("..", import.meta.url).pathname;
/** The bundle's directory, and the module to run in it. */
export const BUNDLE_DIR: string = join(root, "dist", "pyscaffold");
export const BUNDLE_ENTRY = "main.js";

/**
 * The package's name on JSR. The checkout's deno.json has none: it is not the package, and a
 * `deno publish` run there stops (no name) rather than publish the source.
 */
export const JSR_NAME = "@org/pyscaffold";

/** Where `deno task bundle --jsr` writes the package published to JSR (see above). */
const JSR_DIR: string = join(root, "dist", "jsr");

/**
 * The compiled templates (src/render/_compiled.gen.js), kept out of the chunks and copied
 * beside them as they are: the bundler would drop the parentheses around each template's
 * function, and with them V8's compiling it with the module and caching it (see
 * tools/embed_templates.ts).
 */
export const COMPILED_TEMPLATES = "_compiled.gen.js";

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

/**
 * Each `import("./chunk.js")` of one chunk by another as `import(String("./chunk.js"))`: loaded
 * when the code reaches it, not read by Deno at start (see above). Other specifiers (`npm:`)
 * stay as they are, for Deno to resolve.
 */
export function loadedOnDemand(code: string): string {
  return code.replace(/\bimport\(\s*"(\.\/[^"]+\.js)"\s*\)/g, 'import(String("$1"))');
}

/** The line pair through which Deno's bundler gives every chunk a `require`. */
const CREATE_REQUIRE =
  /import \{ createRequire as __deno_internal_createRequire \} from "node:module";\r?\nvar __require = __deno_internal_createRequire\(import\.meta\.url\);/;

/** What `__require` becomes: it is never called once every call is rewritten. */
const NO_REQUIRE = "var __require = (id) => { throw new Error(`pyscaffold's bundle has no " +
  "require(${id}): tools/bundle.ts rewrites each require of a Node built-in at build time`); };";

/**
 * One chunk with each `__require("node:x")` served by a static import of
 * `node:x` in that chunk, and the helper's `createRequire` (node:module) removed.
 * Throws on any other `__require` call: it would fail at run time.
 */
export function withoutCreateRequire(code: string, chunk: string): string {
  code = code.replace(CREATE_REQUIRE, NO_REQUIRE);
  const imports = new Map<string, string>();
  code = code.replace(/\b__require\(\s*"([^"]+)"\s*\)/g, (call, id: string) => {
    const name = id.startsWith("node:") ? id : `node:${id}`;
    if (!isBuiltin(name)) {
      throw new Error(`${chunk}: ${call} is not a Node built-in; the bundle cannot serve it`);
    }
    const binding = `__${name.replace(/\W/g, "_")}`;
    imports.set(binding, name);
    return binding;
  });
  const left = code.replace(NO_REQUIRE, "").match(/\b__require\([^)]*\)/);
  if (left) throw new Error(`${chunk}: ${left[0]} cannot be rewritten to a static import`);
  const lines = [...imports].map(([binding, name]) => `import ${binding} from "${name}";\n`);
  return lines.join("") + code;
}

/**
 * The Node built-ins the modules loaded at start import (static imports only,
 * from the entry through every chunk it imports statically).
 */
export function builtinsAtStart(chunks: ReadonlyMap<string, string>, entry: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = chunks.get(name);
    if (code === undefined) throw new Error(`${name} is imported but was not written`);
    for (const m of code.matchAll(/^\s*(?:import|export)\b[^;(]*?["']([^"']+)["']/gm)) {
      const target = m[1];
      if (target.startsWith("node:")) found.add(target);
      else if (target.startsWith("./")) visit(target.slice(2));
    }
  };
  visit(entry);
  return [...found].sort();
}

/** The `@ts-self-types` comment the compiled templates begin with (tools/embed_templates.ts). */
const SELF_TYPES = /^\/\/ @ts-self-types="[^"]*"\r?\n/;

/** The declaration of the JSR package's entry (it exports nothing). */
const ENTRY_TYPES = "main.d.ts";

/**
 * The files the JSR package adds to its chunks (see above): its deno.json, the entry's
 * declaration, and the checkout's README.md and LICENSE (`readme`, `license`).
 */
function jsrFiles(
  config: { version: string; license: string },
  readme: string,
  license: string,
): Map<string, string> {
  const manifest = {
    name: JSR_NAME,
    version: config.version,
    license: config.license,
    exports: `./${BUNDLE_ENTRY}`,
  };
  return new Map([
    ["deno.json", JSON.stringify(manifest, null, 2) + "\n"],
    [ENTRY_TYPES, "// pyscaffold is a program: its entry exports nothing.\nexport {};\n"],
    ["README.md", readme],
    ["LICENSE", license],
  ]);
}

/** A chunk as the JSR package holds it, from the bundle's (see above). */
export function forJsr(name: string, code: string): string {
  if (name === COMPILED_TEMPLATES) {
    if (!SELF_TYPES.test(code)) throw new Error(`${name} no longer begins with @ts-self-types`);
    return code.replace(SELF_TYPES, "");
  }
  return name === BUNDLE_ENTRY ? `// @ts-self-types="./${ENTRY_TYPES}"\n${code}` : code;
}

const USAGE = "usage: deno task bundle [--jsr] [--outdir DIR]   " +
  "(default: dist/pyscaffold, with --jsr dist/jsr)";

async function main(args: string[]): Promise<number> {
  const jsr = args.includes("--jsr");
  const rest = args.filter((arg) => arg !== "--jsr");
  const at = rest.indexOf("--outdir");
  if (rest.length !== (at >= 0 ? 2 : 0) || (at >= 0 && !rest[at + 1])) {
    console.error(USAGE);
    return 2;
  }
  const outdir = at >= 0 ? resolve(rest[at + 1]) : jsr ? JSR_DIR : BUNDLE_DIR;
  await Deno.remove(outdir, { recursive: true }).catch(() => {});
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--code-splitting",
      ...UNBUNDLED.flatMap((name) => ["--external", name]),
      "--external",
      `*/${COMPILED_TEMPLATES}`,
      "--outdir",
      outdir,
      join(root, "main.ts"),
    ],
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (result.code !== 0) return result.code;
  try {
    const chunks = new Map<string, string>();
    for await (const entry of Deno.readDir(outdir)) {
      if (!entry.isFile || !entry.name.endsWith(".js")) continue;
      const code = withoutCreateRequire(
        pinUnbundled(
          await Deno.readTextFile(join(outdir, entry.name)),
          denoJson.imports,
          UNBUNDLED,
        ),
        entry.name,
      );
      chunks.set(entry.name, jsr ? code : loadedOnDemand(code));
    }
    // The chunk that renders imports the compiled templates by the path the source gives,
    // which is the copy's path beside it.
    const importers = [...chunks].filter(([, code]) =>
      code.includes(`from "./${COMPILED_TEMPLATES}";`)
    );
    if (importers.length !== 1) {
      throw new Error(
        `expected one chunk to import ./${COMPILED_TEMPLATES}, found ${importers.length}`,
      );
    }
    const compiled = await Deno.readTextFile(join(root, "src", "render", COMPILED_TEMPLATES));
    chunks.set(COMPILED_TEMPLATES, compiled);
    const atStart = builtinsAtStart(chunks, BUNDLE_ENTRY);
    if (atStart.length) {
      throw new Error(
        `the bundle's start imports ${atStart.join(", ")}: import what needs them dynamically`,
      );
    }
    if (jsr) {
      for (const [name, code] of chunks) chunks.set(name, forJsr(name, code));
      const added = jsrFiles(
        denoJson,
        await Deno.readTextFile(join(root, "README.md")),
        await Deno.readTextFile(join(root, "LICENSE")),
      );
      for (const [name, content] of added) chunks.set(name, content);
    }
    for (const [name, code] of chunks) await Deno.writeTextFile(join(outdir, name), code);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
