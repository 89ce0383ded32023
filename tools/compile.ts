/**
 * Builds the standalone binaries into dist/, one per release target, plus
 * dist/SHA256SUMS.
 *
 *   deno task compile                                   every target
 *   deno task compile --target x86_64-unknown-linux-gnu one target (repeatable)
 *
 * `deno compile` downloads its `denort` base binary for each target from
 * dl.deno.land; a machine that cannot reach it (such as the development
 * machines of this project) gets a clear error instead of a stack trace. The
 * release workflow (.github/workflows/release.yml) runs this on GitHub's
 * runners. DENORT_BIN may point at a local denort for the host's own target.
 *
 * The binaries need nothing from the checkout at run time: templates are
 * embedded, compiled, in src/render/_compiled.gen.js (the help in
 * src/cli/_help.gen.ts) and every import is static or a dynamic import of a
 * literal specifier, which `deno compile` follows.
 */
import { join } from "node:path";

export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;
export type Target = typeof TARGETS[number];

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");

/** `pyscaffold-x86_64-unknown-linux-gnu`, with `.exe` for Windows. */
export function binaryName(target: Target): string {
  return `pyscaffold-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/** The `deno compile` arguments for one target. */
export function compileArgs(target: Target, output: string): string[] {
  return [
    "compile",
    // read and write the project, env for TERM/NO_COLOR; the same as `deno run -A`
    "--allow-all",
    // the lockfile also lists test-only packages: embed only what main.ts reaches
    "--exclude-unused-npm",
    "--target",
    target,
    "--output",
    output,
    join(root, "main.ts"),
  ];
}

/** True when `deno compile` failed because it could not download its base binary. */
export function isBaseBinaryDownloadError(stderr: string): boolean {
  return /Setting up base binary|dl\.deno\.land|denort/i.test(stderr) &&
    /error sending request|dns error|Connect|timed out|404|Not Found/i.test(stderr);
}

function parseTargets(args: string[]): Target[] {
  const chosen: Target[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i] === "--target" ? args[++i] : args[i].replace(/^--target=/, "");
    if (!(TARGETS as readonly string[]).includes(value)) {
      throw new Error(`unknown target "${value}"; the targets are:\n  ${TARGETS.join("\n  ")}`);
    }
    chosen.push(value as Target);
  }
  return chosen.length ? chosen : [...TARGETS];
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function main(args: string[]): Promise<number> {
  let targets: Target[];
  try {
    targets = parseTargets(args);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
  for (
    const check of [
      ["--allow-read", join(root, "tools/embed_templates.ts")],
      ["--allow-read", "--allow-env", join(root, "tools/embed_help.ts")],
    ]
  ) {
    const fresh = await new Deno.Command(Deno.execPath(), { args: ["run", ...check, "--check"] })
      .output();
    if (fresh.code !== 0) {
      console.error(new TextDecoder().decode(fresh.stderr).trim());
      return 1;
    }
  }
  await Deno.mkdir(dist, { recursive: true });
  const sums: string[] = [];
  for (const target of targets) {
    const output = join(dist, binaryName(target));
    console.log(`compiling ${target} → dist/${binaryName(target)}`);
    const result = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(target, output),
      stdout: "inherit",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(result.stderr);
    if (result.code !== 0) {
      if (isBaseBinaryDownloadError(stderr)) {
        console.error(
          [
            `error: deno compile could not download its base binary (denort) for ${target}.`,
            "This machine cannot reach dl.deno.land, so it cannot build the binaries.",
            "Build them on a release machine with internet access (the release workflow does:",
            "push a tag vX.Y.Z), or set DENORT_BIN to a local denort for the host target.",
            "Offline, `deno task bundle` builds dist/pyscaffold/: `deno run -A dist/pyscaffold/main.js`.",
          ].join("\n"),
        );
      } else {
        console.error(stderr.trim());
        console.error(`error: deno compile failed for ${target}.`);
      }
      return 1;
    }
    sums.push(`${await sha256(output)}  ${binaryName(target)}`);
  }
  await Deno.writeTextFile(join(dist, "SHA256SUMS"), sums.join("\n") + "\n");
  console.log(`${targets.length} binaries and SHA256SUMS in dist/`);
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
