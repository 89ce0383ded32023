"""The live feeds soaked: WebSocket clients of a Quart backend's feed, beside bench/soak.py's load.

    uv run --no-project --with httpx --with websockets python bench/soak_feeds.py \
        --url http://127.0.0.1:8000 --minutes 12 --users 4 --subscribers 12 \
        --server-pid PID --database app --redis 127.0.0.1:6379/0 --log server.log \
        --channels 'app:realtime:*' --per-client 10 --max-sockets 100 --workers 2 \
        --out soak_feeds.json

The server runs as `make run` starts it, with REALTIME_MAX_SOCKETS and
REALTIME_MAX_SOCKETS_PER_CLIENT given again here (`--max-sockets`, `--per-client`, per process;
`--workers` processes): the probes below expect those figures. The first module is `items`, with
the owner policy: a subscriber hears of its own user's rows only. A short access token
(JWT_ACCESS_TOKEN_MINUTES=2) lets the expiry be seen many times. Each client has a loopback
address of its own (127.0.x.y, Linux routes all of 127/8 to lo): the per-address limit is the
server's, per client.

soak.py's users (and its hostile user and health probe) load the REST API. Beside them:

- subscribers: each a user with a socket on /ws/items (token in the header, or in the first
  message), writing rows over HTTP (create, update, delete) and checking that each of its
  writes comes back as exactly one event (lost, late, duplicated, another user's: counted), with
  the delay from the write's answer to its event; each connection ends one way of seven: a close
  frame, a FIN without one, a RST, the access token expiring, a logout, "log out everywhere",
  a password change (the last four: the server must close with 4401; the delay is measured);
  then it connects again;
- a limit probe (one address): every 90 s, 5 × `--per-client` × `--workers` sockets at once,
  counted (ready, 1013), dropped half with a RST and half without a close frame, and opened
  again 2 s later (and, when fewer, 10 s later): the same count, or a place was not freed;
- a crowd (40 addresses): every 4 minutes, `--max-sockets` × `--workers` × 2 sockets, beyond
  the total limit, then all dropped with a RST;
- a slow reader: every 5 minutes a socket whose client never reads (a raw TCP socket with a
  small receive buffer), while its user writes rows of 10,000 characters until the server's send
  queue for it is full; then as many sockets as the server admits from its address beside it: one
  fewer than `--per-client` × `--workers` while the stalled one keeps its place.

The sampler is soak.py's, with the feeds' figures added: sockets the server holds (ESTABLISHED
and CLOSE-WAIT on its port, from `ss`), Redis pub/sub channels and their subscribers, events,
losses, duplicates, closes by code, and the events' delay p50/p99. It measures; it asserts
nothing.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import random
import socket
import struct
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

sys.path.insert(0, str(Path(__file__).parent))
import soak

ENDINGS = ["close", "fin", "rst", "expiry", "logout", "logout-all", "password"]


class FeedStats:
    def __init__(self) -> None:
        self.delays: list[float] = []  # ms from a write's answer to its event
        self.revoke_delays: list[float] = []  # ms from a logout's answer to the close
        self.counts: Counter[str] = Counter()  # cumulative
        self.closes: Counter[str] = Counter()  # "<ending> <code>", cumulative

    def take(self) -> dict[str, float]:
        delays, revokes = self.delays, self.revoke_delays
        self.delays, self.revoke_delays = [], []
        out: dict[str, float] = {
            "feed.event_p50_ms": round(soak.percentile(delays, 0.5), 1),
            "feed.event_p99_ms": round(soak.percentile(delays, 0.99), 1),
            "feed.revoke_close_p99_ms": round(soak.percentile(revokes, 0.99), 1),
        }
        for name in (
            "connected",
            "refused_1013",
            "events",
            "lost",
            "late",
            "coalesced",
            "repeated",
            "unsent_at_close",
            "duplicated",
            "foreign",
            "heartbeats",
            "pongs",
            "errors",
        ):
            out[f"feed.{name}"] = self.counts[name]
        return out


FEED = FeedStats()
ARGS: Any = None


def ws_url(path: str) -> str:
    return ARGS.url.replace("http://", "ws://", 1).rstrip("/") + path


def server_sockets() -> dict[str, float]:
    """TCP connections the server holds on its port, by state (`ss`, from the server's side)."""
    port = ARGS.url.rsplit(":", 1)[1].split("/")[0]
    out = {}
    for state in ("established", "close-wait", "fin-wait-1", "fin-wait-2", "time-wait"):
        result = subprocess.run(
            ["ss", "-Htn", "state", state, f"( sport = :{port} )"],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        out[f"tcp.{state}"] = len(lines)
        if state == "established":
            out["tcp.established_send_q_kb"] = sum(int(line.split()[1]) for line in lines) // 1024
    return out


def pubsub() -> dict[str, float]:
    channels = soak.redis_cli(ARGS.redis, "PUBSUB", "CHANNELS", ARGS.channels).split()
    subscribers = 0
    for channel in channels:
        reply = soak.redis_cli(ARGS.redis, "PUBSUB", "NUMSUB", channel).split()
        subscribers += int(reply[1])
    return {"redis.pubsub_channels": len(channels), "redis.pubsub_subscribers": subscribers}


def feed_sample() -> dict[str, float]:
    return FEED.take() | server_sockets() | pubsub()


async def open_socket(
    token: str, address: str, in_header: bool = True
) -> tuple[ClientConnection | None, int]:
    """A socket on /ws/items, ready; or None and the close code (1013: refused)."""
    headers = {"Authorization": f"Bearer {token}"} if in_header else {}
    try:
        ws = await connect(
            ws_url("/ws/items"),
            additional_headers=headers,
            local_addr=(address, 0),
            open_timeout=20,
            close_timeout=5,
            ping_interval=None,
            max_queue=64,
        )
    except (OSError, InvalidStatus, TimeoutError) as error:
        FEED.counts["errors"] += 1
        FEED.closes[f"connect {type(error).__name__}"] += 1
        return None, 0
    try:
        if not in_header:
            await ws.send(json.dumps({"type": "auth", "token": token}))
        first = json.loads(await asyncio.wait_for(ws.recv(), 20))
    except ConnectionClosed as closed:
        code = closed.rcvd.code if closed.rcvd else 1006
        if code == 1013:
            FEED.counts["refused_1013"] += 1
        else:
            FEED.closes[f"open {code}"] += 1
        return None, code
    except TimeoutError:
        FEED.counts["errors"] += 1
        FEED.closes["open timeout"] += 1
        ws.transport.abort()
        return None, 0
    if first.get("type") != "ready":
        FEED.closes[f"open {first.get('type')}"] += 1
    FEED.counts["connected"] += 1
    return ws, 0


def drop(ws: ClientConnection, rst: bool) -> None:
    """Ends the TCP connection without a close frame: a FIN, or a RST (SO_LINGER 0)."""
    sock = ws.transport.get_extra_info("socket")
    if rst and sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        ws.transport.abort()
    else:
        ws.transport.close()


class Subscriber:
    def __init__(self, client: httpx.AsyncClient, run: str, n: int) -> None:
        self.user = soak.User(client, run, 20_000 + n)
        self.user.with_tasks = False
        self.address = f"127.0.1.{n + 1}"
        self.waiting: dict[str, float] = {}  # marker → when its write was answered
        self.seen: set[str] = set()
        self.kinds: dict[str, str] = {}  # marker → created or updated
        self.early: set[str] = set()  # events that came before their write's answer
        self.given_up: set[str] = set()  # counted lost
        self.updates: dict[str, tuple[int, int]] = {}  # an update's marker → its row, its turn
        self.items: list[int] = []
        self.owned: set[int] = set()
        self.closed_at = 0.0
        self.close_code = 0
        self.until = 0.0

    async def reader(self, ws: ClientConnection) -> None:
        try:
            async for raw in ws:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "heartbeat":
                    FEED.counts["heartbeats"] += 1
                    continue
                if kind == "pong":
                    FEED.counts["pongs"] += 1
                    continue
                FEED.counts["events"] += 1
                data = message.get("data", {})
                marker = (data.get("description") or "").split(";")[0]
                if kind == "deleted":
                    marker = f"deleted:{data.get('id')}"
                if marker in self.given_up:
                    FEED.counts["late"] += 1  # counted lost, came after `settle` gave up
                elif (marker in self.seen or marker in self.early) and kind == "updated":
                    # An earlier update's event, read back after a later commit, showed it.
                    FEED.counts["repeated"] += 1
                elif marker in self.seen or marker in self.early:
                    FEED.counts["duplicated"] += 1
                elif marker in self.waiting:
                    FEED.delays.append(max(0.0, time.time() - self.waiting.pop(marker)) * 1000)
                    self.seen.add(marker)
                elif marker.startswith(f"m-{self.user.n}-") or data.get("id") in self.owned:
                    self.early.add(marker)  # before its write's answer: matched by `expect`
                else:
                    FEED.counts["foreign"] += 1
                    FEED.closes[f"foreign {kind} {data.get('id')}"] += 1
        except ConnectionClosed:
            pass
        self.closed_at = time.time()
        self.close_code = ws.close_code or 1006

    async def write(self) -> None:
        c, auth = self.user.client, soak.bearer(self.user.access)
        roll = random.random()
        marker = f"m-{self.user.n}-{uuid.uuid4().hex[:10]}"
        if roll < 0.5 or len(self.items) < 3:
            body = {"name": random.choice(soak.WORDS), "description": f"{marker};", "quantity": 1}
            response = await soak.call(
                c, "POST", "/api/items", "feed-create", (201,), headers=auth, json=body
            )
            if response is not None and response.status_code == 201:
                self.items.append(response.json()["data"]["id"])
                self.owned.add(self.items[-1])
                self.expect(marker, "created")
        elif roll < 0.85:
            item = random.choice(self.items)
            self.updates[marker] = (item, len(self.updates))
            body = {"description": f"{marker};"}
            response = await soak.call(
                c, "PATCH", f"/api/items/{item}", "feed-update", headers=auth, json=body
            )
            if response is not None and response.status_code == 200:
                self.expect(marker, "updated")
        else:
            item = self.items.pop(random.randrange(len(self.items)))
            response = await soak.call(
                c, "DELETE", f"/api/items/{item}", "feed-delete", (200, 204), headers=auth
            )
            if response is not None and response.status_code in (200, 204):
                self.expect(f"deleted:{item}", "deleted")

    def expect(self, marker: str, kind: str) -> None:
        """A write answered: its event is awaited, or came already (a delay of 0)."""
        self.kinds[marker] = kind
        if marker in self.early:
            self.early.discard(marker)
            self.seen.add(marker)
            FEED.delays.append(0.0)
        else:
            self.waiting[marker] = time.time()

    async def settle(self, seconds: float = 10) -> None:
        """Waits for the events of the writes so far; those still missing are lost, unless the
        socket closed meanwhile or, for an update, a later update of the row showed in an event
        (each event has the row as read after its commit: two quick updates may both show the
        second)."""
        until = time.monotonic() + seconds
        while self.waiting and time.monotonic() < until and not self.closed_at:
            await asyncio.sleep(0.05)
        for marker in self.waiting:
            row, turn = self.updates.get(marker, (0, 0))
            if any(
                later_row == row and later > turn and seen in self.seen | self.early
                for seen, (later_row, later) in self.updates.items()
            ):
                FEED.counts["coalesced"] += 1
            elif self.closed_at:
                FEED.counts["unsent_at_close"] += 1
            else:
                FEED.counts["lost"] += 1
                self.given_up.add(marker)
                FEED.closes[f"lost {self.kinds.get(marker, 'deleted')}"] += 1
        self.waiting.clear()

    async def session(self, ending: str) -> None:
        ws, code = await open_socket(self.user.access, self.address, random.random() < 0.7)
        if ws is None:
            await asyncio.sleep(2 if code == 1013 else 1)
            return
        self.closed_at, self.close_code, self.seen, self.early = 0.0, 0, set(), set()
        reader = asyncio.create_task(self.reader(ws))
        try:
            await self.run_session(ws, ending)
        finally:
            if not reader.done():
                drop(ws, rst=True)
            await asyncio.gather(reader, return_exceptions=True)
        FEED.closes[f"{ending} {self.close_code}"] += 1

    async def run_session(self, ws: ClientConnection, ending: str) -> None:
        for _ in range(random.randint(3, 12)):
            await self.write()
            if random.random() < 0.2:
                await ws.send(json.dumps({"type": "ping"}))
            await asyncio.sleep(random.uniform(0.05, 0.5))
        await self.settle()
        if ending == "close":
            await ws.close()
        elif ending in ("fin", "rst"):
            drop(ws, rst=ending == "rst")
        elif ending == "expiry":
            # The socket's token expires; the HTTP side refreshes and keeps writing meanwhile.
            exp = json.loads(base64.urlsafe_b64decode(self.user.access.split(".")[1] + "=="))["exp"]
            while not self.closed_at and time.time() < exp + 70 and time.monotonic() < self.until:
                await self.user.login()
                for _ in range(3):
                    if not self.closed_at:
                        await self.write()
                        await asyncio.sleep(1)
                await self.settle()
                await asyncio.sleep(5)
            if self.closed_at:
                FEED.closes[f"expiry late_s {int(max(0, self.closed_at - exp) // 10 * 10)}"] += 1
            elif time.monotonic() >= self.until:
                FEED.closes["expiry cut by the soak's end"] += 1
            else:
                FEED.closes["expiry NOT closed 70 s after the token expired"] += 1
        else:
            c, auth = self.user.client, soak.bearer(self.user.access)
            if ending == "logout":
                body = {"refresh_token": self.user.refresh}
                await soak.call(
                    c, "POST", "/api/auth/logout", "feed-logout", headers=auth, json=body
                )
            elif ending == "logout-all":
                await soak.call(c, "POST", "/api/auth/logout-all", "feed-logout-all", headers=auth)
            else:
                new = soak.PASSWORD.format(n=uuid.uuid4().hex[:8])
                body = {"current_password": self.user.password, "new_password": new}
                response = await soak.call(
                    c, "POST", "/api/auth/password", "feed-password", headers=auth, json=body
                )
                if response is not None and response.status_code == 200:
                    self.user.password = new
            answered = time.time()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closed(), 75)
            if self.closed_at:
                FEED.revoke_delays.append((self.closed_at - answered) * 1000)
            await self.user.login()

    async def _closed(self) -> None:
        while not self.closed_at:
            await asyncio.sleep(0.02)

    async def loop(self, until: float) -> None:
        self.until = until
        while time.monotonic() < until and not await self.user.sign_up():
            await asyncio.sleep(1)
        while time.monotonic() < until:
            try:
                # A fresh token for each connection but the expiry's (which waits it out).
                ending = random.choice(ENDINGS)
                if ending != "expiry":
                    await self.user.login()
                await self.session(ending)
            except Exception as error:  # noqa: BLE001 - counted, and the soak goes on
                FEED.counts["errors"] += 1
                FEED.closes[f"error {type(error).__name__}"] += 1
                await asyncio.sleep(1)


async def open_many(token: str, addresses: list[str], count: int) -> list[ClientConnection]:
    results = await asyncio.gather(
        *(open_socket(token, addresses[i % len(addresses)]) for i in range(count))
    )
    return [ws for ws, _ in results if ws is not None]


async def limit_probe(client: httpx.AsyncClient, run: str, until: float) -> None:
    user = soak.User(client, run, 30_000)
    while time.monotonic() < until and not await user.sign_up():
        await asyncio.sleep(1)
    await pause(20, until)
    attempts = 5 * ARGS.per_client * ARGS.workers
    while time.monotonic() < until:
        await user.login()
        first = await open_many(user.access, ["127.0.2.1"], attempts)
        for i, ws in enumerate(first):
            drop(ws, rst=i % 2 == 0)
        await asyncio.sleep(2)
        second = await open_many(user.access, ["127.0.2.1"], attempts)
        # Fewer: the places of the dropped ones not yet given back; 10 s more, and again.
        third = second
        if len(second) < len(first):
            await asyncio.gather(*(ws.close() for ws in second), return_exceptions=True)
            await asyncio.sleep(10)
            third = await open_many(user.access, ["127.0.2.1"], attempts)
        FEED.closes[f"limit {len(first)} then {len(second)} then {len(third)}"] += 1
        print(f"limit probe: {len(first)}, {len(second)}, {len(third)} of {attempts}", flush=True)
        await asyncio.gather(*(ws.close() for ws in third), return_exceptions=True)
        await pause(90, until)


async def crowd(client: httpx.AsyncClient, run: str, until: float) -> None:
    user = soak.User(client, run, 30_001)
    while time.monotonic() < until and not await user.sign_up():
        await asyncio.sleep(1)
    await pause(60, until)
    addresses = [f"127.0.3.{i}" for i in range(1, 41)]
    while time.monotonic() < until:
        await user.login()
        held = await open_many(user.access, addresses, ARGS.max_sockets * ARGS.workers * 2)
        print(f"crowd: {len(held)} sockets open at once", flush=True)
        FEED.closes[f"crowd {len(held)}"] += 1
        await asyncio.sleep(10)
        for ws in held:
            drop(ws, rst=True)
        await pause(240, until)


async def slow_reader(client: httpx.AsyncClient, run: str, until: float) -> None:
    """A socket never read, while its user writes rows of 10,000 characters."""
    user = soak.User(client, run, 30_002)
    user.with_tasks = False
    while time.monotonic() < until and not await user.sign_up():
        await asyncio.sleep(1)
    await pause(90, until)
    host, port = ARGS.url.split("//")[1].split(":")
    port = port.split("/")[0]
    while time.monotonic() < until:
        await user.login()
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.bind(("127.0.4.1", 0))
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (host, int(port)))
        local_port = sock.getsockname()[1]
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /ws/items HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {user.access}\r\n\r\n"
        )
        await asyncio.get_running_loop().sock_sendall(sock, request.encode())
        await asyncio.sleep(2)
        rows = 0
        body = {"name": "slow", "description": "s" * 10_000, "quantity": 1}
        started = time.monotonic()
        state = server_side(port, local_port)
        while state.startswith("ESTAB") and rows < 3000 and time.monotonic() - started < 180:
            # Four at a time: the socket's buffers fill before its token expires (a 2-min token).
            await asyncio.gather(
                *(
                    soak.call(
                        client,
                        "POST",
                        "/api/items",
                        "slow-create",
                        (201,),
                        headers=soak.bearer(user.access),
                        json=body,
                    )
                    for _ in range(4)
                )
            )
            rows += 4
            if rows % 200 == 0:
                await user.login()
            state = server_side(port, local_port)
        await asyncio.sleep(10)
        state = server_side(port, local_port)
        # Beside it, as many sockets as the server admits from its address: one fewer than
        # --per-client × --workers while the stalled one keeps its place.
        beside = await open_many(user.access, ["127.0.4.1"], 4 * ARGS.per_client * ARGS.workers)
        await asyncio.gather(*(ws.close() for ws in beside), return_exceptions=True)
        print(f"slow reader: {len(beside)} sockets admitted beside it", flush=True)
        FEED.closes[f"slow beside {len(beside)}"] += 1
        print(f"slow reader: {rows} rows written; server side after 10 s: {state}", flush=True)
        FEED.closes[
            f"slow rows {rows // 100 * 100}+ then {state.split()[0] if state else 'gone'}"
        ] += 1
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        await pause(300, until)


async def pause(seconds: float, until: float) -> None:
    await asyncio.sleep(max(0.0, min(seconds, until - time.monotonic())))


def server_side(port: str, client_port: int) -> str:
    """The server's end of one connection: its state and queues, or "" when gone."""
    result = subprocess.run(
        ["ss", "-Htn", f"( sport = :{port} and dport = :{client_port} )"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


async def main() -> None:
    global ARGS
    parser = soak.arguments(__doc__.split("\n\n", 1)[0])
    parser.add_argument("--subscribers", type=int, default=12)
    parser.add_argument(
        "--per-client", type=int, default=20, help="REALTIME_MAX_SOCKETS_PER_CLIENT"
    )
    parser.add_argument("--max-sockets", type=int, default=2000, help="REALTIME_MAX_SOCKETS")
    parser.add_argument("--channels", default="*:realtime:*", help="the app's pub/sub channels")
    parser.add_argument("--workers", type=int, default=2, help="the server's processes")
    ARGS = args = parser.parse_args()
    soak.EXTRA_SAMPLERS.append(feed_sample)
    run = uuid.uuid4().hex[:6]
    until = time.monotonic() + args.minutes * 60
    samples: list[dict[str, Any]] = []
    limits = httpx.Limits(max_connections=args.users + args.subscribers + 8)
    async with httpx.AsyncClient(base_url=args.url, timeout=30, limits=limits) as client:

        async def rest_user(n: int) -> None:
            user = soak.User(client, run, n)
            user.with_tasks = False
            while time.monotonic() < until and not await user.sign_up():
                await asyncio.sleep(1)
            while time.monotonic() < until:
                await user.step()
                await asyncio.sleep(random.uniform(0, 0.05))

        await asyncio.gather(
            soak.sampler(args, until, samples),
            soak.probe_loop(client, until),
            soak.hostile_loop(client, run, until),
            *(rest_user(n) for n in range(args.users)),
            *(Subscriber(client, run, n).loop(until) for n in range(args.subscribers)),
            limit_probe(client, run, until),
            crowd(client, run, until),
            slow_reader(client, run, until),
        )
    print(f"\n{soak.STATS.total} requests in {args.minutes} min")
    soak.summary(samples)
    print(f"\nfeed closes and probes: {json.dumps(dict(sorted(FEED.closes.items())), indent=1)}")
    if args.out:
        Path(args.out).write_text(json.dumps({"samples": samples, "closes": FEED.closes}, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
