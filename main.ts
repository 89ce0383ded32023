/**
 * pyscaffold: generates production-ready Python backends (Flask or Quart,
 * PostgreSQL or Oracle, optional JWT auth, Redis cache and Celery) with a
 * controller → service → repository architecture, and adds resource modules
 * to the projects it made.
 *
 * @module
 */
import { VERSION } from "./src/version.ts";
import { requirePermissions } from "./src/cli/_permissions.ts";

if (import.meta.main) {
  // `--version` alone answers before commander loads: commander's Node built-ins
  // (node:process, node:child_process) cost more than the rest of a start (docs/BENCHMARKS.md).
  if (Deno.args.length === 1 && (Deno.args[0] === "--version" || Deno.args[0] === "-V")) {
    console.log(VERSION);
    Deno.exit(0);
  }
  // The bundle loads each module below when it is reached (tools/bundle.ts), which needs
  // --allow-read: the missing permissions are named first (src/cli/_permissions.ts).
  requirePermissions();
  // `--help` (of the program or of a command) prints the help recorded from commander,
  // without loading it (src/cli/help.ts).
  const { printRecordedHelp } = await import("./src/cli/help.ts");
  if (printRecordedHelp(Deno.args)) Deno.exit(0);
  // `new ...` parsed without commander, from commander's recorded options (src/cli/fast_path.ts).
  const { runFastPath } = await import("./src/cli/fast_path.ts");
  const code = await runFastPath(Deno.args);
  if (code !== undefined) Deno.exit(code);
  const { main } = await import("./src/cli/mod.ts");
  Deno.exit(await main(Deno.args));
}
