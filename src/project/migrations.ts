/**
 * Alembic revisions of a generated project, read without Python: each file
 * under migrations/versions/ declares `revision` and `down_revision`. New
 * revisions get the next number and a hash ("0002_5e0b1c7a", see nextRevision)
 * and chain onto the single head; several heads are an error the user resolves
 * with `alembic merge heads`.
 */
import { join } from "../path.ts";
import { UserError } from "../errors.ts";
import { sha1Hex } from "../digest.ts";

export const VERSIONS_DIR = "migrations/versions";

export interface Revision {
  /** Path relative to the project root. */
  path: string;
  id: string;
  /** The revisions it follows (empty for the first one, two or more for a merge). */
  down: string[];
}

const REVISION = /^revision(?:\s*:[^=\n]+)?\s*=\s*["']([^"'\n]+)["']/m;
const DOWN_REVISION = /^down_revision(?:\s*:[^=\n]+)?\s*=\s*(None|["'][^"'\n]+["']|\([^)]*\))/m;

/** Reads one revision file's ids; undefined when the file declares no revision. */
export function parseRevision(path: string, source: string): Revision | undefined {
  const id = REVISION.exec(source)?.[1];
  if (id === undefined) return undefined;
  const downText = DOWN_REVISION.exec(source)?.[1];
  if (downText === undefined) {
    throw new UserError(`${path} declares revision "${id}" but no down_revision.`);
  }
  const down = downText === "None"
    ? []
    : [...downText.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
  return { path, id, down };
}

/** Every revision under migrations/versions/ of the project at `root`. */
export function readRevisions(root: string): Revision[] {
  const dir = join(root, ...VERSIONS_DIR.split("/"));
  const revisions: Revision[] = [];
  try {
    // Synchronous: an add reads every revision, and an awaited read of each small file cost
    // ~100 µs (the event loop's turn), so `add` grew with every module (docs/DECISIONS.md).
    for (const entry of Deno.readDirSync(dir)) {
      if (!entry.isFile || !entry.name.endsWith(".py") || entry.name.startsWith("__")) continue;
      const path = `${VERSIONS_DIR}/${entry.name}`;
      const revision = parseRevision(path, Deno.readTextFileSync(join(dir, entry.name)));
      if (revision) revisions.push(revision);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UserError(`This project has no ${VERSIONS_DIR}/ directory.`, {
        hint: "pyscaffold adds a migration for every module; restore the directory first.",
      });
    }
    throw error;
  }
  return revisions.sort((a, b) => a.path < b.path ? -1 : 1);
}

/** The revision a new one follows: the single head, or undefined when there are none. */
export function headRevision(revisions: readonly Revision[]): string | undefined {
  const ids = new Set<string>();
  for (const r of revisions) {
    if (ids.has(r.id)) {
      throw new UserError(`Two migration files declare revision "${r.id}".`, {
        hint: "Give one of them another revision id.",
      });
    }
    ids.add(r.id);
  }
  const referenced = new Set(revisions.flatMap((r) => r.down));
  const heads = revisions.filter((r) => !referenced.has(r.id));
  if (heads.length > 1) {
    throw new UserError(
      `The migrations have ${heads.length} heads (${heads.map((h) => h.id).join(", ")}).`,
      { hint: 'Merge them first: alembic merge heads -m "merge", then run this again.' },
    );
  }
  if (heads.length === 0 && revisions.length > 0) {
    throw new UserError("The migrations form a cycle: no revision is the head.");
  }
  return heads[0]?.id;
}

/** pyscaffold's revision ids: a number, and since 0.12.2 8 hex digits after it (`0003_1f0c9a2e`). */
const OWN_ID = /^(\d{4,})(?:_[0-9a-f]{8})?$/;

/**
 * The revision a command writes next, chained onto the single head (`down`). Its id is the
 * next number (four digits, one more than the largest of pyscaffold's ids: the files sort in
 * the order they apply) and 8 hex digits of a hash of what it does (`what`, e.g.
 * `create_orders`) and the revision it follows. So two branches that each add a module onto
 * the same head write two revisions with ids of their own: once merged, they are two heads
 * that `alembic merge heads` joins. With the number alone both were `0003`, and Alembic could
 * neither merge them ("Duplicate head revisions specified") nor upgrade. The same revision
 * made on both branches (the same module added) gets the same id and file.
 */
export function nextRevision(
  revisions: readonly Revision[],
  what: string,
): { id: string; down: string | undefined } {
  const down = headRevision(revisions);
  const numbers = revisions.map((r) => Number(OWN_ID.exec(r.id)?.[1] ?? 0));
  const number = String(Math.max(0, ...numbers) + 1).padStart(4, "0");
  return { id: `${number}_${sha1Hex(`${what} after ${down ?? "none"}`).slice(0, 8)}`, down };
}
