import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const configuration: Lesson = {
  id: "configuration",
  title: "Configuration from the environment",
  summary: "required variables, safe defaults, and secrets that refuse to be weak",
  problem: () =>
    md`
    The same code runs on a laptop, in CI and in production, each with its own database, Redis
    and secrets. Settings written into the code must be edited per environment, and secrets
    written into the code end up in git history, in images and in logs. Worse, a forgotten
    setting often shows up late: the app starts fine and fails on the first request that needs
    the database — or runs in production with a development secret.
  `,
  how: (c) =>
    md`
    \`src/config.py\` reads every setting from environment variables (the twelve-factor approach),
    once, in \`Config.from_env()\`, into a frozen dataclass. The factory receives that object, so
    nothing reads the environment at import time and a test can build a \`Config\` from a plain
    dict. Two small readers do the work:

    - \`_get_required_env(environ, key)\` raises \`ConfigError\` when the variable is missing or
      empty, so a misconfigured deployment fails at startup, naming the variable, instead of
      answering 500s later. \`DATABASE_URL\` is read this way.
    - \`_get_env_with_default(environ, key, default)\` is for settings with a safe default, such
      as \`LOG_LEVEL\` (\`INFO\`)${
      c.cache || c.celery ? " or `REDIS_URL` (`redis://localhost:6379/0`)" : ""
    }.

    Numbers go through \`_get_int\`, which refuses anything that is not a positive integer, so
    a typo in \`${
      c.cache ? "CACHE_TTL_SECONDS" : "MAX_BODY_BYTES"
    }\` is a startup error rather than a
    surprise.

    \`APP_ENV\` selects the mode: \`development\`, \`testing\` or \`production\` (the default,
    so forgetting it is safe). Outside development, \`SECRET_KEY\`${
      c.auth ? " and `JWT_SECRET_KEY`" : ""
    } must be set, must not contain a placeholder such as \`change-me\`, and must be at least 32
    bytes (\`_get_secret\`): the app refuses to start otherwise. In development a fixed
    development-only secret is used when the variable is unset.${
      c.auth
        ? " For HS256 tokens this matters: RFC 7518 asks for a key at least as long as the hash " +
          "output (256 bits), and a short or guessable key lets anyone forge tokens."
        : ""
    }

    \`.env.example\` lists every variable with a comment; copy it to \`.env\` for local work and
    keep \`.env\` out of git. In production the variables come from the platform (container
    environment, a secret manager), never from a file in the image.
  `,
  tradeoffs: () =>
    md`
    - **Environment variables are strings.** \`bool("false")\` is \`True\` and \`int("")\` raises:
      parse every non-string setting explicitly, in one place, and fail on values you do not
      understand.
    - **Read configuration once.** Code that calls \`os.environ\` all over the project cannot
      be configured by a test and hides its dependencies. Read it in \`config.py\`, pass the
      \`Config\` to the factory, and use \`current_app.config\` elsewhere.
    - **No default secrets.** A default \`SECRET_KEY\` is how development keys reach production.
      A default may exist only in development, and the production check must reject it.
    - **Do not log configuration.** A debug line that prints the config prints the database
      password.
    - **Environment variables are visible** to the process and its children and sometimes to
      crash reporters. For high-value secrets, a secret manager that mounts files or injects
      variables at start is the next step; the interface (\`_get_required_env\`) stays the same.
  `,
  excerpts: [
    {
      caption: "The required reader fails fast; the other has a safe default.",
      path: "src/config.py",
      locator: { from: "def _get_required_env", before: 1, to: "return value or default" },
    },
    {
      caption: "Secrets: required, not a placeholder, long enough — except in development.",
      path: "src/config.py",
      locator: { def: "Config._get_secret" },
    },
    {
      caption: "Everything is read once, here, into an immutable object.",
      path: "src/config.py",
      locator: { def: "Config.from_env" },
    },
  ],
  related: ["application-factory", "jwt-auth"],
};
