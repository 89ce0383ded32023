"""A day in production, compressed: a long mixed load on a running generated backend, sampled.

    uv run --no-project --with httpx python bench/soak.py \
        --url http://127.0.0.1:8000 --minutes 12 --users 8 \
        --server-pid PID --worker-pid PID --database app --redis 127.0.0.1:6379/0 \
        --log server.log --out soak.json

The server (gunicorn or hypercorn, as `make run` starts it) and the Celery worker (`make worker`)
run already, with their own Redis database: every key of it is counted as the app's. `--server-pid`
and `--worker-pid` are the masters' ids; their children are the workers sampled.

Virtual users register, log in, refresh (keeping the rotated token), read lists (the same page
again: the cache; filters, sorts, later pages), read, create, update and delete rows of the first
module, start Celery tasks and read them, change their password, ask for a reset mail, log out
and come back as new users. One more user sends what a hostile or clumsy client sends: unknown
ids (404), bad bodies (422), no token or a forged one (401), oversized bodies (413), failed logins
in a burst (429), and a probe reads /health/live and /health/ready every 10 s, as Kubernetes does.

Every `--every` seconds (15) it samples: RSS, open files and threads of each server worker and
of the Celery processes; PostgreSQL connections by database and state; Redis clients, keys, used
memory and keys without a TTL (by shape); each table's row count; the log's bytes per request;
p50/p99 latency and errors of the window. At the end it prints each metric from start to end,
its slope per minute, and the figures as JSON in `--out`. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

PASSWORD = "soak-Passw0rd-{n}-long-enough"
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


class Stats:
    """The requests of the current window: latency (ms) and status by route."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.total = 0
        self.errors = 0  # 5xx and transport errors
        self.unexpected: Counter[str] = Counter()

    def take(self) -> tuple[list[float], Counter[str], int, Counter[str]]:
        taken = (self.latencies, self.statuses, self.errors, self.unexpected)
        self.latencies, self.statuses, self.errors = [], Counter(), 0
        self.unexpected = Counter()
        return taken


STATS = Stats()
# More figures for each sample, by name (bench/soak_feeds.py adds the live feeds'): each is called
# once a sample, and what it returns is printed, summarised and saved with the rest.
EXTRA_SAMPLERS: list[Callable[[], dict[str, float]]] = []


# The routes that hash a password: a Flask server answers them 503 with Retry-After while every
# hashing slot is taken.
HASHING_PATHS = {
    "/api/auth/register",
    "/api/auth/login",
    "/api/auth/password",
    "/api/auth/password-reset/confirm",
}


async def call(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    label: str,
    expect: tuple[int, ...] = (200,),
    **kwargs: Any,
) -> httpx.Response | None:
    while True:
        start = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            STATS.errors += 1
            STATS.unexpected[f"{label} {type(error).__name__}"] += 1
            return None
        STATS.latencies.append((time.perf_counter() - start) * 1000)
        STATS.total += 1
        if response.status_code != 503 or path not in HASHING_PATHS:
            break
        # Every hashing slot taken (a Flask server: src/auth/passwords.py): tried again after
        # Retry-After and a random share of it, as a client should; not an error.
        STATS.statuses[f"{label} 503 tried again"] += 1
        await asyncio.sleep(float(response.headers.get("Retry-After", "1")) * random.uniform(1, 2))
    STATS.statuses[f"{label} {response.status_code}"] += 1
    if response.status_code >= 500:
        STATS.errors += 1
    if response.status_code not in expect:
        STATS.unexpected[f"{label} {response.status_code}"] += 1
    return response


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class User:
    def __init__(self, client: httpx.AsyncClient, run: str, n: int) -> None:
        self.client, self.run, self.n = client, run, n
        self.generation = 0
        self.access = self.refresh = ""
        self.items: list[int] = []
        self.tasks: list[str] = []
        self.email = ""
        self.password = ""
        self.with_tasks = True  # False: a project without Celery (no /api/tasks)

    async def sign_up(self) -> bool:
        self.generation += 1
        self.email = f"soak-{self.run}-{self.n}-{self.generation}@example.com"
        self.password = PASSWORD.format(n=uuid.uuid4().hex[:8])
        self.items, self.tasks = [], []
        body = {"email": self.email, "password": self.password}
        if await call(self.client, "POST", "/api/auth/register", "register", (201,), json=body):
            return await self.login()
        return False

    async def login(self) -> bool:
        body = {"email": self.email, "password": self.password}
        response = await call(self.client, "POST", "/api/auth/login", "login", json=body)
        if response is None or response.status_code != 200:
            return False
        self.keep(response)
        return True

    def keep(self, response: httpx.Response) -> None:
        data = response.json()["data"]
        self.access, self.refresh = data["access_token"], data["refresh_token"]

    async def step(self) -> None:
        c, auth = self.client, bearer(self.access)
        roll = random.random()
        if roll < 0.30:  # the same first page: the cache
            await call(c, "GET", "/api/items", "list-cached", headers=auth)
        elif roll < 0.40:  # a filter, an order, a later page: mostly uncached
            params: dict[str, Any] = random.choice(
                [
                    {"name": random.choice(WORDS)},
                    {"sort": random.choice(["-id", "name", "-name"])},
                    {"page": random.randint(1, 5), "per_page": random.choice([5, 10, 20])},
                    {"name": [random.choice(WORDS), random.choice(WORDS)], "sort": "-name"},
                ]
            )
            await call(c, "GET", "/api/items", "list-query", headers=auth, params=params)
        elif roll < 0.52:
            if self.items:
                item = random.choice(self.items)
                await call(c, "GET", f"/api/items/{item}", "get", headers=auth)
        elif roll < 0.64:
            body = {
                "name": random.choice(WORDS),
                "description": "x" * random.randint(0, 200),
                "quantity": random.randint(0, 100),
            }
            response = await call(
                c, "POST", "/api/items", "create", (201,), headers=auth, json=body
            )
            if response is not None and response.status_code == 201:
                self.items.append(response.json()["data"]["id"])
        elif roll < 0.72:
            if self.items:
                item = random.choice(self.items)
                body = {"quantity": random.randint(0, 100)}
                await call(c, "PATCH", f"/api/items/{item}", "update", headers=auth, json=body)
        elif roll < 0.77:
            if len(self.items) > 3:
                item = self.items.pop(random.randrange(len(self.items)))
                await call(c, "DELETE", f"/api/items/{item}", "delete", headers=auth)
        elif roll < 0.82:
            await call(c, "GET", "/api/auth/me", "me", headers=auth)
        elif roll < 0.87:
            response = await call(
                c, "POST", "/api/auth/refresh", "refresh", headers=bearer(self.refresh)
            )
            if response is not None and response.status_code == 200:
                self.keep(response)
        elif roll < 0.93:
            if not self.with_tasks:
                return
            body = {"a": random.randint(0, 1000), "b": random.randint(0, 1000)}
            response = await call(
                c, "POST", "/api/tasks/example", "task-start", (202,), headers=auth, json=body
            )
            if response is not None and response.status_code == 202:
                self.tasks.append(response.json()["data"]["task_id"])
            if self.tasks:
                task = self.tasks.pop(0)
                await call(c, "GET", f"/api/tasks/{task}", "task-status", headers=auth)
        elif roll < 0.945:
            new = PASSWORD.format(n=uuid.uuid4().hex[:8])
            body = {"current_password": self.password, "new_password": new}
            response = await call(
                c, "POST", "/api/auth/password", "password", headers=auth, json=body
            )
            if response is not None and response.status_code == 200:
                self.password = new
                self.keep(response)
        elif roll < 0.955:
            body = {"email": self.email}
            await call(c, "POST", "/api/auth/password-reset", "reset", (202, 429), json=body)
        elif roll < 0.975:  # log out, the session with it, and log in again
            body = {"refresh_token": self.refresh}
            await call(c, "POST", "/api/auth/logout", "logout", headers=auth, json=body)
            await self.login()
        elif roll < 0.98:
            await call(c, "POST", "/api/auth/logout-all", "logout-all", headers=auth)
            await self.login()
        elif roll < 0.99:  # a new user: this one leaves (logged out), another signs up
            body = {"refresh_token": self.refresh}
            await call(c, "POST", "/api/auth/logout", "logout", headers=auth, json=body)
            await self.sign_up()
        # else: idle


async def user_loop(client: httpx.AsyncClient, run: str, n: int, until: float) -> None:
    user = User(client, run, n)
    while time.monotonic() < until and not await user.sign_up():
        await asyncio.sleep(1)
    while time.monotonic() < until:
        await user.step()
        await asyncio.sleep(random.uniform(0, 0.02))


async def hostile_loop(client: httpx.AsyncClient, run: str, until: float) -> None:
    """404, 422, 401, 413 and bursts of 429, a few a second."""
    victim = User(client, run, 10_000)
    while time.monotonic() < until and not await victim.sign_up():
        await asyncio.sleep(1)
    big = b'{"name": "' + b"x" * 2_000_000 + b'"}'
    while time.monotonic() < until:
        auth = bearer(victim.access)
        roll = random.random()
        if roll < 0.2:
            await call(client, "GET", "/api/items/2000000000", "bad-404", (404,), headers=auth)
        elif roll < 0.3:
            await call(client, "GET", f"/no/such/{uuid.uuid4().hex}", "bad-route", (404,))
        elif roll < 0.5:
            body = random.choice([{"name": ""}, {"quantity": "3"}, {"other": 1}])
            await call(client, "POST", "/api/items", "bad-422", (422,), headers=auth, json=body)
        elif roll < 0.55:
            await call(
                client,
                "GET",
                "/api/items",
                "bad-422q",
                (422,),
                headers=auth,
                params={"sort": "nope", "misspelt": "1"},
            )
        elif roll < 0.7:
            await call(client, "GET", "/api/items", "bad-401", (401,))
            await call(client, "GET", "/api/items", "bad-401", (401,), headers=bearer("x.y.z"))
        elif roll < 0.75:
            await call(
                client,
                "POST",
                "/api/items",
                "bad-413",
                (413,),
                headers=auth | {"Content-Type": "application/json"},
                content=big,
            )
        elif roll < 0.8:  # failed logins on one account in a burst: the account's limit
            body = {"email": victim.email, "password": "wrong-password-000"}
            for _ in range(5):
                await call(client, "POST", "/api/auth/login", "bad-login", (401, 429), json=body)
        elif roll < 0.85:  # reset mails asked in a burst, for addresses that may not exist
            for _ in range(3):
                body = {"email": f"nobody-{uuid.uuid4().hex[:6]}@example.com"}
                await call(
                    client, "POST", "/api/auth/password-reset", "bad-reset", (202, 429), json=body
                )
        elif roll < 0.9:
            body = {"token": "not-a-token", "new_password": PASSWORD.format(n="x")}
            await call(
                client, "POST", "/api/auth/password-reset/confirm", "bad-confirm", (401,), json=body
            )
        else:  # a refresh token replayed after rotation (a stolen copy): its family revoked
            old = victim.refresh
            response = await call(
                client, "POST", "/api/auth/refresh", "refresh", headers=bearer(old)
            )
            if response is not None and response.status_code == 200:
                victim.keep(response)
            await asyncio.sleep(31)  # beyond the leeway, so it is a reuse
            await call(
                client, "POST", "/api/auth/refresh", "bad-reuse", (401, 403), headers=bearer(old)
            )
            await victim.login()
        await asyncio.sleep(random.uniform(0.1, 0.4))


async def probe_loop(client: httpx.AsyncClient, until: float) -> None:
    while time.monotonic() < until:
        await call(client, "GET", "/health/live", "live")
        await call(client, "GET", "/health/ready", "ready")
        await asyncio.sleep(10)


# --- sampling -----------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def process(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_kb": int(fields["VmRSS"].split()[0]),
        "fds": len(os.listdir(f"/proc/{pid}/fd")),
        "threads": int(fields["Threads"]),
    }


def workers_of(master: int) -> dict[str, dict[str, int]]:
    """The master and its workers (a multiprocessing helper of hypercorn included)."""
    out = {}
    for pid in [master, *children(master)]:
        try:
            out[str(pid)] = process(pid)
        except OSError:
            pass
    return out


def sql(database: str, query: str) -> list[list[str]]:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-AtF", "\t", "-c", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def redis_cli(redis: str, *args: str, stdin: str | None = None) -> str:
    host_port, db = redis.rsplit("/", 1)
    host, port = host_port.split(":")
    result = subprocess.run(
        ["redis-cli", "-h", host, "-p", port, "-n", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def shape(key: str) -> str:
    """A key with its ids, hashes and numbers replaced: the kind of key."""
    key = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", key)
    key = re.sub(r"[0-9a-fA-F]{16,}", "<hex>", key)
    key = re.sub(r"[A-Za-z0-9_-]{22,}", "<token>", key)
    return re.sub(r"\d+", "<n>", key)


def quoted(key: str) -> str:
    return key.replace("\\", "\\\\").replace('"', '\\"')


def redis_sample(redis: str) -> dict[str, Any]:
    info = redis_cli(redis, "INFO")
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    keys = [k for k in redis_cli(redis, "--scan").splitlines() if k]
    no_ttl: Counter[str] = Counter()
    shapes: Counter[str] = Counter(shape(k) for k in keys)
    if keys:
        ttls = redis_cli(redis, stdin="".join(f'TTL "{quoted(k)}"\n' for k in keys)).split()
        for key, ttl in zip(keys, ttls, strict=False):
            if ttl == "-1":
                no_ttl[shape(key)] += 1
    return {
        "clients": int(fields["connected_clients"]),
        "keys": len(keys),
        "used_memory": int(fields["used_memory"]),
        "no_ttl": sum(no_ttl.values()),
        "no_ttl_shapes": dict(no_ttl.most_common(8)),
        "shapes": dict(shapes.most_common(12)),
    }


def postgres_sample(database: str) -> dict[str, Any]:
    rows = sql(
        "postgres",
        "select coalesce(datname, '-'), coalesce(state, '-'), count(*) from pg_stat_activity "
        f"where datname = '{database}' group by 1, 2",
    )
    connections = {f"{state}": int(count) for _, state, count in rows}
    tables = [
        row[0]
        for row in sql(
            database,
            "select table_name from information_schema.tables where table_schema = 'public'",
        )
    ]
    counts = {}
    for table in sorted(tables):
        counts[table] = int(sql(database, f'select count(*) from "{table}"')[0][0])
    return {"connections": connections, "rows": counts}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def sampler(args: argparse.Namespace, until: float, samples: list[dict[str, Any]]) -> None:
    start = time.monotonic()
    log = Path(args.log) if args.log else None
    last_log = log.stat().st_size if log else 0
    last_total = 0
    while True:
        latencies, statuses, errors, unexpected = STATS.take()
        size, total = (log.stat().st_size if log else 0), STATS.total
        requests = total - last_total
        sample: dict[str, Any] = {
            "minute": round((time.monotonic() - start) / 60, 2),
            "requests": total,
            "window_requests": requests,
            "p50_ms": round(percentile(latencies, 0.5), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "errors_per_min": round(errors * 60 / args.every, 1) if samples else 0,
            "unexpected": dict(unexpected.most_common(6)),
            "log_bytes_per_request": round((size - last_log) / requests, 1) if requests else 0,
            "log_bytes": size,
            "server": workers_of(args.server_pid),
            "worker": workers_of(args.worker_pid) if args.worker_pid else {},
            "postgres": await asyncio.to_thread(postgres_sample, args.database),
            "redis": await asyncio.to_thread(redis_sample, args.redis),
            "extra": {k: v for extra in EXTRA_SAMPLERS for k, v in extra().items()},
        }
        last_log, last_total = size, total
        samples.append(sample)
        server_rss = sum(p["rss_kb"] for p in sample["server"].values()) // 1024
        print(
            f"{sample['minute']:6.2f} min {requests:6d} req p50 {sample['p50_ms']:6.1f} "
            f"p99 {sample['p99_ms']:7.1f} err/min {sample['errors_per_min']:5.1f} "
            f"server {server_rss} MiB pg {sample['postgres']['connections']} "
            f"redis keys {sample['redis']['keys']} no-ttl {sample['redis']['no_ttl']} "
            f"{sample['redis']['used_memory'] // 1024} KiB rows {sample['postgres']['rows']} "
            f"log B/req {sample['log_bytes_per_request']} unexpected {sample['unexpected']}"
            + "".join(f" {k} {v}" for k, v in sample["extra"].items()),
            flush=True,
        )
        if time.monotonic() >= until:
            return
        await asyncio.sleep(max(0.0, min(args.every, until - time.monotonic())))


def flatten(sample: dict[str, Any]) -> dict[str, float]:
    """One number per metric: per process, per connection state, per table."""
    out: dict[str, float] = {
        "requests": sample["requests"],
        "p50_ms": sample["p50_ms"],
        "p99_ms": sample["p99_ms"],
        "errors_per_min": sample["errors_per_min"],
        "log_bytes_per_request": sample["log_bytes_per_request"],
        "redis.clients": sample["redis"]["clients"],
        "redis.keys": sample["redis"]["keys"],
        "redis.used_memory_kb": sample["redis"]["used_memory"] // 1024,
        "redis.keys_without_ttl": sample["redis"]["no_ttl"],
    }
    for role in ("server", "worker"):
        for index, (_, proc) in enumerate(sorted(sample[role].items())):
            name = "master" if index == 0 else f"w{index}"
            for metric, value in proc.items():
                out[f"{role}.{name}.{metric}"] = value
    for state, count in sample["postgres"]["connections"].items():
        out[f"pg.conn.{state}"] = count
    for table, count in sample["postgres"]["rows"].items():
        out[f"rows.{table}"] = count
    out.update(sample.get("extra", {}))
    return out


def slope(xs: list[float], ys: list[float]) -> float:
    if len(xs) < 2 or len(set(xs)) < 2:
        return 0.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def summary(samples: list[dict[str, Any]]) -> None:
    flat = [flatten(s) for s in samples]
    minutes = [s["minute"] for s in samples]
    names = sorted({name for row in flat for name in row})
    # The first window's latency includes the first sign-ups; the second half is compared
    # with the first for latency, the first sample with the last for the rest.
    print(f"\n{'metric':38} {'start':>12} {'end':>12} {'slope/min':>12} {'2nd half/1st':>13}")
    half = len(flat) // 2
    for name in names:
        ys = [row.get(name, 0.0) for row in flat]
        first = statistics.fmean(ys[1:half]) if half > 1 else ys[0]
        second = statistics.fmean(ys[half:]) if ys[half:] else ys[-1]
        ratio = f"{second / first:.2f}" if first else "-"
        print(f"{name:38} {ys[0]:12.1f} {ys[-1]:12.1f} {slope(minutes, ys):12.2f} {ratio:>13}")
    last = samples[-1]["redis"]
    print(f"\nredis keys by shape at the end: {json.dumps(last['shapes'])}")
    print(f"keys without a TTL at the end: {json.dumps(last['no_ttl_shapes'])}")


def arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--minutes", type=float, default=12)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--every", type=float, default=15, help="seconds between samples")
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--worker-pid", type=int, default=0)
    parser.add_argument("--database", required=True, help="the app's PostgreSQL database")
    parser.add_argument("--redis", required=True, help="host:port/db of the app's Redis")
    parser.add_argument("--log", default="", help="the server's log file")
    parser.add_argument("--out", default="", help="the samples as JSON")
    return parser


async def main() -> None:
    args = arguments(__doc__.split("\n\n", 1)[0]).parse_args()
    run = uuid.uuid4().hex[:6]
    until = time.monotonic() + args.minutes * 60
    samples: list[dict[str, Any]] = []
    limits = httpx.Limits(max_connections=args.users + 4)
    async with httpx.AsyncClient(base_url=args.url, timeout=30, limits=limits) as client:
        await asyncio.gather(
            sampler(args, until, samples),
            probe_loop(client, until),
            hostile_loop(client, run, until),
            *(user_loop(client, run, n, until) for n in range(args.users)),
        )
    print(f"\n{STATS.total} requests in {args.minutes} min")
    summary(samples)
    if args.out:
        Path(args.out).write_text(json.dumps(samples, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
