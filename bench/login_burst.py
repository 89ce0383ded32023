"""A burst of logins at once, against a running project (Flask or Quart).

Each login verifies a password with argon2 (64 MiB and tens of milliseconds of CPU each, on
purpose), so a burst queues for the CPU. What this script watches is what the burst costs everyone
else meanwhile, sampled as `bench/crowd_feeds.py` samples a crowd of sockets:

- the server's PostgreSQL connections (`pg_stat_activity` of `--database`), and how many of them
  sit "idle in transaction": held by a request that is doing something other than a query;
- `/health/ready`, asked every 100 ms with its own 2-second budget.

    uv run --no-project --with httpx --with websockets --with 'psycopg[binary]' \\
      python bench/login_burst.py --url http://127.0.0.1:8017 --database app --logins 200

The users are registered first (`--users`, a few at a time), then all logins are sent at once
(`--logins`, spread over the users). The server's per-address limits must be raised for one host's
load (LOGIN_RATE_LIMIT, REGISTER_RATE_LIMIT). With `--rate`, logins come at random times instead
of at once (`--rate 1 --seconds 40`): how many a server refuses when two merely meet. A 503 is tried
again after Retry-After, as a client should. Nothing is asserted: figures, one line per round.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from crowd_feeds import PASSWORD, Watch, target_arguments


async def register(client: httpx.AsyncClient, n: int) -> dict[str, str]:
    body = {"email": f"burst-{uuid.uuid4().hex[:12]}-{n}@example.com"}
    body["password"] = PASSWORD.format(n=uuid.uuid4().hex[:8])
    (await tried_again(client, "/api/auth/register", body, [])).raise_for_status()
    return body


async def tried_again(
    client: httpx.AsyncClient, path: str, body: dict[str, str], refused: list[int]
) -> httpx.Response:
    """A POST, tried again after Retry-After (and a random share of it) while the server answers 503 (a Flask server with
    every hashing slot taken refuses at once: src/auth/passwords.py), as a client should."""
    while True:
        answer = await client.post(path, json=body)
        if answer.status_code != 503:
            return answer
        refused.append(1)
        # Retry-After is the least wait; a random share more spreads the clients refused together.
        await asyncio.sleep(float(answer.headers.get("Retry-After", "1")) * random.uniform(1, 2))


async def one_round(args: argparse.Namespace, users: list[dict[str, str]]) -> dict[str, object]:
    watch = Watch(args.url, args.database)
    watchers = [
        asyncio.create_task(watch.sample_connections()),
        asyncio.create_task(watch.probe()),
    ]
    await asyncio.sleep(0.5)  # the floor before the burst
    limits = httpx.Limits(max_connections=args.logins, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=args.url, timeout=120, limits=limits) as client:
        refused: list[int] = []
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(
                tried_again(client, "/api/auth/login", users[i % len(users)], refused)
                for i in range(args.logins)
            ),
            return_exceptions=True,
        )
        took = time.perf_counter() - started
    await asyncio.sleep(0.5)
    watch.stopped.set()
    await asyncio.gather(*watchers)
    statuses = [a.status_code if isinstance(a, httpx.Response) else 0 for a in answers]
    return {
        "logins": args.logins,
        "200": statuses.count(200),
        "other": sorted({s for s in statuses if s != 200}),
        "503 tried again": len(refused),
        "all answered in s": round(took, 2),
        "db connections max": max(watch.connections),
        "idle in transaction max": max(watch.idle_in_transaction),
    } | watch.readiness()


async def steady(args: argparse.Namespace, users: list[dict[str, str]]) -> dict[str, object]:
    """Logins at random times (a Poisson process of `--rate` a second) for `--seconds`, instead of
    a burst: how many logins that merely meet another one a server refuses, and what the retries
    cost them (each login's time counts its retries)."""
    refused: list[int] = []
    times: list[float] = []
    statuses: list[int] = []

    async def one(client: httpx.AsyncClient, user: dict[str, str]) -> None:
        started = time.perf_counter()
        before = len(refused)
        answer = await tried_again(client, "/api/auth/login", user, refused)
        times.append(time.perf_counter() - started)
        statuses.append(answer.status_code if len(refused) == before else -answer.status_code)

    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=args.url, timeout=120, limits=limits) as client:
        sent: list[asyncio.Task[None]] = []
        ends = time.perf_counter() + args.seconds
        while time.perf_counter() < ends:
            sent.append(asyncio.create_task(one(client, random.choice(users))))
            await asyncio.sleep(random.expovariate(args.rate))
        await asyncio.gather(*sent)
    times.sort()
    retried = sum(1 for s in statuses if s < 0)
    return {
        "logins": len(statuses),
        "200": sum(1 for s in statuses if abs(s) == 200),
        "refused at least once %": round(100 * retried / len(statuses), 1),
        "p50 / p99 / max ms": "/".join(
            f"{1000 * t:.0f}"
            for t in (times[len(times) // 2], times[int(len(times) * 0.99)], times[-1])
        ),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target_arguments(parser)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--logins", type=int, default=200, help="sent at once, each round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=float, help="instead of bursts: logins a second, at random")
    parser.add_argument("--seconds", type=float, default=40, help="with --rate: for how long")
    args = parser.parse_args()
    async with httpx.AsyncClient(base_url=args.url, timeout=60) as client:
        users: list[dict[str, str]] = []
        for first in range(0, args.users, 8):
            batch = range(first, min(first + 8, args.users))
            users.extend(await asyncio.gather(*(register(client, n) for n in batch)))
    for n in range(args.rounds):
        figures = await (steady(args, users) if args.rate else one_round(args, users))
        print(
            f"round {n + 1}: " + ", ".join(f"{k} {v}" for k, v in figures.items()),
            flush=True,
        )
        await asyncio.sleep(3)


if __name__ == "__main__":
    asyncio.run(main())
