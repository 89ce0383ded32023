import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const jwtAuth: Lesson = {
  id: "jwt-auth",
  title: "JWT authentication: access and refresh tokens, revocation",
  summary: "short-lived access tokens, long-lived refresh tokens, logout that really logs out",
  problem: () =>
    md`
    An API must know who is calling, on every request, without a password on every request and
    ideally without a database lookup per request. Sessions stored on the server do that with a
    lookup; signed tokens do it by letting the server check a signature instead. But a token that
    is valid for weeks is dangerous when stolen, and a token that "cannot be revoked" makes logout
    a lie.
  `,
  how: (c) =>
    md`
    **Passwords** are hashed with argon2id (argon2-cffi's \`PasswordHasher\`), a memory-hard
    algorithm that makes offline guessing expensive. The hash string carries its own salt and
    parameters, so they can be raised later and old hashes re-hashed on the next login.

    **Login** (\`POST /api/auth/login\`) checks the password and returns two JSON Web Tokens,
    signed with HS256 and \`JWT_SECRET_KEY\`:

    | token | lifetime | used for |
    |---|---|---|
    | access | \`JWT_ACCESS_TOKEN_MINUTES\` (15) | \`Authorization: Bearer ...\` on every API call |
    | refresh | \`JWT_REFRESH_TOKEN_DAYS\` (30) | only \`POST /api/auth/refresh\`, to get a new access token |

    Each token carries \`sub\` (the user id), \`type\` (\`access\` or \`refresh\`), a unique \`jti\`,
    \`iat\`, \`nbf\` and \`exp\`. A refresh token is refused where an access token is expected, and
    the reverse. A wrong email and a wrong password get the same answer (\`Invalid email or
    password\`), and an unknown email is checked against a dummy hash so that both cases take
    the same time: the endpoint does not reveal which emails have accounts. Login is rate limited
    (\`LOGIN_RATE_LIMIT\`, default \`5 per minute\`) against password guessing.

    ${
      c.flask
        ? "On Flask the tokens come from flask-jwt-extended (`create_access_token`, " +
          "`create_refresh_token`). Protected blueprints run a `before_request` guard, " +
          "`require_active_user`, which verifies the token and loads the user; callbacks such as " +
          "`token_in_blocklist_loader` check revocation and answer every token failure with the " +
          "envelope."
        : "On Quart pyscaffold uses PyJWT directly (Flask extensions do not run on Quart), in " +
          "`src/auth/tokens.py`: `jwt.encode` to issue the same claims as the Flask variant, and " +
          "`jwt.decode` with the algorithm pinned to HS256 and the required claims listed. " +
          "Protected blueprints run a `before_request` guard, `require_active_user`, which calls " +
          "`authenticate`: decode, check revocation, load the user, refuse an inactive one. " +
          "Password hashing (argon2, deliberately slow) runs in a thread (`asyncio.to_thread`) " +
          "so that a login does not stall the event loop."
    }

    **Logout** revokes: the token's \`jti\` is stored ${
      c.cache
        ? "in Redis with an expiry equal to the token's remaining lifetime, so the blocklist " +
          "cleans itself up; if Redis cannot be asked, authenticated requests get 503 rather " +
          "than accepting a token that may have been revoked"
        : "in a `revoked_tokens` table (turn on `--cache` to keep it in Redis with an expiry)"
    }, and every authenticated request checks it. Resource routes (\`${c.m.urlPrefix}\`) require
    an access token, and the audit columns record the user's id.
  `,
  tradeoffs: () =>
    md`
    - **Revocation brings state back.** The blocklist lookup on every request is the price of a
      logout that works; short access lifetimes keep the exposure of a stolen access token small.
    - **A JWT is signed, not encrypted.** Anyone holding it can base64-decode its claims. Put an id
      in it, never personal data or secrets.
    - **Pin the algorithm when decoding.** Accepting whatever \`alg\` the token names is the classic
      JWT vulnerability; the generated code accepts HS256 only.
    - **The secret is the keys to the kingdom.** Anyone with \`JWT_SECRET_KEY\` can mint tokens for
      any user. At least 32 random bytes, from the environment, rotated if it leaks (rotation logs
      everyone out). With many services that verify tokens, asymmetric keys (RS256/EdDSA) let them
      verify without being able to sign.
    - **Where the client keeps tokens matters.** \`localStorage\` is readable by any script on the
      page (XSS); cookies are sent automatically (CSRF protection needed). For browser apps, an
      HttpOnly, Secure, SameSite cookie for the refresh token is the usual compromise.
    - **Common mistake: long-lived access tokens** to avoid implementing refresh. Then revocation
      checks are all you have.
  `,
  excerpts: [
    {
      caption: "Login: the same answer for an unknown email and a wrong password.",
      path: "src/auth/auth_service.py",
      locator: { def: "AuthService.login" },
      when: (s) => s.auth && s.framework === "flask",
    },
    {
      caption:
        "Login: the same answer for an unknown email and a wrong password; the hash is checked " +
        "in a thread.",
      path: "src/auth/auth_service.py",
      locator: { def: "AuthService.login" },
      when: (s) => s.auth && s.framework === "quart",
    },
    {
      caption: "Password hashing, and the same work for an unknown email.",
      path: "src/auth/passwords.py",
      locator: { def: "verify_password" },
      when: (s) => s.auth,
    },
    {
      caption: "The guard of protected routes.",
      path: "src/auth/auth_guard.py",
      locator: { def: "require_active_user" },
      when: (s) => s.auth && s.framework === "flask",
    },
    {
      caption: "Decoding with PyJWT: HS256 only, required claims, the token type checked.",
      path: "src/auth/tokens.py",
      locator: { def: "decode_token" },
      when: (s) => s.auth && s.framework === "quart",
    },
    {
      caption: "The guard of protected routes: token, revocation, user, active.",
      path: "src/auth/auth_guard.py",
      locator: { def: "authenticate" },
      when: (s) => s.auth && s.framework === "quart",
    },
    {
      caption: "Revocation: the token's `jti` is blocked until the token would expire anyway.",
      path: "src/auth/revocation.py",
      locator: { def: "revoke" },
      when: (s) => s.auth,
    },
  ],
  feature: "auth",
  related: ["configuration", "caching", "base-model"],
};
