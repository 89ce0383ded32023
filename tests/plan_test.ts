import { assert, assertEquals } from "./_assert.ts";
import {
  buildProjectPlan,
  fileBytes,
  planSummary,
  resolveTemplate,
  sha256,
} from "../src/plan/mod.ts";
import { lineCount } from "../src/plan/_types.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { PROJECT_FILES } from "../src/plan/project_files.ts";
import { MODULE_FILES } from "../src/plan/module_files.ts";
import { hasTemplate } from "../src/render/mod.ts";
import { ANSWERS_FILE } from "../src/project/answers_file.ts";
import { VERSION } from "../src/version.ts";
import { allCombos, type Combo, comboName, supported } from "./e2e/_harness.ts";

const SUPPORTED: Combo[] = [];
for (const c of allCombos()) if (await supported(c)) SUPPORTED.push(c);

Deno.test("plan: every file rule that applies points at an existing template", () => {
  for (const combo of SUPPORTED) {
    const spec = resolveProjectSpec({ name: "svc", ...combo });
    const families = [["project", PROJECT_FILES], ["module", MODULE_FILES]] as const;
    for (const [family, rules] of families) {
      for (const rule of rules.filter((r) => r.when?.(spec) ?? true)) {
        const template = resolveTemplate(family, rule.template, spec.framework);
        assert(hasTemplate(template), `${comboName(combo)} ${rule.path}: no template ${template}`);
      }
    }
  }
});

Deno.test("plan: every supported combination plans safe, unique paths with provenance", async () => {
  assert(SUPPORTED.length > 0);
  for (const combo of SUPPORTED) {
    const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", ...combo }));
    const paths = plan.files.map((f) => f.path);
    assertEquals(new Set(paths).size, paths.length, `${comboName(combo)}: duplicate paths`);
    assertEquals([...paths].sort(), paths, "files are sorted");
    assert(paths.includes(ANSWERS_FILE));
    for (const file of plan.files) {
      assert(!file.path.startsWith("/") && !file.path.split("/").includes(".."), file.path);
      assert(!/[\\\0]/.test(file.path), file.path);
      assert(file.why.length > 0, `${file.path}: no why`);
      assertEquals(file.size, fileBytes(file).length);
      assert(!/<%|%>/.test(file.content), `${file.path}: unrendered Eta tag`);
    }
    const summary = planSummary(plan);
    assertEquals(summary.files, plan.files.length);
  }
});

Deno.test("plan: a file's lines are counted as an editor shows them", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["a", 1],
    ["a\n", 1],
    ["a\nb", 2],
    ["a\nb\n", 2],
    ["\n", 1],
    ["\n\n", 2],
    ["a\r\nb\r\n", 2],
  ];
  for (const [content, lines] of cases) {
    assertEquals(lineCount(content), lines, JSON.stringify(content));
  }
});

Deno.test("plan: rendering is deterministic", async () => {
  const spec = resolveProjectSpec({ name: "svc" });
  assertEquals(await buildProjectPlan(spec), await buildProjectPlan(spec));
});

Deno.test("plan: switches change the file set the way their origin says", async () => {
  const on = await buildProjectPlan(
    resolveProjectSpec({ name: "svc", auth: true, cache: true, celery: true }),
  );
  const off = await buildProjectPlan(
    resolveProjectSpec({ name: "svc", auth: false, cache: false, celery: false }),
  );
  const offPaths = new Set(off.files.map((f) => f.path));
  for (const file of on.files) {
    if (["auth", "cache", "celery"].includes(file.origin)) {
      assert(!offPaths.has(file.path), `${file.path} (${file.origin}) present with the switch off`);
    }
  }
});

Deno.test("plan: the answers file records the answers, the module's record its file hashes", async () => {
  const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", celery: true }));
  const file = plan.files.find((f) => f.path === ANSWERS_FILE)!;
  const data = JSON.parse(file.content);
  assertEquals(data.answers.celery, true);
  assertEquals(Object.keys(data).sort(), ["answers", "ids", "pyscaffold"]);
  // A new project's ids are 64-bit, and its answers file says so (an older one records none).
  assertEquals(data.ids, "bigint");
  const record = plan.files.find((f) => f.path === ".pyscaffold/modules/items.json")!;
  const moduleFiles = plan.files.filter((f) => f.origin === "module" && f !== record)
    .map((f) => f.path).sort();
  const hashes: Record<string, string> = JSON.parse(record.content).files;
  assertEquals(Object.keys(hashes).sort(), moduleFiles);
  for (const path of moduleFiles) {
    assertEquals(hashes[path], await sha256(plan.files.find((f) => f.path === path)!.content));
  }
});

Deno.test("snapshot: file trees of representative combinations", async (t) => {
  for (const combo of SUPPORTED.filter((c) => c.auth === c.cache && c.cache === c.celery)) {
    const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", ...combo }));
    await t.assertSnapshot(
      plan.files.map((f) => `${f.path}  [${f.origin}]`).join("\n"),
      comboName(combo),
    );
  }
});

Deno.test("plan: docker compose and the CronJob run the daily purge, with auth or without", async () => {
  for (const auth of [true, false]) {
    const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", auth }));
    const file = (path: string) => plan.files.find((f) => f.path === path)?.content ?? "";
    const compose = file("docker-compose.yml");
    assert(/\n {2}purge:\n/.test(compose), "no purge service");
    assert(compose.includes("python -m src.cli purge; sleep 86400"), "not the daily purge");
    assert(compose.includes("trap 'exit 0' TERM"), "a stop waits for its timeout");
    assert(compose.includes("DELETED_ROWS_RETENTION_DAYS: ${DELETED_ROWS_RETENTION_DAYS:-}"));
    const cronJob = file("deploy/k8s/purge-cronjob.yaml");
    assert(cronJob.includes('command: ["python", "-m", "src.cli", "purge"]'), "no CronJob");
    assert(file("deploy/k8s/configmap.yaml").includes('DELETED_ROWS_RETENTION_DAYS: ""'));
    assert(file("src/cli.py").includes("def purge_deleted_rows("));
    assert(file("src/cli.py").includes("def create_admin(") === auth, "create-admin is auth's");
  }
});

Deno.test("plan: pyproject.toml does not name pyscaffold's version, so an update asks make lock only when pins change", async () => {
  // `update` prints `make lock` and `make install` when it rewrites pyproject.toml; a release
  // of pyscaffold that changes no pin or setting must leave the file as it is.
  for (const framework of ["flask", "quart"] as const) {
    const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc", framework }));
    const pyproject = plan.files.find((f) => f.path === "pyproject.toml")!.content;
    // A package pinned at the same number (quart==0.22.0 beside pyscaffold 0.22.0) is not it.
    const naming = pyproject.split("\n").filter((line) =>
      line.includes(VERSION) && !line.includes(`==${VERSION}"`)
    );
    assert(naming.length === 0, `pyproject.toml names ${VERSION}: ${naming.join(" | ")}`);
  }
});
