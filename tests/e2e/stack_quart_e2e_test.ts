/** The stack checks (tests/e2e/_stack.ts) on the Quart spread; Redis databases 12-15. */
import { stackTests } from "./_stack.ts";

await stackTests("quart", 12);
