/**
 * Every question pyscaffold asks, declared once. The CLI flags, `--help`, the
 * wizard, shell completions and the answers file are all derived from this
 * list, so they cannot drift apart.
 */

export interface Choice<V extends string | boolean> {
  value: V;
  /** Shown in the list. */
  name: string;
  /** One line, shown while the choice is highlighted. */
  description: string;
}

interface QuestionBase<Id extends string> {
  id: Id;
  /** The prompt, as a question. */
  message: string;
  /** A short line for `--help`. */
  help: string;
  /** A paragraph shown before the question in the wizard (and in learning mode). */
  explanation: string;
  /** The lesson that explains this choice in depth. */
  lesson?: string;
}

export interface SelectQuestion<Id extends string, V extends string> extends QuestionBase<Id> {
  kind: "select";
  flag: `--${string}`;
  choices: readonly Choice<V>[];
  default: V;
}

export interface ConfirmQuestion<Id extends string> extends QuestionBase<Id> {
  kind: "confirm";
  /** `--auth` turns it on, `--no-auth` off. */
  flag: `--${string}`;
  choices: readonly [Choice<true>, Choice<false>];
  default: boolean;
  /** What this feature adds: files, services, dependencies. */
  adds: string;
  /** What it costs. */
  costs: string;
}

export interface TextQuestion<Id extends string> extends QuestionBase<Id> {
  kind: "text";
  flag: `--${string}`;
  default: string;
}

export const FRAMEWORKS = ["flask", "quart"] as const;
export type Framework = typeof FRAMEWORKS[number];
export const DATABASES = ["postgresql", "oracle"] as const;
export type Database = typeof DATABASES[number];

export const frameworkQuestion: SelectQuestion<"framework", Framework> = {
  id: "framework",
  kind: "select",
  flag: "--framework",
  message: "Which web framework?",
  help: "web framework",
  explanation:
    "Flask serves each request on a worker thread or process (WSGI, gunicorn). Quart is Flask's " +
    "async twin from the same Pallets project (ASGI, hypercorn): one event loop serves many " +
    "requests while they wait on the database. Flask extensions do not work on Quart.",
  lesson: "flask-vs-quart",
  choices: [
    {
      value: "flask",
      name: "Flask",
      description: "sync (WSGI, gunicorn): the simpler stack, every sync library works",
    },
    {
      value: "quart",
      name: "Quart",
      description: "async (ASGI, hypercorn): many concurrent connections, WebSockets",
    },
  ],
  default: "flask",
};

export const databaseQuestion: SelectQuestion<"database", Database> = {
  id: "database",
  kind: "select",
  flag: "--database",
  message: "Which database?",
  help: "database",
  explanation:
    "PostgreSQL is the default: open source, JSONB, simple cross-schema relationships. Oracle is " +
    "for organisations that already run it; pyscaffold uses python-oracledb in thin mode, so no " +
    "Oracle client libraries are needed.",
  lesson: "postgresql-vs-oracle",
  choices: [
    {
      value: "postgresql",
      name: "PostgreSQL",
      description: "open source default; psycopg 3 (sync for Flask, async for Quart)",
    },
    {
      value: "oracle",
      name: "Oracle",
      description: "existing Oracle infrastructure; python-oracledb thin mode, no client install",
    },
  ],
  default: "postgresql",
};

function featureChoices(on: string, off: string): [Choice<true>, Choice<false>] {
  return [
    { value: true, name: "Yes", description: on },
    { value: false, name: "No", description: off },
  ];
}

export const authQuestion: ConfirmQuestion<"auth"> = {
  id: "auth",
  kind: "confirm",
  flag: "--auth",
  message: "Add JWT authentication?",
  help: "JWT access and refresh tokens, users, revocation",
  explanation:
    "Users register and log in with email and password (argon2id hashes) and receive a " +
    "short-lived access token and a long-lived refresh token. Resource routes require a token, " +
    "and the audit fields record who changed each row.",
  lesson: "jwt-auth",
  adds:
    "src/auth/ (register, login, refresh, logout, me), a users table, token revocation, login rate limit",
  costs: "PyJWT or flask-jwt-extended and argon2-cffi; every client must send a bearer token",
  choices: featureChoices(
    "users, /api/auth/* endpoints, protected resource routes",
    "open API; audit fields record 'system'",
  ),
  default: true,
};

export const cacheQuestion: ConfirmQuestion<"cache"> = {
  id: "cache",
  kind: "confirm",
  flag: "--cache",
  message: "Add Redis caching?",
  help: "Redis cache for reads, invalidated by writes",
  explanation:
    "Reads of resource lists and single rows are cached in Redis and invalidated by every " +
    "write. If Redis goes down, requests are served from the database and /health/ready " +
    "reports Redis as down.",
  lesson: "caching",
  adds: "a Redis service in docker-compose, cached reads in each service, the token blocklist",
  costs: "one more service to run; stale reads are possible only within a write's own request",
  choices: featureChoices("cached reads, Redis token blocklist", "every read hits the database"),
  default: true,
};

export const celeryQuestion: ConfirmQuestion<"celery"> = {
  id: "celery",
  kind: "confirm",
  flag: "--celery",
  message: "Add Celery background tasks?",
  help: "Celery worker with a Redis broker",
  explanation:
    "Slow work (emails, reports, imports) runs in a separate worker process. The API enqueues " +
    "a task through Redis and answers at once with a task id whose status clients can poll.",
  lesson: "celery",
  adds: "src/tasks/, a worker entry point and service in docker-compose, an example task",
  costs: "a worker process to deploy and monitor; tasks must be idempotent",
  choices: featureChoices("worker, example task, task status endpoint", "no background work"),
  default: false,
};

export const moduleQuestion: TextQuestion<"module"> = {
  id: "module",
  kind: "text",
  flag: "--module",
  message: "Name of the first resource module?",
  help: "the first resource module (controller, service, repository, model)",
  explanation:
    "A resource module is one table with its routes: controller (HTTP), service (rules), " +
    "repository (queries) and model. Add more later with `pyscaffold add`.",
  lesson: "three-layer-architecture",
  default: "items",
};

export const FEATURE_QUESTIONS = [authQuestion, cacheQuestion, celeryQuestion] as const;
export const SELECT_QUESTIONS = [frameworkQuestion, databaseQuestion] as const;

/** All questions of `pyscaffold new`, in the order the wizard asks them. */
export const PROJECT_QUESTIONS = [
  frameworkQuestion,
  databaseQuestion,
  ...FEATURE_QUESTIONS,
  moduleQuestion,
] as const;

export type FeatureId = typeof FEATURE_QUESTIONS[number]["id"];
