/** JWT authentication: users, login, refresh, logout with revocation. */
import { type ConfirmQuestion, yesNo } from "../questions.ts";

export const authQuestion: ConfirmQuestion<"auth"> = {
  id: "auth",
  kind: "confirm",
  flag: "--auth",
  message: "Add JWT authentication?",
  label: "JWT authentication",
  help: "JWT access and refresh tokens, users, revocation",
  explanation:
    "Users register and log in with email and password (argon2id hashes) and receive a " +
    "short-lived access token and a long-lived refresh token. Resource routes require a token, " +
    "and the audit fields record who changed each row.",
  inYourCode:
    "With authentication, your module's routes require a bearer token, the audit columns " +
    "record the id of the user who made each change, and the project gets users, login, " +
    "refresh, logout with revocation, and a rate limit on login.",
  lesson: "jwt-auth",
  adds:
    "src/auth/ (register, login, refresh, logout, me, password change and reset by mail), a users table, token revocation, rate limits",
  costs: "PyJWT and argon2-cffi; every client must send a bearer token",
  choices: yesNo(
    "users, /api/auth/* endpoints, protected resource routes",
    "open API; audit fields record 'system'",
  ),
  default: true,
  dependencies: [
    "argon2-cffi",
    "email-validator",
    "limits",
    "pyjwt",
  ],
  // A real SMTP server for the tests of the password reset mail (tests/test_password_reset.py).
  devDependencies: ["aiosmtpd"],
  files: [
    { path: "src/models/users_model.py", why: "the users table", lesson: "jwt-auth" },
    {
      path: "src/models/revoked_tokens_model.py",
      why: "the token blocklist, durable whatever happens to Redis",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/__init__.py",
      why: "the auth package",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/auth_schemas.py",
      why: "bodies of register, login, refresh, logout and me",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/passwords.py",
      why: "argon2id password hashing; the rules of new passwords",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/common_passwords.txt",
      why: "common passwords new accounts may not use (NIST SP 800-63B)",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/auth_controller.py",
      why: "the /api/auth routes; login is rate limited",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/auth_service.py",
      why: "account rules, token issue and revocation",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/auth_repository.py",
      why: "user (and revoked token) queries",
      lesson: "repository-pattern",
    },
    {
      path: "src/auth/auth_guard.py",
      why: "the guard of protected routes: token, revocation, user standing, role",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/tokens.py",
      why: "PyJWT tokens (flask-jwt-extended's claims), verified once per request",
      lesson: "jwt-auth",
    },
    {
      path: "src/rate_limit.py",
      why:
        "the login and sign-up rate limits (LOGIN_RATE_LIMIT, REGISTER_RATE_LIMIT), checked by those routes only",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/revocation.py",
      why:
        "the token blocklist (a table) and each user's standing, mirrored in Redis with the cache",
      lesson: "jwt-auth",
    },
    {
      path: "src/auth/mail.py",
      why: "mail over SMTP (SMTP_URL), sent after the response: the password reset link",
      lesson: "jwt-auth",
    },
    {
      path: "tests/test_password_reset.py",
      why:
        "a reset link by mail, used once; no mail for unknown accounts; 503 without a mail server; over a real SMTP server",
      lesson: "jwt-auth",
    },
    {
      path: "tests/test_auth.py",
      why: "register, login, refresh, logout, revoked, expired and tampered tokens",
      lesson: "jwt-auth",
    },
    {
      path: "src/admin/__init__.py",
      why: "user administration: admins only",
      lesson: "jwt-auth",
    },
    {
      path: "src/admin/admin_controller.py",
      why: "/api/admin/users: list, read, change role or deactivate (admins only, 403 for others)",
      lesson: "jwt-auth",
    },
    {
      path: "src/admin/admin_service.py",
      why: "the rules of administration: the last active admin stays (409)",
      lesson: "jwt-auth",
    },
    {
      path: "src/admin/admin_schemas.py",
      why: "the PATCH body of /api/admin/users/<id>: role and is_active",
      lesson: "jwt-auth",
    },
    {
      path: "tests/test_admin.py",
      why: "403 for users, pagination, deactivation and promotion at once, last-admin 409",
      lesson: "jwt-auth",
    },
    {
      path: "tests/accounts.py",
      why: "test accounts: log in as another user, promote a user to admin",
      lesson: "jwt-auth",
    },
  ],
};
