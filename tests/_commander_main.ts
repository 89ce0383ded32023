/**
 * The CLI with commander parsing every command line (no fast path): what main.ts did before
 * src/cli/fast_path.ts, for tests/fast_path_test.ts to compare the two.
 */
import { main } from "../src/cli/mod.ts";

Deno.exit(await main(Deno.args));
