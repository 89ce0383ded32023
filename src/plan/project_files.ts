/**
 * The project-level files: which template makes each file, when it is
 * included, and why it exists. Module files (controller, service, ...) are in
 * module_files.ts and are shared with `pyscaffold add`.
 *
 * A rule names its template by the generated path; `resolveTemplate()` picks
 * templates/project/<framework>/<path>.eta where a framework has its own
 * version, and templates/project/<path>.eta otherwise.
 */
import type { FileRule } from "./_types.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";

type Rule = FileRule<ProjectSpec>;

const auth = (s: ProjectSpec) => s.auth;
const celery = (s: ProjectSpec) => s.celery;
const flask = (s: ProjectSpec) => s.framework === "flask";
const quart = (s: ProjectSpec) => s.framework === "quart";

/** A file whose template is named by its path. */
function common(path: string, rule: Omit<Rule, "path" | "template">): Rule {
  return { path, template: path, ...rule };
}

/** A file that exists because of the framework choice. */
function framework(path: string, rule: Omit<Rule, "path" | "template" | "origin">): Rule {
  return { path, template: path, origin: "framework", ...rule };
}

export const PROJECT_FILES: readonly Rule[] = [
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
    why: "lint, type-check and test on every push, against real services",
    lesson: "testing",
  }),
  framework("gunicorn.conf.py", {
    why: "the production WSGI server, listening on $PORT",
    lesson: "flask-vs-quart",
    when: flask,
  }),
  framework("hypercorn_conf.py", {
    why: "the production ASGI server, listening on $PORT",
    lesson: "flask-vs-quart",
    when: quart,
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
  common("src/pagination.py", {
    origin: "core",
    why: "page parameters (per_page capped at 100) and page results",
    lesson: "pagination",
  }),
  framework("src/openapi.py", {
    why: "a small registry: the OpenAPI document at /openapi.json and the /docs page",
    lesson: "three-layer-architecture",
    when: flask,
  }),
  framework("src/openapi.py", {
    why: "quart-schema: the OpenAPI document at /openapi.json and the /docs page",
    lesson: "three-layer-architecture",
    when: quart,
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
  framework("src/wsgi.py", {
    why: "the WSGI entry point gunicorn serves",
    lesson: "application-factory",
    when: flask,
  }),
  framework("src/asgi.py", {
    why: "the ASGI entry point hypercorn serves",
    lesson: "application-factory",
    when: quart,
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
    why: "UtcDateTime: timezone-aware UTC timestamps",
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
  // Auth
  common("src/models/users_model.py", {
    origin: "auth",
    why: "the users table",
    lesson: "jwt-auth",
    when: auth,
  }),
  common("src/models/revoked_tokens_model.py", {
    origin: "auth",
    why: "the token blocklist when there is no Redis cache",
    lesson: "jwt-auth",
    when: (s) => s.auth && !s.cache,
  }),
  framework("src/auth/__init__.py", { why: "the auth package", lesson: "jwt-auth", when: auth }),
  common("src/auth/auth_schemas.py", {
    origin: "auth",
    why: "bodies of register, login, refresh, logout and me",
    lesson: "jwt-auth",
    when: auth,
  }),
  common("src/auth/passwords.py", {
    origin: "auth",
    why: "argon2id password hashing",
    lesson: "jwt-auth",
    when: auth,
  }),
  framework("src/auth/auth_controller.py", {
    why: "the /api/auth routes; login is rate limited",
    lesson: "jwt-auth",
    when: auth,
  }),
  framework("src/auth/auth_service.py", {
    why: "account rules, token issue and revocation",
    lesson: "jwt-auth",
    when: auth,
  }),
  framework("src/auth/auth_repository.py", {
    why: "user (and revoked token) queries",
    lesson: "repository-pattern",
    when: auth,
  }),
  framework("src/auth/auth_guard.py", {
    why: "JWT callbacks in the envelope and the guard of protected routes",
    lesson: "jwt-auth",
    when: auth,
  }),
  framework("src/auth/tokens.py", {
    why: "PyJWT tokens with flask-jwt-extended's claims",
    lesson: "jwt-auth",
    when: (s) => s.auth && s.framework === "quart",
  }),
  framework("src/rate_limit.py", {
    why: "the login rate limit (quart-rate-limiter) from LOGIN_RATE_LIMIT",
    lesson: "jwt-auth",
    when: (s) => s.auth && s.framework === "quart",
  }),
  framework("src/auth/revocation.py", {
    why: "the token blocklist (Redis with the cache, a table without)",
    lesson: "jwt-auth",
    when: auth,
  }),
  // Celery
  framework("src/worker.py", {
    why: "the Celery worker entry point",
    lesson: "celery",
    when: celery,
  }),
  framework("src/tasks/__init__.py", { why: "the tasks package", lesson: "celery", when: celery }),
  framework("src/tasks/example_tasks.py", {
    why: "an example Celery task",
    lesson: "celery",
    when: celery,
  }),
  common("src/tasks/tasks_schemas.py", {
    origin: "celery",
    why: "bodies of the task endpoints",
    lesson: "celery",
    when: celery,
  }),
  framework("src/tasks/tasks_service.py", {
    why: "enqueue tasks and read their state; broker down → 503",
    lesson: "celery",
    when: celery,
  }),
  framework("src/tasks/worker_loop.py", {
    why: "one event loop per worker process for the async tasks",
    lesson: "celery",
    when: (s) => s.celery && s.framework === "quart",
  }),
  framework("src/tasks/tasks_controller.py", {
    why: "POST /api/tasks/example and GET /api/tasks/<id>",
    lesson: "celery",
    when: celery,
  }),
  // Migrations
  common("alembic.ini", {
    origin: "core",
    why: "Alembic settings (the URL comes from DATABASE_URL)",
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
  common("tests/test_config.py", {
    origin: "core",
    why: "configuration refuses missing and weak secrets",
    lesson: "configuration",
  }),
  common("tests/test_oracle_schema.py", {
    origin: "database",
    why: "the models and the offline migrations compile to portable Oracle 19c / 23ai DDL",
    lesson: "postgresql-vs-oracle",
    when: (s) => s.database === "oracle",
  }),
  framework("tests/test_health.py", {
    why: "liveness, readiness and 503 when a dependency is down",
    lesson: "testing",
  }),
  framework("tests/test_auth.py", {
    why: "register, login, refresh, logout, revoked, expired and tampered tokens",
    lesson: "jwt-auth",
    when: auth,
  }),
  framework("tests/test_tasks.py", {
    why: "the example task runs and a broker outage answers 503",
    lesson: "celery",
    when: celery,
  }),
];
