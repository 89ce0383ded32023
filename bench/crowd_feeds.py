"""A crowd of live-feed sockets opening at once, against a running Quart project.

What happens when every client of a release reconnects at the same moment (after a deploy, a
proxy's restart): many users, each with tokens of their own, open sockets on `/ws/items` at once.
Each socket's token is checked before it is told "ready"; this script watches what that costs the
database while it happens:

- the server's PostgreSQL connections (`pg_stat_activity` of `--database`), sampled every 20 ms;
- `/health/ready`, asked every 100 ms with its own 2-second budget (a 503, or no answer in time,
  is a replica a load balancer would take out of service);
- how long the crowd took to be ready, and how many sockets were refused.

Nothing here is asserted: it prints figures, one line per round, to set side by side with another
run (another version of the project, another REALTIME_CHECKS_AT_ONCE).

    uv run --no-project --with httpx --with websockets --with 'psycopg[binary]' \\
      python bench/crowd_feeds.py --url http://127.0.0.1:8017 --database crowd \\
      --users 100 --tokens 4 --rounds 3

The server runs as `make run` starts it, its per-address limits raised for one host's load
(LOGIN_RATE_LIMIT, REGISTER_RATE_LIMIT) and REALTIME_MAX_SOCKETS_PER_CLIENT at least
`--users * --tokens / 50` (the sockets come from 50 loopback addresses).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid

import httpx
import psycopg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

ADDRESSES = [f"127.0.5.{i}" for i in range(1, 51)]
PASSWORD = "crowd-{n}-Passphrase!"


async def tokens_of(client: httpx.AsyncClient, n: int, count: int) -> list[str]:
    """A new user's `count` access tokens, each from a login of its own (none known yet to
    the server's Redis mirror, as after a deploy)."""
    body = {"email": f"crowd-{uuid.uuid4().hex[:12]}-{n}@example.com"}
    body["password"] = PASSWORD.format(n=uuid.uuid4().hex[:8])
    response = await client.post("/api/auth/register", json=body)
    response.raise_for_status()
    tokens = []
    for _ in range(count):
        login = await client.post("/api/auth/login", json=body)
        login.raise_for_status()
        tokens.append(login.json()["data"]["access_token"])
    return tokens


async def open_socket(url: str, token: str, address: str) -> ClientConnection | int:
    """A socket told "ready", or the close code that refused it (0: no connection)."""
    try:
        ws = await connect(
            url,
            additional_headers={"Authorization": f"Bearer {token}"},
            local_addr=(address, 0),
            open_timeout=60,
            ping_interval=None,
        )
    except (OSError, InvalidStatus, TimeoutError):
        return 0
    try:
        first = json.loads(await asyncio.wait_for(ws.recv(), 60))
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else 1006
    except TimeoutError:
        ws.transport.abort()
        return 0
    return ws if first.get("type") == "ready" else 0


class Watch:
    """Samples the database's connections and the readiness probe until stopped."""

    def __init__(self, url: str, database: str) -> None:
        self.url, self.database = url, database
        self.connections: list[int] = []
        self.idle_in_transaction: list[int] = []  # connections held by a request between queries
        self.ready: list[tuple[int, float]] = []  # (status, seconds); 0: no answer in 2 s
        self.stopped = asyncio.Event()

    async def sample_connections(self) -> None:
        query = (
            "SELECT count(*), count(*) FILTER (WHERE state = 'idle in transaction')"
            " FROM pg_stat_activity WHERE datname = %s"
        )
        async with await psycopg.AsyncConnection.connect(
            "host=127.0.0.1 user=postgres dbname=postgres", autocommit=True
        ) as connection:
            while not self.stopped.is_set():
                row = await (await connection.execute(query, (self.database,))).fetchone()
                self.connections.append(int(row[0]) if row else 0)
                self.idle_in_transaction.append(int(row[1]) if row else 0)
                await asyncio.sleep(0.02)

    def readiness(self) -> dict[str, object]:
        """The probe's figures: how many answers, how many not 200, their p50 and max."""
        seconds = [s for _, s in self.ready]
        p50, most = statistics.median(seconds) * 1000, max(seconds) * 1000
        return {
            "/health/ready answers": len(self.ready),
            "not 200": sum(1 for status, _ in self.ready if status != 200),
            "ready p50 / max ms": f"{p50:.0f} / {most:.0f}",
        }

    async def probe(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
            while not self.stopped.is_set():
                started = time.perf_counter()
                try:
                    status = (await client.get("/health/ready")).status_code
                except httpx.HTTPError:
                    status = 0
                self.ready.append((status, time.perf_counter() - started))
                await asyncio.sleep(0.1)


async def one_round(args: argparse.Namespace, tokens: list[str]) -> dict[str, object]:
    ws_url = args.url.replace("http://", "ws://", 1).rstrip("/") + "/ws/items"
    watch = Watch(args.url, args.database)
    watchers = [asyncio.create_task(watch.sample_connections()), asyncio.create_task(watch.probe())]
    await asyncio.sleep(0.5)  # the floor before the crowd
    before = max(watch.connections or [0])
    started = time.perf_counter()
    opened = await asyncio.gather(
        *(open_socket(ws_url, t, ADDRESSES[i % len(ADDRESSES)]) for i, t in enumerate(tokens))
    )
    took = time.perf_counter() - started
    await asyncio.sleep(0.5)
    watch.stopped.set()
    await asyncio.gather(*watchers)
    sockets = [ws for ws in opened if not isinstance(ws, int)]
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    return {
        "sockets": len(tokens),
        "ready": len(sockets),
        "refused": sorted({code for code in opened if isinstance(code, int)}),
        "all ready in s": round(took, 2),
        "db connections before / max": f"{before} / {max(watch.connections)}",
    } | watch.readiness()


def target_arguments(parser: argparse.ArgumentParser) -> None:
    """The running project the script loads, and its database."""
    parser.add_argument("--url", required=True, help="the running project, http://host:port")
    parser.add_argument("--database", required=True, help="its PostgreSQL database's name")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target_arguments(parser)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--tokens", type=int, default=4, help="sockets (and logins) per user")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for n in range(args.rounds):
        async with httpx.AsyncClient(base_url=args.url, timeout=30) as client:
            # A few users at a time: sign-up and login hash a password (argon2, 64 MiB each).
            tokens: list[str] = []
            for first in range(0, args.users, 8):
                batch = range(first, min(first + 8, args.users))
                for got in await asyncio.gather(
                    *(tokens_of(client, u, args.tokens) for u in batch)
                ):
                    tokens.extend(got)
        figures = await one_round(args, tokens)
        print(f"round {n + 1}: " + ", ".join(f"{k} {v}" for k, v in figures.items()), flush=True)
        await asyncio.sleep(3)


if __name__ == "__main__":
    asyncio.run(main())
