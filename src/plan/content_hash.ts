import { createHash } from "node:crypto";

/**
 * The hash the answers file records for every module file pyscaffold wrote,
 * so that `remove` can tell whether the user changed it since.
 */
export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}
