/**
 * The golden record: every byte of every file pyscaffold generates.
 *
 * Runs the real CLI (so the record survives any refactor of the inside) for
 * - `new --json` in every combination the question data allows (32),
 * - `add` of a fixed module with every field type and a reference, then
 *   `rename` of four of its fields and `remove` of it, on four projects that together use every
 *   template family,
 * and compares every file with tests/golden/. The record is content-addressed:
 * `manifest.json` maps case → path → sha256, and `blobs/<sha256>` holds each
 * distinct content once, so every difference is shown as a diff.
 *
 * A change on purpose: `deno task golden:update`, then review `git diff tests/golden`.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { cli } from "./_cli.ts";
import { GOLDEN_FIELDS } from "./_every_field_type.ts";

const GOLDEN = new URL("./golden/", import.meta.url).pathname;
const MANIFEST = join(GOLDEN, "manifest.json");
const BLOBS = join(GOLDEN, "blobs");
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";
const NAME = "golden-api";

type Tree = Record<string, string>;

interface Combo {
  framework: "flask" | "quart";
  database: "postgresql" | "oracle";
  auth: boolean;
  cache: boolean;
  celery: boolean;
}

function combos(): Combo[] {
  const out: Combo[] = [];
  for (const framework of ["flask", "quart"] as const) {
    for (const database of ["postgresql", "oracle"] as const) {
      for (const auth of [true, false]) {
        for (const cache of [true, false]) {
          for (const celery of [true, false]) {
            out.push({ framework, database, auth, cache, celery });
          }
        }
      }
    }
  }
  return out;
}

function comboName(c: Combo): string {
  const features = (["auth", "cache", "celery"] as const).map((f) => c[f] ? f : `no-${f}`);
  return [c.framework, c.database, ...features].join("-");
}

function comboFlags(c: Combo): string[] {
  return [
    `--framework=${c.framework}`,
    `--database=${c.database}`,
    ...(["auth", "cache", "celery"] as const).map((f) => c[f] ? `--${f}` : `--no-${f}`),
  ];
}

/** The four projects `add` and `remove` run on: each template family at least once. */
const MODULE_COMBOS: Combo[] = [
  { framework: "flask", database: "postgresql", auth: true, cache: true, celery: true },
  { framework: "quart", database: "oracle", auth: true, cache: true, celery: true },
  { framework: "flask", database: "oracle", auth: false, cache: false, celery: false },
  { framework: "quart", database: "postgresql", auth: true, cache: false, celery: false },
];

async function must(args: string[], cwd?: string): Promise<string> {
  const r = await cli(args, cwd);
  if (r.code !== 0) {
    throw new Error(`pyscaffold ${args.join(" ")} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

async function readTree(root: string, prefix = ""): Promise<Tree> {
  const tree: Tree = {};
  for await (const entry of Deno.readDir(join(root, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) Object.assign(tree, await readTree(root, path));
    else tree[path] = await Deno.readTextFile(join(root, path));
  }
  return tree;
}

async function newCase(c: Combo): Promise<[string, Tree]> {
  const plan = JSON.parse(await must(["new", NAME, "--yes", "--json", ...comboFlags(c)])) as {
    files: { path: string; content: string }[];
  };
  return [`new/${comboName(c)}`, Object.fromEntries(plan.files.map((f) => [f.path, f.content]))];
}

async function moduleCases(c: Combo): Promise<[string, Tree][]> {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-golden-" });
  try {
    await must(["new", NAME, "--yes", "--no-env", "--no-git", ...comboFlags(c)], dir);
    const root = join(dir, NAME);
    const fields = GOLDEN_FIELDS.flatMap((f) => ["--field", f]);
    await must(["add", "bookings", ...fields, "--yes"], root);
    const added = await readTree(root);
    // A unique field, an indexed one, a reference and a plain one: every step a rename writes.
    const renames = ["title=headline", "guests=party", "item=stay", "notes=remarks"];
    await must(["rename", "bookings", ...renames.flatMap((r) => ["--field", r])], root);
    const renamed = await readTree(root);
    await must(["remove", "bookings", "--yes"], root);
    const removed = await readTree(root);
    return [
      [`add/${comboName(c)}`, added],
      [`rename/${comboName(c)}`, renamed],
      [`remove/${comboName(c)}`, removed],
    ];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs `jobs` with at most `limit` at a time (each one is a deno process). */
async function pooled<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function readBlob(hash: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(join(BLOBS, hash));
  } catch {
    return undefined;
  }
}

function compareCase(
  name: string,
  actual: Tree,
  expected: Record<string, string>,
  blobs: Map<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  for (const path of Object.keys(expected).sort()) {
    if (!(path in actual)) problems.push(`${name}: ${path} is no longer generated`);
  }
  for (const path of Object.keys(actual).sort()) {
    const want = expected[path];
    if (want === undefined) {
      problems.push(`${name}: ${path} is new`);
    } else if (sha256(actual[path]) !== want) {
      const before = blobs.get(want);
      const diff = before === undefined
        ? "(no recorded content)"
        : createTwoFilesPatch(`golden/${path}`, `now/${path}`, before, actual[path], "", "", {
          context: 2,
        }).split("\n").slice(0, 60).join("\n");
      problems.push(`${name}: ${path} changed\n${diff}`);
    }
  }
  return problems;
}

Deno.test("golden: every generated file of new, add and remove is byte-identical to the record", async () => {
  const limit = Math.max(2, Math.min(6, navigator.hardwareConcurrency * 2));
  const cases = [
    ...await pooled(combos().map((c) => () => newCase(c)), limit),
    ...(await pooled(MODULE_COMBOS.map((c) => () => moduleCases(c)), limit)).flat(),
  ];
  if (UPDATE) {
    await Deno.remove(GOLDEN, { recursive: true }).catch(() => {});
    await Deno.mkdir(BLOBS, { recursive: true });
    const manifest: Record<string, Record<string, string>> = {};
    for (const [name, tree] of cases) {
      manifest[name] = {};
      for (const path of Object.keys(tree).sort()) {
        const hash = sha256(tree[path]);
        manifest[name][path] = hash;
        await Deno.writeTextFile(join(BLOBS, hash), tree[path]);
      }
    }
    await Deno.writeTextFile(MANIFEST, JSON.stringify(manifest, null, 1) + "\n");
    console.log(`golden record rewritten: ${cases.length} cases`);
    return;
  }
  const manifest = JSON.parse(await Deno.readTextFile(MANIFEST)) as Record<
    string,
    Record<string, string>
  >;
  const blobs = new Map<string, string | undefined>();
  for (const hash of new Set(Object.values(manifest).flatMap((m) => Object.values(m)))) {
    blobs.set(hash, await readBlob(hash));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, tree] of cases) {
    seen.add(name);
    if (!manifest[name]) problems.push(`${name}: a case the record does not have`);
    else problems.push(...compareCase(name, tree, manifest[name], blobs));
  }
  for (const name of Object.keys(manifest)) {
    if (!seen.has(name)) problems.push(`${name}: recorded case no longer run`);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 40).join("\n\n");
    throw new Error(
      `${problems.length} difference(s) from tests/golden (a change on purpose: ` +
        `deno task golden:update, then review git diff):\n\n${shown}`,
    );
  }
});
