/**
 * Live feeds end to end (issue 18): a Quart project with auth and Redis, served by
 * hypercorn with 2 worker processes. Clients connect to GET /ws/items like a browser
 * (first-message auth) or with the Authorization header (a raw socket).
 *
 * - 200 concurrent clients each receive the 100 rows created through the API, none lost or
 *   duplicated; the clients are held by both workers (checked with `ss`), so rows written
 *   through one worker reached the clients of the other, through Redis.
 * - a client of another user, and a client that never authenticates, receive no row.
 * - a logout closes the sockets of that token with 4401.
 * - a client that stops reading is closed with 4429, while a reading client gets everything.
 * - the server's stop closes every socket with 1001 at once, and the server stops within 8 s.
 */
import { assert, assertEquals } from "../_assert.ts";
import { type Combo, PG, run, servicesAvailable } from "./_harness.ts";
import { concat, type RunningProject, startProject } from "./_reliability.ts";
import { TEXT_LENGTH } from "../../src/choices/field_types.ts";

const COMBO: Combo = {
  framework: "quart",
  database: "postgresql",
  auth: true,
  cache: true,
  celery: false,
};
const CLIENTS = 200;
/** Sockets one worker takes from one address: room for every client on a single worker. */
const PER_CLIENT = CLIENTS + 10;
const EVENTS = 100;
// Guards against a hang, not a measure.
const WAIT_MS = 60_000;

type Message = { type: string; data?: { id: number } };

/** A browser-like client: first-message auth (or none), every message and the close code kept. */
class FeedClient {
  socket: WebSocket;
  messages: Message[] = [];
  closed: Promise<number>;
  ready: Promise<void>;

  constructor(url: string, token?: string) {
    this.socket = new WebSocket(url);
    let ready!: () => void;
    let refused!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => [ready, refused] = [resolve, reject]);
    this.closed = new Promise((resolve) => {
      this.socket.onclose = (event) => {
        resolve(event.code);
        refused(new Error(`closed before ready: ${event.code} ${event.reason}`));
      };
    });
    // Anonymous clients are never ready: that rejection is expected, not unhandled.
    this.ready.catch(() => {});
    this.socket.onopen = () => {
      if (token) this.socket.send(JSON.stringify({ type: "auth", token }));
    };
    this.socket.onmessage = (event) => {
      const message = JSON.parse(event.data) as Message;
      if (message.type === "ready") ready();
      else if (message.type !== "heartbeat") this.messages.push(message);
    };
  }

  created(): number[] {
    return this.messages.filter((m) => m.type === "created").map((m) => m.data!.id);
  }
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function login(base: string, email: string, register: boolean): Promise<string> {
  const credentials = JSON.stringify({ email, password: "correct horse battery staple" });
  const headers = { "content-type": "application/json" };
  if (register) {
    const response = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers,
      body: credentials,
    });
    assertEquals(response.status, 201, await response.text());
  }
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers,
    body: credentials,
  });
  const body = await response.json();
  assertEquals(response.status, 200, JSON.stringify(body));
  return body.data.access_token;
}

async function createRows(
  base: string,
  token: string,
  count: number,
  description = "",
): Promise<number[]> {
  const ids: number[] = [];
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  // A few writers at a time: the rows go through both workers.
  const next = { n: 0 };
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next.n < count) {
      const n = next.n++;
      const response = await fetch(`${base}/api/items`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: `row ${n} ${crypto.randomUUID()}`, description }),
      });
      const body = await response.json();
      assertEquals(response.status, 201, JSON.stringify(body));
      ids.push(body.data.id);
    }
  }));
  return ids;
}

/** The server pids holding established connections to `port` (one per connection). */
async function serverPids(port: number): Promise<number[]> {
  const out = await run(["ss", "-Htnp", "state", "established", `( sport = :${port} )`]);
  return [...out.stdout.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
}

/**
 * A client that never reads: the upgrade with the Authorization header, then nothing until
 * `drain()`, which reads to the end and returns the text frames and the close code.
 */
class StalledClient {
  private constructor(private conn: Deno.TcpConn, private rest: Uint8Array) {}

  static async open(port: number, token: string): Promise<StalledClient> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    const request = [
      "GET /ws/items HTTP/1.1",
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${key}`,
      "Sec-WebSocket-Version: 13",
      `Authorization: Bearer ${token}`,
      "",
      "",
    ].join("\r\n");
    await conn.write(new TextEncoder().encode(request));
    let received: Uint8Array = new Uint8Array(0);
    const buffer = new Uint8Array(4096);
    while (true) {
      const n = await conn.read(buffer);
      if (n === null) throw new Error("closed during the upgrade");
      received = concat(received, buffer.subarray(0, n));
      const text = new TextDecoder().decode(received);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        assert(text.startsWith("HTTP/1.1 101"), text);
        return new StalledClient(conn, received.subarray(end + 4));
      }
    }
  }

  async drain(): Promise<{ texts: string[]; closeCode: number | undefined }> {
    let data = this.rest;
    const buffer = new Uint8Array(1 << 16);
    const timer = setTimeout(() => this.conn.close(), WAIT_MS);
    try {
      while (true) {
        const n = await this.conn.read(buffer);
        if (n === null) break;
        data = concat(data, buffer.subarray(0, n));
        if (parseFrames(data).closeCode !== undefined) break;
      }
    } catch {
      // reset by the server: what was read is the answer
    } finally {
      clearTimeout(timer);
      try {
        this.conn.close();
      } catch {
        // already closed
      }
    }
    return parseFrames(data);
  }
}

/** Server frames (unmasked, unfragmented text and close frames). */
function parseFrames(data: Uint8Array): { texts: string[]; closeCode: number | undefined } {
  const texts: string[] = [];
  let offset = 0;
  while (offset + 2 <= data.length) {
    const opcode = data[offset] & 0x0f;
    let length = data[offset + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (offset + 4 > data.length) break;
      length = (data[offset + 2] << 8) | data[offset + 3];
      header = 4;
    } else if (length === 127) {
      if (offset + 10 > data.length) break;
      length = Number(new DataView(data.buffer, data.byteOffset + offset + 2, 8).getBigUint64(0));
      header = 10;
    }
    if (offset + header + length > data.length) break;
    const payload = data.subarray(offset + header, offset + header + length);
    if (opcode === 0x1) texts.push(new TextDecoder().decode(payload));
    if (opcode === 0x8) return { texts, closeCode: (payload[0] << 8) | payload[1] };
    offset += header + length;
  }
  return { texts, closeCode: undefined };
}

Deno.test({
  name: "realtime e2e: live feeds across 2 hypercorn workers (quart, postgresql, auth, Redis)",
  ignore: !(await servicesAvailable()),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const project: RunningProject = await startProject(
      COMBO,
      { pg: PG, redisUrl: "redis://127.0.0.1:6379/13" },
      // All the clients come from one address here (and so do the logins of every run).
      {
        WEB_CONCURRENCY: "2",
        REALTIME_MAX_SOCKETS_PER_CLIENT: String(PER_CLIENT),
        LOGIN_RATE_LIMIT: "10000 per minute",
        REGISTER_RATE_LIMIT: "10000 per hour",
      },
    );
    const port = Number(new URL(project.base).port);
    const feed = `ws://127.0.0.1:${port}/ws/items`;
    const open: FeedClient[] = [];
    try {
      const ada = await login(project.base, "ada@example.com", true);
      const grace = await login(project.base, "grace@example.com", true);

      await t.step(`${CLIENTS} clients each receive ${EVENTS} events exactly once`, async () => {
        const clients = Array.from({ length: CLIENTS }, () => new FeedClient(feed, ada));
        const other = new FeedClient(feed, grace);
        const anonymous = new FeedClient(feed);
        open.push(...clients, other, anonymous);
        await Promise.all([...clients, other].map((c) => c.ready));
        // Each connection goes to whichever worker accepts it first: on a busy machine one
        // worker can take all of them at once. More clients then, one at a time, until both hold
        // some (they are checked like the others); at most 8, which a worker still admits.
        let pids = new Set(await serverPids(port));
        for (let extra = 0; pids.size < 2 && extra < PER_CLIENT - CLIENTS - 2; extra++) {
          const client = new FeedClient(feed, ada);
          clients.push(client);
          open.push(client);
          await client.ready;
          pids = new Set(await serverPids(port));
        }
        assertEquals(pids.size, 2, `sockets held by ${[...pids]}: expected both workers`);

        const started = performance.now();
        const ids = await createRows(project.base, ada, EVENTS);
        await until("every event", () => clients.every((c) => c.created().length >= EVENTS));
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `  ${EVENTS} rows to ${CLIENTS} clients: ${seconds.toFixed(1)} s ` +
            `(${Math.round(EVENTS * CLIENTS / seconds)} messages/s)`,
        );
        const expected = [...ids].sort((a, b) => a - b);
        for (const client of clients) {
          assertEquals([...client.created()].sort((a, b) => a - b), expected);
        }
        // The anonymous client is closed for want of a token, having received nothing.
        assertEquals(await anonymous.closed, 4401);
        assertEquals(anonymous.messages, []);
        // Grace's first event is her own row: none of Ada's rows came before it.
        const [own] = await createRows(project.base, grace, 1);
        await until("grace's own row", () => other.messages.length > 0);
        assertEquals(other.created(), [own]);
        for (const client of open) client.socket.close();
        open.length = 0;
      });

      await t.step("a logout closes the token's socket with 4401", async () => {
        const token = await login(project.base, "ada@example.com", false);
        const client = new FeedClient(feed, token);
        open.push(client);
        await client.ready;
        const response = await fetch(`${project.base}/api/auth/logout`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
        assertEquals(response.status, 200, await response.text());
        assertEquals(await client.closed, 4401);
      });

      await t.step("a client that stops reading is closed with 4429; others get all", async () => {
        const stalled = await StalledClient.open(port, ada);
        const reader = new FeedClient(feed, ada);
        open.push(reader);
        await reader.ready;
        // 1,100 rows of the longest description a request may send (11 MB): more than the
        // socket buffers and the 256-message queue hold.
        const ids = await createRows(project.base, ada, 1100, "x".repeat(TEXT_LENGTH));
        await until("the reader's events", () => reader.created().length >= ids.length);
        assertEquals(reader.created().length, ids.length);
        const { texts, closeCode } = await stalled.drain();
        assertEquals(closeCode, 4429);
        assert(texts.length < ids.length + 1, `the stalled client got ${texts.length} messages`);
      });

      await t.step(
        "one address opening sockets by the hundred gets 1013 beyond its share",
        async () => {
          // Anonymous sockets wait for a token (5 s): long enough to be counted together.
          const flood = Array.from({ length: 2 * PER_CLIENT + 100 }, () => new FeedClient(feed));
          open.push(...flood);
          const codes = await Promise.all(flood.map((c) => c.closed));
          const refused = codes.filter((code) => code === 1013).length;
          // Two workers, each admitting PER_CLIENT from this address; the rest refused at once.
          assert(refused >= 100, `only ${refused} of ${flood.length} refused: ${codes}`);
          assert(codes.every((code) => code === 1013 || code === 4401), `${codes}`);
          const live = await fetch(`${project.base}/health/live`);
          assertEquals(live.status, 200, await live.text());
          open.length = 0;
        },
      );

      // Last: it stops the server.
      await t.step("the server's stop closes every socket with 1001 at once", async () => {
        const clients = Array.from({ length: 20 }, () => new FeedClient(feed, ada));
        open.push(...clients);
        await Promise.all(clients.map((c) => c.ready));
        await project.server.terminate();
        const codes = await Promise.all(clients.map((c) => c.closed));
        assert(codes.every((code) => code === 1001), `${codes}`);
        // Before 0.23.0 hypercorn waited for the sockets its whole graceful_timeout (30 s),
        // then ended them with 1011.
        const took = project.server.stoppedInMs!;
        assert(took < 8_000, `the server took ${took.toFixed(0)} ms to stop`);
        console.log(`stopped with 20 sockets open in ${took.toFixed(0)} ms, each closed with 1001`);
      });
    } finally {
      for (const client of open) client.socket.close();
      const log = await project.stop();
      if (Deno.env.get("REALTIME_E2E_LOG")) console.log(log);
    }
  },
});
