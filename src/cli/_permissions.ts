/**
 * Checked by main.ts before it loads any other module: without a permission,
 * Deno would stop at the first library that touches it, with a stack trace (in
 * the bundle, the first is the import of a command's module, which needs
 * --allow-read since it is loaded when reached). pyscaffold reads and writes
 * files, reads environment variables (NO_COLOR, the terminal) and runs programs
 * (git, uv, python after writing a project): say so, and how to grant it.
 */
const NEEDED: readonly { name: "read" | "write" | "env" | "run"; why: string }[] = [
  { name: "read", why: "read your project and answers files" },
  { name: "write", why: "write the project" },
  { name: "env", why: "read NO_COLOR and the terminal's settings" },
  { name: "run", why: "run git and the installer after writing" },
];

/** Exits with code 2 and says which permissions are missing, if any is. */
export function requirePermissions(): void {
  const missing = NEEDED.filter((p) =>
    Deno.permissions.querySync({ name: p.name }).state !== "granted"
  );
  if (missing.length > 0) {
    console.error(
      `error: pyscaffold needs ${missing.map((p) => `--allow-${p.name} (${p.why})`).join(", ")}.`,
    );
    console.error("hint: deno run -A main.ts ..., or install it: deno task install");
    Deno.exit(2);
  }
}
