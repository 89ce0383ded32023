/**
 * One OpenAPI document for both frameworks, and outside tools agree with it
 * (issue 16, item 7). For Flask and Quart: a project with every feature on,
 * plus the issue's `bookings` module (str, int with a default, decimal,
 * datetime, enum), with an optional JSON object and reference to items.
 *
 * - Parity: each app's /openapi.json, taken by importing the app in Python
 *   (no server), is the same document on both frameworks once the title (the
 *   project's name) is set aside.
 * - openapi-spec-validator accepts it; openapi-python-client generates a
 *   client from it without a single warning (a dropped response or model, a
 *   duplicate model name would be one).
 * - schemathesis `--checks all` against each framework's production server:
 *   0 failures of any check, not only 5xx. Register may refuse a schema-valid
 *   password (common, one repeated character, the email): the document says
 *   so on the field and documents the 422, and the run is told that answer is
 *   expected there. Logout and logout-all are left out: they would revoke the run's own
 *   token.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../_assert.ts";
import {
  type Combo,
  comboFlags,
  generate,
  ok,
  PG,
  REDIS,
  ROOT,
  run,
  servicesAvailable,
  supported,
  tempDir,
  venvEnv,
  venvFor,
} from "./_harness.ts";
import { type RunningProject, startProject, toolsBin } from "./_reliability.ts";

const FRAMEWORKS = ["flask", "quart"] as const;
const BOOKINGS = [
  "bookings",
  "--field",
  "title:str(120):required",
  "--field",
  "nights:int:default=1",
  "--field",
  "price:decimal(10,2):index",
  "--field",
  "starts_at:datetime:index",
  "--field",
  "status:enum(draft|sent)",
  "--field",
  "extras:json:optional",
  "--field",
  "item:ref:items:optional",
];
// Test cases per operation and phase: enough for every phase to reach every operation, and
// the whole file in about three minutes on two quiet cores.
const MAX_EXAMPLES = Deno.env.get("OPENAPI_MAX_EXAMPLES") ?? "10";
const available = await servicesAvailable();

function everything(framework: Combo["framework"]): Combo {
  return { framework, database: "postgresql", auth: true, cache: true, celery: true };
}

async function addBookings(dir: string): Promise<void> {
  await ok([Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), "add", ...BOOKINGS, "--yes"], {
    cwd: dir,
  });
}

/** The app's /openapi.json, from a Python process that imports it (no server, no database). */
const DUMP = `
import asyncio, json, sys
from src import create_app
app = create_app()
response = app.test_client().get("/openapi.json")
if asyncio.iscoroutine(response):
    response = asyncio.run(response)
    document = asyncio.run(response.get_json())
else:
    document = response.get_json()
assert response.status_code == 200, response.status_code
sys.stdout.write(json.dumps(document, sort_keys=True))
`;

// deno-lint-ignore no-explicit-any
type Document = any;

async function dumpDocument(dir: string): Promise<Document> {
  const venv = await venvFor(dir);
  const result = await ok([join(venv, "bin", "python"), "-c", DUMP], {
    cwd: dir,
    env: venvEnv(venv, {
      APP_ENV: "development",
      DATABASE_URL: `postgresql+psycopg://postgres@127.0.0.1:5432/not_opened`,
      REDIS_URL: `redis://${REDIS.host}:${REDIS.port}/15`,
      LOG_LEVEL: "ERROR",
    }),
  });
  return JSON.parse(result.stdout);
}

Deno.test({
  name: "openapi: Flask and Quart publish one document; spec validator and client generator agree",
  ignore: !available || !(await supported(everything("quart"))),
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const parent = await tempDir("openapi-parity");
    try {
      const documents: Record<string, Document> = {};
      for (const framework of FRAMEWORKS) {
        const dir = join(parent, `doc-${framework}`);
        await generate(dir, comboFlags(everything(framework)));
        await addBookings(dir);
        documents[framework] = await dumpDocument(dir);
      }
      const flask = documents.flask;
      const bin = await toolsBin();

      await t.step("the same document on both frameworks (title aside)", () => {
        const [a, b] = FRAMEWORKS.map((framework) => {
          const copy = structuredClone(documents[framework]);
          delete copy.info.title;
          return copy;
        });
        assertEquals(a, b);
      });

      await t.step("what both publish: ids, tags, errors, envelopes, enums, decimals", () => {
        const operations = Object.entries(flask.paths).flatMap(([path, methods]) =>
          Object.entries(methods as Record<string, Document>).map(([method, op]) => ({
            path,
            method,
            op,
          }))
        );
        assert(operations.length >= 24, `only ${operations.length} operations`);
        const ids = operations.map(({ op }) => op.operationId);
        assertEquals(new Set(ids).size, ids.length, "operationIds are unique");
        for (const { path, method, op } of operations) {
          const where = `${method} ${path}`;
          const statuses = Object.keys(op.responses);
          assertEquals(op.tags.length, 1, where);
          assert(statuses.includes("500"), `${where}: no 500`);
          if (op.security) assert(statuses.includes("401"), `${where}: no 401`);
          if (op.requestBody) {
            assert(statuses.includes("400") && statuses.includes("422"), `${where}: no 400/422`);
            assert(statuses.includes("408") && statuses.includes("413"), `${where}: no 408/413`);
            assertEquals(op.requestBody.required, path !== "/api/auth/logout", where);
          }
          if (path.includes("{")) assert(statuses.includes("404"), `${where}: no 404`);
          for (const answer of Object.values(op.responses) as Document[]) {
            assert(answer.content["application/json"].schema.$ref, `${where}: inline schema`);
          }
        }
        const schemas = flask.components.schemas;
        assertEquals(flask.paths["/api/auth/logout"].post.requestBody.required, false);
        assertEquals(schemas.BookingOut.properties.status.enum, ["draft", "sent"]);
        assertEquals(
          schemas.BookingCreate.properties.price.pattern,
          "^-?[0-9]{1,8}(\\.[0-9]{1,2})?$",
        );
        assertEquals(schemas.BookingOutPage.required, ["success", "data", "pagination"]);
        assertEquals(schemas.Error.required, ["success", "error", "details"]);
      });

      const file = join(parent, "openapi.json");
      await Deno.writeTextFile(file, JSON.stringify(flask));

      await t.step("openapi-spec-validator accepts it", async () => {
        const result = await run([join(bin, "openapi-spec-validator"), file]);
        assertEquals(result.code, 0, `${result.stdout}\n${result.stderr}`);
      });

      await t.step("openapi-python-client generates a client without a warning", async () => {
        const out = join(parent, "client");
        const result = await run([
          join(bin, "openapi-python-client"),
          "generate",
          "--path",
          file,
          "--output-path",
          out,
          "--overwrite",
        ], { env: { PATH: `${bin}:${Deno.env.get("PATH")}`, HOME: "/tmp" } });
        const output = `${result.stdout}\n${result.stderr}`;
        assertEquals(result.code, 0, output);
        assert(!/warning|error/i.test(output), output);
        // Every documented answer of login has a parser (none dropped as a duplicate model).
        const login = await Deno.readTextFile(
          join(out, await firstDir(out), "api", "auth", "post_login.py"),
        );
        for (const status of Object.keys(flask.paths["/api/auth/login"].post.responses)) {
          assert(login.includes(`status_code == ${status}`), `login ${status} is not parsed`);
        }
      });
    } finally {
      await run(["rm", "-rf", parent]);
    }
  },
});

/** The package directory openapi-python-client wrote (named after the title). */
async function firstDir(out: string): Promise<string> {
  for await (const entry of Deno.readDir(out)) {
    if (entry.isDirectory && !entry.name.startsWith(".")) return entry.name;
  }
  throw new Error(`no package in ${out}`);
}

/** schemathesis' settings for this API (schemathesis.toml in its working directory). */
const SCHEMATHESIS_CONFIG = `
# Register refuses some schema-valid passwords (common ones, one repeated character, the
# email): the field's description says so and the 422 is documented.
[[operations]]
include-operation-id = "post_register"
checks.positive_data_acceptance.expected-statuses = ["2xx", "409", "422"]

# The same addresses refused (a special-use domain such as example.invalid) on a reset request.
[[operations]]
include-operation-id = "post_request_password_reset"
checks.positive_data_acceptance.expected-statuses = ["2xx", "422"]

# A reset token is a signed JWT that a fuzzer cannot make: every schema-valid one is refused.
[[operations]]
include-operation-id = "post_reset_password"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "422"]

# An email at a special-use domain is refused at login as at registration (the field says so).
[[operations]]
include-operation-id = "post_login"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "422", "429", "503"]

# A new password has registration's rules (the field says so), and the current password is
# never what a fuzzer sends (403, documented).
[[operations]]
include-operation-id = "post_change_password"
checks.positive_data_acceptance.expected-statuses = ["2xx", "403", "422"]

# A reference must name an active row of the caller's items, and a JSON field's numbers must fit
# 64 bits: the fields' descriptions say so and the 422 is documented. A fuzzer's ids rarely
# name one.
[[operations]]
include-operation-id = ["post_create_booking", "patch_update_booking", "put_update_booking"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "404", "409", "422"]
`;

for (const framework of FRAMEWORKS) {
  const combo = everything(framework);
  Deno.test({
    name: `openapi ${framework}: schemathesis --checks all finds nothing`,
    ignore: !available || !(await supported(combo)),
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      let project: RunningProject | undefined;
      const work = await tempDir(`openapi-st-${framework}`);
      try {
        project = await startProject(
          combo,
          { pg: PG, redisUrl: `redis://${REDIS.host}:${REDIS.port}/12` },
          {
            LOGIN_RATE_LIMIT: "10000 per minute",
            REGISTER_RATE_LIMIT: "10000 per hour",
            PASSWORD_RESET_RATE_LIMIT: "10000 per hour",
            // Reset mail goes to a port nobody listens on: the request is answered (202) and
            // the mail's failure, after the response, is logged (src/auth/mail.py).
            SMTP_URL: "smtp+plain://127.0.0.1:9",
          },
          { prepare: addBookings, label: "openapi" },
        );
        const email = `fuzzer-${crypto.randomUUID()}@example.com`;
        const body = JSON.stringify({ email, password: "correct horse battery staple" });
        const headers: Record<string, string> = { "content-type": "application/json" };
        for (const path of ["register", "login"]) {
          const answer = await fetch(`${project.base}/api/auth/${path}`, {
            method: "POST",
            headers,
            body,
          });
          const json = await answer.json();
          assert(answer.status < 300, `${path}: ${answer.status} ${JSON.stringify(json)}`);
          if (path === "login") headers.authorization = `Bearer ${json.data.access_token}`;
        }
        await Deno.writeTextFile(join(work, "schemathesis.toml"), SCHEMATHESIS_CONFIG);
        const bin = await toolsBin();
        const result = await run([
          join(bin, "schemathesis"),
          "run",
          `${project.base}/openapi.json`,
          "--checks",
          "all",
          "--header",
          `Authorization: ${headers.authorization}`,
          "--exclude-path",
          "/api/auth/logout",
          "--exclude-path",
          "/api/auth/logout-all",
          "--max-examples",
          MAX_EXAMPLES,
          "--seed",
          "1",
          // One worker: Python 3.11's ast.parse can fail when two threads parse at once (the AST state's
          // recursion depth is shared: "SystemError: AST constructor recursion depth mismatch", seen
          // here in Hypothesis describing a filter, CPython gh-106905), and crashed the run.
          "--workers",
          "1",
          "--request-timeout",
          "20",
          "--generation-database",
          "none",
          "--no-color",
        ], {
          // schemathesis reads schemathesis.toml and keeps a cache in its working directory.
          cwd: work,
          env: { PATH: Deno.env.get("PATH") ?? "", HOME: work },
          timeoutMs: 600_000,
        });
        const summary = /Test cases:\s*\n\s*(.*)/.exec(result.stdout)?.[1] ?? "?";
        console.log(`schemathesis ${framework}: ${summary}`);
        assertEquals(
          result.code,
          0,
          `${result.stdout.slice(-8000)}\n${result.stderr.slice(-2000)}`,
        );
        assert(/\d+ passed/.test(summary), `no test case passed: ${summary}`);
      } finally {
        const log = await project?.stop();
        await run(["rm", "-rf", work]);
        if (log && /Traceback/.test(log)) console.log(log.slice(-4000));
      }
    },
  });
}
