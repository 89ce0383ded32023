/**
 * `new` never overwrites what the user has, and fails cleanly when the disk
 * says no: each case runs the real CLI and then looks at the disk.
 *
 * Disk faults use real file systems: a full tmpfs (ENOSPC) and a read-only
 * one (EROFS). Mounting needs root (CAP_SYS_ADMIN); in CI a machine that
 * cannot mount fails these tests, elsewhere they are ignored, loudly.
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { cli } from "./_cli.ts";

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

/** A refusal: exit 2, one `error:` line and a hint, no crash. */
function assertRefused(r: { code: number; stderr: string }, pattern: RegExp): void {
  assertEquals(r.code, 2, r.stderr);
  assertMatch(r.stderr, pattern);
  assertMatch(r.stderr, /^error: /);
  assert(!/crashed|this is a bug|\n\s+at /.test(r.stderr), r.stderr);
}

async function tmp(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "pyscaffold-new-" });
}

Deno.test("new refuses a non-empty directory and leaves the user's file alone", async () => {
  const cwd = await tmp();
  await Deno.mkdir(join(cwd, "svc"));
  await Deno.writeTextFile(join(cwd, "svc", "README.md"), "mine");
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertRefused(r, /not empty; nothing was written/);
  assertEquals(await Deno.readTextFile(join(cwd, "svc", "README.md")), "mine");
  assertEquals(entries(cwd), ["svc"]);
  assertEquals(entries(join(cwd, "svc")), ["README.md"]);
});

Deno.test("new refuses a directory that holds only hidden files (.git)", async () => {
  const cwd = await tmp();
  await Deno.mkdir(join(cwd, "svc", ".git"), { recursive: true });
  await Deno.writeTextFile(join(cwd, "svc", ".git", "HEAD"), "ref: refs/heads/main\n");
  assertRefused(await cli(["new", "svc", "--yes"], cwd), /not empty/);
  assertEquals(entries(join(cwd, "svc")), [".git"]);
  assertEquals(entries(cwd), ["svc"]);
});

Deno.test("new refuses an empty directory name, and a path that ends in a directory that is not empty", async () => {
  const cwd = await tmp();
  await Deno.writeTextFile(join(cwd, "notes.txt"), "mine");
  // `pyscaffold new "$NAME"` with NAME unset: not the current directory by accident.
  assertRefused(await cli(["new", "", "--yes"], cwd), /The project directory is empty text/);
  // `absent/..` is the current directory, which is not empty: refused before the dry run's plan,
  // naming the directory it ends in, and once only "nothing was written".
  for (const args of [["--dry-run"], []]) {
    const r = await cli(["new", "absent/..", "--yes", ...args], cwd);
    assertRefused(r, /absent\/\.\. \(.+\) already exists and is not empty; nothing was written\./);
    assertEquals(r.stderr.match(/nothing was written/gi)?.length, 1, r.stderr);
  }
  assertEquals(entries(cwd), ["notes.txt"]);
});

Deno.test("new refuses a file where the project directory would go", async () => {
  const cwd = await tmp();
  await Deno.writeTextFile(join(cwd, "svc"), "notes");
  assertRefused(await cli(["new", "svc", "--yes"], cwd), /is not a directory/);
  assertEquals(await Deno.readTextFile(join(cwd, "svc")), "notes");
  assertEquals(entries(cwd), ["svc"]);
});

Deno.test("new refuses a symbolic link to a non-empty directory, and a dangling link", async () => {
  const cwd = await tmp();
  await Deno.mkdir(join(cwd, "real"));
  await Deno.writeTextFile(join(cwd, "real", "keep.txt"), "mine");
  await Deno.symlink(join(cwd, "real"), join(cwd, "svc"));
  assertRefused(await cli(["new", "svc", "--yes"], cwd), /not empty/);
  assertEquals(entries(join(cwd, "real")), ["keep.txt"]);

  await Deno.symlink(join(cwd, "nowhere"), join(cwd, "api"));
  assertRefused(await cli(["new", "api", "--yes"], cwd), /symbolic link to nothing/);
  assert((await Deno.lstat(join(cwd, "api"))).isSymlink, "the dangling link was replaced");
  assertEquals(entries(cwd), ["api", "real", "svc"]);
});

Deno.test("new writes through a symbolic link to an empty directory and keeps the link", async () => {
  const cwd = await tmp();
  await Deno.mkdir(join(cwd, "real"));
  await Deno.symlink(join(cwd, "real"), join(cwd, "svc"));
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertEquals(r.code, 0, r.stderr);
  assert((await Deno.lstat(join(cwd, "svc"))).isSymlink, "the link was replaced");
  assert(entries(join(cwd, "real")).includes(".pyscaffold.json"));
  assertEquals(entries(cwd), ["real", "svc"]);
});

Deno.test("new fills an existing empty directory", async () => {
  const cwd = await tmp();
  await Deno.mkdir(join(cwd, "svc"));
  const r = await cli(["new", "svc", "--yes"], cwd);
  assertEquals(r.code, 0, r.stderr);
  assert(entries(join(cwd, "svc")).includes(".pyscaffold.json"));
  assertEquals(entries(cwd), ["svc"]);
});

Deno.test("new . fills the current directory in place (a shell in it sees the project)", async () => {
  const cwd = await tmp();
  const dir = join(cwd, "svc");
  await Deno.mkdir(dir, { mode: 0o750 });
  const before = await Deno.stat(dir);
  const r = await cli(["new", ".", "--yes"], dir);
  assertEquals(r.code, 0, r.stderr);
  const after = await Deno.stat(dir);
  assertEquals(after.ino, before.ino, "the directory was replaced, not filled");
  assertEquals(after.mode! & 0o777, 0o750, "the directory's own mode was lost");
  assert(entries(dir).includes(".pyscaffold.json"));
  assertEquals(entries(cwd), ["svc"], "a staging directory was left");
});

Deno.test("new --save-answers does not replace a different existing file", async () => {
  const cwd = await tmp();
  await Deno.writeTextFile(join(cwd, "answers.json"), "my notes\n");
  const r = await cli(["new", "svc", "--yes", "--save-answers", "answers.json"], cwd);
  assertRefused(r, /answers\.json already exists/);
  assertEquals(await Deno.readTextFile(join(cwd, "answers.json")), "my notes\n");
  assertEquals(entries(cwd), ["answers.json"], "the project was written despite the refusal");

  // The same answers again are no conflict: the run goes ahead.
  const first = await cli(["new", "one", "--yes", "--save-answers", "same.json"], cwd);
  assertEquals(first.code, 0, first.stderr);
  await Deno.rename(join(cwd, "same.json"), join(cwd, "kept.json"));
  const again = await cli(["new", "one", "--yes", "--dry-run", "--save-answers", "x.json"], cwd);
  assertEquals(again.code, 2, "one/ exists now: the dry run reports it");
});

Deno.test("new: a missing parent or a file as parent is a clear error, nothing written", async () => {
  const cwd = await tmp();
  assertRefused(
    await cli(["new", "nowhere/deeper/svc", "--yes"], cwd),
    /parent directory .* does not exist/,
  );
  await Deno.writeTextFile(join(cwd, "file"), "x");
  assertRefused(await cli(["new", "file/svc", "--yes"], cwd), /is not a directory/);
  assertEquals(entries(cwd), ["file"]);
});

Deno.test("new: unreadable or malformed answers files are clear errors", async () => {
  const cwd = await tmp();
  assertRefused(await cli(["new", "svc", "--answers", "missing.json"], cwd), /Cannot read/);
  await Deno.mkdir(join(cwd, "dir.json"));
  assertRefused(await cli(["new", "svc", "--answers", "dir.json"], cwd), /Cannot read/);
  await Deno.writeFile(join(cwd, "bin.json"), new Uint8Array([0, 1, 27, 91, 50, 74, 255, 10]));
  const garbage = await cli(["new", "svc", "--answers", "bin.json"], cwd);
  assertRefused(garbage, /not valid JSON/);
  // deno-lint-ignore no-control-regex
  assert(!/[\u0000-\u0008\u001b]/.test(garbage.stderr), "raw control bytes echoed to the terminal");
  assertEquals(garbage.stderr.trim().split("\n").length <= 2, true, garbage.stderr);
  assertEquals(entries(cwd), ["bin.json", "dir.json"]);
});

// --- real disk faults -------------------------------------------------------

async function canMount(): Promise<boolean> {
  const dir = await Deno.makeTempDir();
  try {
    const r = await new Deno.Command("mount", {
      args: ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir],
      stdout: "null",
      stderr: "null",
    }).output();
    if (!r.success) return false;
    await umount(dir);
    return true;
  } catch {
    return false;
  } finally {
    await Deno.remove(dir).catch(() => {});
  }
}

async function mount(dir: string, options: string): Promise<void> {
  const r = await new Deno.Command("mount", { args: ["-t", "tmpfs", "-o", options, "tmpfs", dir] })
    .output();
  assert(r.success, `mount ${options}: ${new TextDecoder().decode(r.stderr)}`);
}

async function umount(dir: string): Promise<void> {
  await new Deno.Command("umount", { args: [dir] }).output();
}

const mountable = await canMount();
if (!mountable) {
  const message = "cannot mount tmpfs here (needs root): the disk-fault tests of `new` cannot run";
  if (Deno.env.get("CI")) throw new Error(message);
  console.error(`\n!!! ${message}; they are IGNORED on this machine.\n`);
}

Deno.test({
  name: "new on a full disk (ENOSPC): a clear error, no target, no staging left",
  ignore: !mountable,
  fn: async () => {
    const cwd = await tmp();
    await mount(cwd, "size=256k");
    try {
      // Fill the file system to the last byte.
      const filler = await Deno.open(join(cwd, "filler"), { write: true, create: true });
      const block = new Uint8Array(4096);
      try {
        for (;;) await filler.write(block);
      } catch (error) {
        assertMatch(String(error), /No space left/);
      } finally {
        filler.close();
      }
      const r = await cli(["new", "svc", "--yes"], cwd);
      assertRefused(r, /No space left on device/);
      assertEquals(entries(cwd), ["filler"]);
    } finally {
      await umount(cwd);
    }
  },
});

Deno.test({
  name: "new on a read-only file system (EROFS): a clear error, the empty target untouched",
  ignore: !mountable,
  fn: async () => {
    const cwd = await tmp();
    await mount(cwd, "size=256k");
    try {
      await Deno.mkdir(join(cwd, "svc"));
      const remount = await new Deno.Command("mount", { args: ["-o", "remount,ro", cwd] })
        .output();
      assert(remount.success, new TextDecoder().decode(remount.stderr));
      for (const target of ["svc", "other"]) {
        const r = await cli(["new", target, "--yes"], cwd);
        assertRefused(r, /[Rr]ead-only file system/);
      }
      assertEquals(entries(cwd), ["svc"]);
      assertEquals(entries(join(cwd, "svc")), []);
    } finally {
      await umount(cwd);
    }
  },
});
