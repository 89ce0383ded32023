/**
 * The cheap checks on every combination the tool can produce: generate with
 * the real CLI, then ruff check, ruff format --check, compileall and mypy, and
 * the deployment files offline: hadolint, kubernetes-validate, zizmor, actionlint
 * (one shared environment of validators, tests/e2e/_deploy_checks.ts). The
 * tool's own workflows get zizmor and actionlint too.
 * mypy runs in one environment per framework × database holding the
 * dependencies of the all-switches-on project (a superset of every other
 * combination's), so 32 projects need only four environments.
 */
import { join } from "node:path";
import { actionlintFindings, checkDeployFiles, zizmor } from "./_deploy_checks.ts";
import {
  allCombos,
  type Combo,
  comboFlags,
  comboName,
  generate,
  mypy,
  ok,
  pyright,
  ROOT,
  supported,
  tempDir,
  venvEnv,
  venvFor,
} from "./_harness.ts";
import { longestNames } from "../_longest_names.ts";

const parent = await tempDir("matrix");
const superset = new Map<string, Promise<string>>();

function supersetVenv(c: Combo): Promise<string> {
  const key = `${c.framework}-${c.database}`;
  if (!superset.has(key)) {
    superset.set(
      key,
      (async () => {
        const dir = join(parent, `superset-${key}`);
        await generate(dir, comboFlags({ ...c, auth: true, cache: true, celery: true }));
        return await venvFor(dir);
      })(),
    );
  }
  return superset.get(key)!;
}

for (const combo of allCombos()) {
  const name = comboName(combo);
  Deno.test({
    name: `matrix ${name}: generate, ruff, ruff format, compileall, mypy, deptry, deploy files`,
    ignore: !(await supported(combo)),
    fn: async () => {
      const dir = join(parent, name);
      await generate(dir, comboFlags(combo));
      const env = venvEnv(await supersetVenv(combo));
      await ok(["ruff", "check", "--no-cache", "."], { cwd: dir, env });
      await ok(["ruff", "format", "--check", "--no-cache", "."], { cwd: dir, env });
      await ok(["python", "-m", "compileall", "-q", "."], { cwd: dir, env });
      await mypy(dir, env);
      // imports and declared dependencies agree (make lint): the superset venv knows every
      // package's modules, and the project's own pyproject.toml says what it declares
      await ok(["deptry", "."], { cwd: dir, env });
      await checkDeployFiles(dir);
    },
  });
}

/**
 * The longest names the tool accepts (tests/_longest_names.ts) and an ordinary multi-word
 * module, added to a project with every switch on: the generated code passes ruff and mypy
 * and deptry as generated (python_format_test.ts checks ruff alone, without mypy), and
 * pyright: a developer's editor may check with it rather than mypy.
 */
for (const framework of ["flask", "quart"] as const) {
  const combo: Combo = { framework, database: "postgresql", auth: true, cache: true, celery: true };
  Deno.test({
    name: `matrix ${framework}: the longest names pass ruff, ruff format, mypy, pyright, deptry`,
    ignore: !(await supported(combo)),
    fn: async () => {
      const { project, module, other, fields } = longestNames(combo.database);
      const dir = join(parent, `longest-${framework}`, project);
      await Deno.mkdir(join(dir, ".."), { recursive: true });
      await generate(dir, [...comboFlags(combo), "--module", module]);
      const cli = [Deno.execPath(), "run", "-A", join(ROOT, "main.ts")];
      await ok([...cli, "add", other, ...fields.flatMap((f) => ["--field", f])], { cwd: dir });
      // the other access policies (issue 14): their guards and tests lint and type-check too
      const policies = [["booking_item", "public-read"], ["setting", "admin"], [
        "note",
        "authenticated",
      ]];
      for (const [module, access] of policies) {
        await ok([...cli, "add", module, "--access", access, "--field", "title:str:required"], {
          cwd: dir,
        });
      }
      const env = venvEnv(await supersetVenv(combo));
      await ok(["ruff", "check", "--no-cache", "."], { cwd: dir, env });
      await ok(["ruff", "format", "--check", "--no-cache", "."], { cwd: dir, env });
      await mypy(dir, env);
      await pyright(dir, env);
      await ok(["deptry", "."], { cwd: dir, env });
    },
  });
}

Deno.test("the tool's own workflows: zizmor --offline and actionlint", async () => {
  await zizmor(".github/workflows", ROOT);
  const findings: string[] = [];
  for (const entry of Deno.readDirSync(join(ROOT, ".github", "workflows"))) {
    findings.push(...await actionlintFindings(join(ROOT, ".github", "workflows", entry.name)));
  }
  if (findings.length > 0) throw new Error(`actionlint:\n${findings.join("\n")}`);
});
