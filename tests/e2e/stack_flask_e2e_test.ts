/** The stack checks (tests/e2e/_stack.ts) on the Flask spread; Redis databases 8-11. */
import { stackTests } from "./_stack.ts";

await stackTests("flask", 8);
