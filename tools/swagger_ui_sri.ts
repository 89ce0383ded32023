/**
 * `deno run -A tools/swagger_ui_sri.ts [VERSION]`: the Subresource Integrity hashes of the two
 * Swagger UI files a generated project's /docs page loads from jsDelivr, for SWAGGER_UI in
 * src/choices/dependencies.ts. jsDelivr serves an npm package's files as published, so the
 * hashes are taken from the package itself (`npm pack`, from the registry): run this when the
 * version changes and paste what it prints.
 */
import { join } from "node:path";

const FILES = ["swagger-ui.css", "swagger-ui-bundle.js"] as const;

async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stderr: "inherit" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout).trim();
}

const version = Deno.args[0] ?? "latest";
const dir = await Deno.makeTempDir({ prefix: "swagger-ui-" });
try {
  const packed = JSON.parse(
    await run("npm", ["pack", `swagger-ui-dist@${version}`, "--json"], dir),
  );
  await run("tar", ["-xzf", packed[0].filename], dir);
  const entries: string[] = [];
  for (const file of FILES) {
    const bytes = await Deno.readFile(join(dir, "package", file));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
    entries.push(`    "${file}": "sha384-${digest.toBase64()}",`);
  }
  console.log(`  version: "${packed[0].version}",\n  integrity: {\n${entries.join("\n")}\n  },`);
} finally {
  await Deno.remove(dir, { recursive: true });
}
