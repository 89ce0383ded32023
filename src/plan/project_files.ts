/**
 * The project-level files: which template makes each file, when it is
 * included, and why it exists. The files every project has are listed here;
 * a question's own files are in its record (src/choices/features/), and
 * included when its answer brings them. Module files (controller, service,
 * ...) are in module_files.ts and are shared with `pyscaffold add`.
 *
 * A rule names its template by the generated path; `resolveTemplate()` picks
 * templates/project/<framework>/<path>.eta where a framework has its own
 * version, and templates/project/<path>.eta otherwise.
 */
import type { FileRule } from "./_types.ts";
import {
  conditionHolds,
  PROJECT_QUESTIONS,
  type ProjectSpec,
  questionApplies,
} from "../choices/features/mod.ts";
import { FRAMEWORK_PROFILES } from "../choices/frameworks.ts";

type Rule = FileRule<ProjectSpec>;

/** A file whose template is named by its path. */
function common(path: string, rule: Omit<Rule, "path" | "template">): Rule {
  return { path, template: path, ...rule };
}

/** A file every project has, in a version that depends on the framework. */
function framework(path: string, rule: Omit<Rule, "path" | "template" | "origin">): Rule {
  return { path, template: path, origin: "framework", ...rule };
}

/** The files every project has. */
const CORE_FILES: readonly Rule[] = [
  // Tooling and deployment
  common("README.md", {
    origin: "core",
    why: "how to run, test, migrate and extend the project",
    lesson: "three-layer-architecture",
  }),
  common("pyproject.toml", {
    origin: "core",
    why: "pinned dependencies and the ruff, mypy and pytest settings",
    lesson: "testing",
  }),
  common("Makefile", {
    origin: "core",
    why: "one command for install, lint, typecheck, test, migrate, run (and worker)",
    lesson: "testing",
  }),
  common(".env.example", {
    origin: "core",
    why: "every environment variable the app reads, with safe placeholders",
    lesson: "configuration",
  }),
  common("docs/ARCHITECTURE.md", {
    origin: "core",
    why: "a tour of this project's layers and of a request through them",
    lesson: "three-layer-architecture",
  }),
  common(".gitignore", { origin: "core", why: "keeps venvs, caches and .env out of git" }),
  common(".gitattributes", {
    origin: "core",
    why: "git and GitHub fold pyscaffold's base store in diffs and reviews",
    lesson: "living-with-a-generated-project",
  }),
  common(".dockerignore", {
    origin: "core",
    why: "keeps .env, venvs and caches out of the image's build context",
    lesson: "configuration",
  }),
  common("Dockerfile", {
    origin: "core",
    why: "a non-root production image",
    lesson: "configuration",
  }),
  common("docker-compose.yml", {
    origin: "core",
    why: "the API with its database, Redis and worker, each with a health check",
    lesson: "configuration",
  }),
  common(".github/workflows/ci.yml", {
    origin: "core",
    why: "lint, type-check and test on every push, against real services; lint the deploy files",
    lesson: "testing",
  }),
  common(".github/zizmor.yml", {
    origin: "core",
    why: "zizmor's audit policy: GitHub's own actions pinned to versions, and why",
  }),
  // Kubernetes (README, "Kubernetes" and "Scaling out"); the worker is in the celery record
  ...[
    ["configmap.yaml", "the settings that are not secret, as environment variables"],
    ["migrate-job.yaml", "alembic upgrade head, once, before each rollout"],
    ["api-deployment.yaml", "stateless API replicas: probes, resources, non-root, read-only"],
    ["api-service.yaml", "the API's stable address in the cluster"],
    ["api-hpa.yaml", "more API replicas under CPU load"],
    ["api-pdb.yaml", "node drains keep an API replica serving"],
    ["network-policy.yaml", "only the Ingress controller reaches the API; nothing else connects"],
    ["purge-cronjob.yaml", "daily, python -m src.cli purge: what a table should no longer keep"],
  ].map(([file, why]) =>
    common(`deploy/k8s/${file}`, { origin: "core", why, lesson: "configuration" })
  ),
  common("deploy/secret.template.yaml", {
    origin: "core",
    why: "the keys of the Secret the app needs, without values; outside deploy/k8s/, so " +
      "applying that directory never empties the real Secret",
    lesson: "configuration",
  }),
  // Application core
  framework("src/__init__.py", {
    why: "create_app(): configuration, extensions, error handlers, blueprint discovery",
    lesson: "application-factory",
  }),
  common("src/config.py", {
    origin: "core",
    why: "configuration from the environment; refuses weak secrets outside development",
    lesson: "configuration",
  }),
  framework("src/database.py", {
    why: "the engine and one session per request",
    lesson: "base-model",
  }),
  framework("src/extensions.py", {
    why: "the extensions (CORS, JWT, cache, Celery) bound in create_app",
    lesson: "application-factory",
  }),
  common("src/cli.py", {
    origin: "core",
    why: "python -m src.cli: purge (daily), purge-deleted-rows (DELETED_ROWS_RETENTION_DAYS), " +
      "and with auth create-admin and purge-revoked-tokens",
    lesson: "base-model",
  }),
  common("src/envelope.py", {
    origin: "core",
    why: "the one JSON shape of every response",
    lesson: "response-envelope",
  }),
  common("src/errors.py", {
    origin: "core",
    why: "the errors services raise and the messages of the API contract",
    lesson: "response-envelope",
  }),
  framework("src/error_handlers.py", {
    why: "turns every exception, 404 and 500 included, into the envelope",
    lesson: "response-envelope",
  }),
  framework("src/validation.py", {
    why: "request bodies and query strings into pydantic models (400 / 422)",
    lesson: "response-envelope",
  }),
  common("src/openapi.py", {
    origin: "core",
    why: "a small registry: the OpenAPI document at /openapi.json and the /docs page",
    lesson: "three-layer-architecture",
  }),
  common("src/pagination.py", {
    origin: "core",
    why: "page parameters (per_page capped at 100) and page results",
    lesson: "pagination",
  }),
  common("src/security.py", {
    origin: "core",
    why: "security headers on every response",
    lesson: "configuration",
  }),
  common("src/logging_config.py", {
    origin: "core",
    why: "JSON logs carrying the request id",
    lesson: "configuration",
  }),
  common("src/middleware.py", {
    origin: "core",
    why: "around every request: its id, the security headers, the access log line",
    lesson: "configuration",
  }),
  // Models
  common("src/models/__init__.py", {
    origin: "core",
    why: "imports every *_model.py, so Alembic and the app see new models",
    lesson: "auto-discovery",
  }),
  common("src/models/base_model.py", {
    origin: "core",
    why: "the declarative base, naming convention and audit fields",
    lesson: "base-model",
  }),
  common("src/models/types.py", {
    origin: "core",
    why: "UtcDateTime: timezone-aware UTC timestamps; how migrations name such types",
    lesson: "base-model",
  }),
  // Health
  framework("src/health/__init__.py", { why: "the health package", lesson: "auto-discovery" }),
  framework("src/health/health_controller.py", {
    why: "/health/live and /health/ready for orchestrators",
    lesson: "three-layer-architecture",
  }),
  framework("src/health/health_service.py", {
    why: "checks the database (and Redis) for readiness",
    lesson: "three-layer-architecture",
  }),
  // Live feeds (Quart): GET /ws/<table>, discovered like controllers
  ...[
    ["src/realtime/__init__.py", "the live feeds package (its controller is discovered)"],
    ["src/realtime/realtime_feeds.py", "which modules have a feed; row changes caught at commit"],
    [
      "src/realtime/realtime_hub.py",
      "fan-out: Redis pub/sub or in-process, a bounded queue per socket",
    ],
    [
      "src/realtime/realtime_controller.py",
      "GET /ws/<table>: authentication, heartbeats, close codes",
    ],
    ["tests/test_realtime.py", "the hub: slow sockets closed, others and the writer unaffected"],
  ].map(([path, why]) =>
    framework(path, {
      why,
      lesson: "websockets",
      when: (spec) => FRAMEWORK_PROFILES[spec.framework].realtime,
    })
  ),
  // Migrations
  common("alembic.ini", {
    origin: "core",
    why: "Alembic settings (the URL comes from DATABASE_URL; ruff on what it writes)",
    lesson: "migrations",
  }),
  common("migrations/env.py", {
    origin: "core",
    why: "runs migrations against DATABASE_URL with the discovered models",
    lesson: "migrations",
  }),
  common("migrations/script.py.mako", {
    origin: "core",
    why: "the template of new revisions (typed, ruff-clean)",
    lesson: "migrations",
  }),
  common("migrations/versions/0001_initial.py", {
    origin: "core",
    why: "the initial revision: creates every table",
    lesson: "migrations",
  }),
  // Tests
  framework("tests/__init__.py", { why: "the test package", lesson: "testing" }),
  framework("tests/conftest.py", {
    why: "the app, client and clean tables against TEST_DATABASE_URL",
    lesson: "testing",
  }),
  framework("tests/test_app.py", {
    why: "the factory, the envelope on every error, headers, OpenAPI",
    lesson: "testing",
  }),
  common("tests/test_cli.py", {
    origin: "core",
    why: "the purge erases old deleted rows only, keeps referenced ones; " +
      "with auth, create-admin and purge-revoked-tokens",
    lesson: "base-model",
  }),
  common("tests/test_config.py", {
    origin: "core",
    why: "configuration refuses missing and weak secrets",
    lesson: "configuration",
  }),
  framework("tests/test_health.py", {
    why: "liveness, readiness and 503 when a dependency is down",
    lesson: "testing",
  }),
  common("tests/test_migrations.py", {
    origin: "core",
    why: "what autogenerate writes from the models runs as written",
    lesson: "migrations",
  }),
];

/** The files of each question, included when its answer brings them and their condition holds. */
const QUESTION_FILES: readonly Rule[] = PROJECT_QUESTIONS.flatMap((question) =>
  (question.files ?? []).map(({ when, ...file }): Rule => ({
    ...file,
    template: file.path,
    origin: question.id,
    when: (spec) => questionApplies(question, spec) && conditionHolds(when, spec),
  }))
);

export const PROJECT_FILES: readonly Rule[] = [...CORE_FILES, ...QUESTION_FILES];
