/**
 * A program in a pseudo-terminal with a set window size, driven key by key by a small Python
 * program using the standard `pty` machinery (python3 on PATH; CI has it): the wizard's tests
 * (tests/pty_wizard_test.ts) and the shells' completions (tests/shell_completions_test.ts).
 */
import { assert } from "./_assert.ts";

/**
 * Runs argv in a pty of rows×cols. Each step waits until `expect` (a regex,
 * matched on the output without escape codes, after the previous step's
 * match) appears, then types `keys` one at a time.
 */
export const DRIVER = String.raw`
import fcntl, json, os, re, select, struct, subprocess, sys, termios, time

cfg = json.loads(sys.stdin.read())
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", cfg["rows"], cfg["cols"], 0, 0))

def controlling_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

proc = subprocess.Popen(cfg["argv"], cwd=cfg["cwd"], env=cfg["env"], stdin=slave, stdout=slave,
                        stderr=slave, preexec_fn=controlling_tty, close_fds=True)
os.close(slave)
raw = b""
deadline = time.time() + cfg["timeout"]

def pump(wait):
    global raw
    ready, _, _ = select.select([master], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(master, 65536)
    except OSError:
        return False
    raw += data
    return bool(data)

def text():
    return ANSI.sub("", raw.decode("utf-8", "replace"))

mark = 0
failure = None
for step in cfg["steps"]:
    pattern = re.compile(step["expect"])
    alive = True
    while failure is None:
        found = pattern.search(text(), mark)
        if found:
            mark = found.end()
            break
        if time.time() > deadline or not alive:
            failure = "never saw %r" % step["expect"]
        alive = pump(0.05)
    if failure:
        break
    time.sleep(0.2)
    for key in step["keys"]:
        os.write(master, key.encode())
        time.sleep(0.1)
while pump(0.1) and time.time() < deadline:
    pass
try:
    code = proc.wait(timeout=max(1, deadline - time.time()))
except subprocess.TimeoutExpired:
    proc.kill()
    code = proc.wait()
    failure = failure or "the process did not exit"
colored = re.search(rb"\x1b\[(?:3[0-7]|9[0-7]|1|2)m", raw) is not None
print(json.dumps({"code": code, "failure": failure, "output": text(), "colored": colored}))
`;

export interface Step {
  expect: string;
  keys: string[];
}

export interface PtyResult {
  code: number;
  failure: string | null;
  output: string;
  /** Whether the raw output had colour or bold/dim codes. */
  colored: boolean;
}

/**
 * Runs `argv` in a pty (`size`, 40×80 by default) in `cwd` with this process's environment
 * changed by `env` (a key set to undefined is removed), through `steps`; `timeout` in seconds.
 */
export async function runPty(
  argv: string[],
  cwd: string,
  steps: Step[],
  options: {
    size?: { rows: number; cols: number };
    env?: Record<string, string | undefined>;
    timeout?: number;
  } = {},
): Promise<PtyResult> {
  const env: Record<string, string> = Deno.env.toObject();
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = new Deno.Command("python3", {
    args: ["-c", DRIVER],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode(JSON.stringify({
      argv,
      cwd,
      env,
      steps,
      timeout: options.timeout ?? 60,
      ...options.size ?? { rows: 40, cols: 80 },
    })),
  );
  await writer.close();
  const { stdout, stderr, success } = await child.output();
  assert(success, `the pty driver failed: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}
