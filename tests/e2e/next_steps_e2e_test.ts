/**
 * The next steps printed by `new`, run literally, in order, as a new user
 * would, against this machine's PostgreSQL and Redis ("already running here",
 * as the printed note says: the variables exported, `make services` skipped).
 * Databases next_steps_*, Redis db 13.
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "../_assert.ts";
import {
  Background,
  databaseUrl,
  freePort,
  freshDatabase,
  ok,
  REDIS,
  ROOT,
  run,
  servicesAvailable,
  tempDir,
  waitForHttp,
} from "./_harness.ts";
import { validatorsVenv } from "./_deploy_checks.ts";
import { toolPin } from "../../src/choices/dependencies.ts";

const REDIS_URL = `redis://${REDIS.host}:${REDIS.port}/13`;

/** The commands under "Next steps:", up to the first blank line, without their notes. */
function printedSteps(stdout: string): string[] {
  const after = stdout.slice(stdout.indexOf("Next steps:\n") + "Next steps:\n".length);
  return after.replace(/^\n+/, "").split("\n\n")[0].split("\n")
    .map((line) => line.trim().split(/\s{2,}/)[0]);
}

const CASES = [
  { name: "flask", flags: ["--framework", "flask", "--auth", "--cache", "--no-celery"] },
  { name: "quart", flags: ["--framework", "quart", "--no-auth", "--cache", "--celery"] },
];

for (const { name, flags } of CASES) {
  Deno.test({
    name: `next steps (${name}): printed by new, run as printed, they migrate, test and serve`,
    ignore: !(await servicesAvailable()),
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      const tmp = await tempDir(`next-steps-${name}`);
      const background: Background[] = [];
      try {
        const created = await ok(
          [Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), "new", "p", "--yes", "--install"]
            .concat(flags),
          { cwd: tmp, env: { ...Deno.env.toObject(), NO_COLOR: "1" } },
        );
        const steps = printedSteps(created.stdout);
        assertEquals(steps[0], "cd p", created.stdout);
        assert(steps.includes("make services"), created.stdout);
        assertMatch(created.stdout, /already running here\? Skip make services/);
        // --install did make install, .env was written: neither is left to do.
        assertEquals(steps.filter((s) => s.startsWith("make ")).slice(1, 4), [
          "make migrate",
          "make test",
          "make run",
        ]);
        console.log(`${name}: ${steps.join(" → ")}`);

        const project = join(tmp, "p");
        const [app, test] = [`next_steps_${name}_app`, `next_steps_${name}_test`];
        await freshDatabase(app);
        await freshDatabase(test);
        const port = freePort();
        // What the note says to do with services already running: export the URLs.
        const env = {
          PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
          HOME: Deno.env.get("HOME") ?? "/tmp",
          DATABASE_URL: await databaseUrl(project, app),
          TEST_DATABASE_URL: await databaseUrl(project, test),
          REDIS_URL,
          TEST_REDIS_URL: REDIS_URL,
          PORT: String(port),
        };
        let cwd = tmp;
        for (const step of steps) {
          if (step.startsWith("cd ")) cwd = join(cwd, step.slice(3));
          else if (step === "make services") continue; // the services already run here
          else if (step === "make run" || step === "make worker") {
            background.push(new Background(["sh", "-c", step], { cwd, env }));
          } else {
            const done = await ok(["sh", "-c", step], { cwd, env, timeoutMs: 300_000 });
            if (step === "make test") assertMatch(done.stdout, /\d+ passed/);
          }
        }
        const ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`, 60_000);
        assertEquals(ready.status, 200, await ready.text());
        // README's "Try it", run as written: each answer a success, the row in the page.
        const readme = await Deno.readTextFile(join(cwd, "README.md"));
        const block = /^## Try it\n[\s\S]*?^```sh\n([\s\S]*?)^```$/m.exec(readme)?.[1];
        assert(block, "README has no Try it block");
        const tried = await ok(["sh", "-e", "-c", block], { cwd, env });
        const answers = tried.stdout.trim().split("\n").map((line) => JSON.parse(line));
        assert(answers.every((a) => a.success === true), tried.stdout);
        assertEquals(answers.at(-1).data.map((row: { name: string }) => row.name), ["first"]);
        if (steps.includes("make worker")) {
          const queued = await fetch(`http://127.0.0.1:${port}/api/tasks/example`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ a: 2, b: 3 }),
          });
          assertEquals(queued.status, 202);
          const id = (await queued.json()).data.task_id;
          let status = "";
          for (let i = 0; i < 120 && status !== "SUCCESS"; i++) {
            await new Promise((r) => setTimeout(r, 500));
            const r = await fetch(`http://127.0.0.1:${port}/api/tasks/${id}`);
            status = (await r.json()).data?.status ?? "";
          }
          assertEquals(status, "SUCCESS", "the worker started by `make worker` ran the task");
        }
      } finally {
        for (const b of background.reverse()) await b.stop();
        await Deno.remove(tmp, { recursive: true }).catch(() => {});
      }
    },
  });
}

/** A project `p` made by `new --yes --no-git --no-env` and `flags` in a new temporary directory. */
async function madeProject(
  prefix: string,
  flags: string[],
): Promise<{ tmp: string; project: string }> {
  const tmp = await tempDir(prefix);
  await ok(
    [Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), "new", "p", "--yes", "--no-git"]
      .concat(["--no-env", ...flags]),
    { cwd: tmp, env: { ...Deno.env.toObject(), NO_COLOR: "1" } },
  );
  return { tmp, project: join(tmp, "p") };
}

Deno.test("make services, lock, audit, migrate, revision: without their tool or setting they say which, exit 2", async () => {
  const { tmp, project } = await madeProject("make-tools", ["--cache", "--no-celery"]);
  // Only the system's own directories: no docker, no uv, whatever this machine has.
  const bin = join(tmp, "bin");
  await Deno.mkdir(bin);
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: tmp, CALLS: join(tmp, "calls") };
  const make = (target: string) => run(["make", target], { cwd: project, env });

  // make alone lists every target that has a "## " line, with that line, and runs none.
  const listed = await run(["make"], { cwd: project, env });
  assertEquals(listed.code, 0, listed.stdout + listed.stderr);
  const targets = [...(await Deno.readTextFile(join(project, "Makefile")))
    .matchAll(/^([a-z][a-z-]*):.*## (.*)$/gm)];
  assert(targets.length >= 14, targets.map((t) => t[1]).join(" "));
  assertEquals(
    listed.stdout.trimEnd().split("\n").map((line) => line.replace(/\s+/g, " ").trim()),
    targets.map(([, name, line]) => `make ${name} ${line}`),
  );

  const services = await make("services");
  assertEquals(services.code, 2, services.stdout + services.stderr);
  assertMatch(services.stdout, /make services needs Docker with its compose plugin/);
  const lock = await make("lock");
  assertEquals(lock.code, 2, lock.stdout + lock.stderr);
  assertMatch(lock.stdout, /make lock needs uv \(https:\/\/docs\.astral\.sh\/uv\/\)/);
  const audit = await make("audit");
  assertEquals(audit.code, 2, audit.stdout + audit.stderr);
  assertMatch(audit.stdout, /^make audit needs uv: it runs pip-audit with uv .*PIP_AUDIT=/);
  // No DATABASE_URL (no .env, none exported): the targets that need it say so, not Alembic.
  for (const target of ["migrate", "revision MESSAGE=x"]) {
    const done = await run(["sh", "-c", `make ${target}`], { cwd: project, env });
    assertEquals(done.code, 2, done.stdout + done.stderr);
    assertMatch(done.stdout, /^Set DATABASE_URL in \.env or your environment/);
  }

  // Stand-ins that record how they are called.
  for (const tool of ["docker", "uv"]) {
    await Deno.writeTextFile(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "$CALLS"\n`);
    await Deno.chmod(join(bin, tool), 0o755);
  }
  for (const target of ["services", "lock"]) {
    const done = await make(target);
    assertEquals(done.code, 0, done.stdout + done.stderr);
  }
  // The stand-in wrote no lock file: audit says to make them first.
  const unlocked = await make("audit");
  assertEquals(unlocked.code, 2, unlocked.stdout + unlocked.stderr);
  assertMatch(unlocked.stdout, /^make audit reads the lock files: run make lock first/);
  for (const lock of ["requirements.lock", "requirements-dev.lock"]) {
    await Deno.writeTextFile(join(project, lock), "");
  }
  const audited = await make("audit");
  assertEquals(audited.code, 0, audited.stdout + audited.stderr);
  const calls = (await Deno.readTextFile(env.CALLS)).split("\n");
  assert(calls.includes("docker compose up --detach --wait db redis"), calls.join("\n"));
  assert(calls.some((c) => /^uv pip compile .*--output-file requirements-dev\.lock$/.test(c)));
  assert(
    calls.includes(
      `uv tool run --from ${toolPin("pip-audit")} pip-audit --strict --disable-pip ` +
        "--progress-spinner off -r requirements.lock -r requirements-dev.lock",
    ),
    calls.join("\n"),
  );
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("make lock, then make audit: pip-audit reads every locked package as pinned", async () => {
  const { tmp, project } = await madeProject("audit", ["--auth", "--cache", "--celery"]);
  const env = { ...Deno.env.toObject(), NO_COLOR: "1" };
  await ok(["make", "lock"], { cwd: project, env, timeoutMs: 300_000 });
  const locked = (name: string) =>
    Deno.readTextFileSync(join(project, name)).split("\n").flatMap((line) => {
      const pin = /^([a-z0-9][a-z0-9._-]*)==\S+( ;)?/.exec(line);
      return pin ? [{ name: pin[1], marker: pin[2] !== undefined }] : [];
    });
  const pins = [...locked("requirements.lock"), ...locked("requirements-dev.lock")];
  const names = new Set(pins.map((p) => p.name));
  const everywhere = new Set(pins.filter((p) => !p.marker).map((p) => p.name));
  assert(names.has("flask") && names.has("celery") && names.has("pytest"), [...names].join(" "));
  // A dry run: PyPI's advisory data is not reachable from here, and --strict fails the audit
  // of a package it cannot look up (checked by hand; the note on CI says so).
  const pipAudit = join(await validatorsVenv(), "bin", "pip-audit");
  const done = await ok(["make", "audit", `PIP_AUDIT=${pipAudit} --dry-run`], {
    cwd: project,
    env,
  });
  const output = done.stdout + done.stderr;
  const counted = /would have audited (\d+) packages/.exec(output);
  assert(counted, output);
  // Every package locked for every platform and Python, and at most every package locked
  // (one with a marker, such as Windows' colorama, only where the marker holds).
  const audited = Number(counted[1]);
  assert(audited >= everywhere.size && audited <= names.size, `${audited}: ${output}`);
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("make install: from the lock files; a pin changed without make lock stops it", async () => {
  const { tmp, project } = await madeProject("install", ["--no-auth", "--no-cache", "--no-celery"]);
  const env = { ...Deno.env.toObject(), NO_COLOR: "1" };
  await ok(["make", "lock"], { cwd: project, env, timeoutMs: 300_000 });
  const installed = await ok(["make", "install"], { cwd: project, env, timeoutMs: 600_000 });
  assertMatch(installed.stdout, /No broken requirements found/);
  // The editable install is a plain .pth line: setuptools prints no warning box about an import
  // hook (it did while the packages' directory was left implicit).
  const said = installed.stdout + installed.stderr;
  assert(!/BuildBackendWarning|Editable installation\./.test(said), said);

  // A pin moved in pyproject.toml, the lock files left as they were.
  const pyproject = join(project, "pyproject.toml");
  const text = await Deno.readTextFile(pyproject);
  const pin = /"orjson==(\d+)\.(\d+)\.(\d+)"/.exec(text);
  assert(pin, "orjson's pin");
  const older = `${pin[1]}.${Number(pin[2]) - 1}.0`;
  await Deno.writeTextFile(pyproject, text.replace(pin[0], `"orjson==${older}"`));
  const stale = await run(["make", "install"], { cwd: project, env });
  assertEquals(stale.code, 2, stale.stdout + stale.stderr);
  assertMatch(stale.stdout, new RegExp(`has requirement orjson==${older.replaceAll(".", "\\.")}`));
  assertMatch(
    stale.stdout,
    /do not hold the versions pyproject\.toml pins \(above\): run make lock/,
  );
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("make set-image: a digest only, written on every workload's image line and nowhere else", async () => {
  const { tmp, project } = await madeProject("set-image", ["--auth", "--celery"]);
  const k8s = join(project, "deploy", "k8s");
  const manifests = () =>
    Object.fromEntries(
      [...Deno.readDirSync(k8s)].map((e) => [e.name, Deno.readTextFileSync(join(k8s, e.name))]),
    );
  const before = manifests();
  const setImage = (image?: string) =>
    run(["make", "set-image", ...image === undefined ? [] : [`IMAGE=${image}`]], { cwd: project });

  // No image, a tag, a digest too short, a reference sed would read as syntax: refused, untouched.
  const digest = "0123456789abcdef".repeat(4);
  const refused = [undefined, "registry.example.com/p:1.0.0", "registry.example.com/p@sha256:abc"]
    .concat([`registry.example.com/p|x@sha256:${digest}`]);
  for (const image of refused) {
    const done = await setImage(image);
    assertEquals(done.code, 2, `${image}: ${done.stdout}${done.stderr}`);
    assertMatch(done.stdout, /^Usage: make set-image IMAGE=registry\.example\.com\/p@sha256:/);
    assertEquals(manifests(), before);
  }

  const image = `registry.example.com/team/p:1.0.0@sha256:${digest}`;
  const done = await setImage(image);
  assertEquals(done.code, 0, done.stdout + done.stderr);
  const after = manifests();
  const workloads = ["api-deployment.yaml", "migrate-job.yaml", "purge-cronjob.yaml"]
    .concat("worker-deployment.yaml");
  for (const [name, text] of Object.entries(before)) {
    const was = text.split("\n"), now = after[name].split("\n");
    const changed = was.flatMap((line, i) => line === now[i] ? [] : [[line, now[i]]]);
    if (!workloads.includes(name)) {
      assertEquals(changed, [], name);
      continue;
    }
    assertEquals(changed.length, 1, `${name}: ${JSON.stringify(changed)}`);
    assertMatch(changed[0][0], /^ +image: registry\.example\.com\/p:0\.1\.0 {2}# the app's image/);
    assertEquals(changed[0][1], changed[0][0].replace("registry.example.com/p:0.1.0", image));
  }
  // A later release moves the same lines again.
  const next = `registry.example.com/team/p@sha256:${"f".repeat(64)}`;
  assertEquals((await setImage(next)).code, 0);
  for (const name of workloads) assert(manifests()[name].includes(`image: ${next}  #`), name);
  await Deno.remove(tmp, { recursive: true });
});
