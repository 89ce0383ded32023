/**
 * The permissions of the files pyscaffold writes, as git and cp give them: a new file gets
 * what the user's umask leaves of 0666 (0777 for an executable), and a file that a change
 * replaces keeps the permissions it had, so a `chmod +x` or a `chmod 600` of the user's
 * outlives `add` and `update`.
 *
 * Why not `mode` in Deno's write calls: Deno applies it with a chmod after creating the file,
 * over the umask, so a user whose umask keeps files private (077) got world-readable ones, and
 * a replaced file fell back to 0644. Windows has no such bits: nothing is read or set there.
 */
const POSIX = Deno.build.os !== "windows";

/**
 * Makes the file at `path` executable as `chmod +x` does under a umask: execute wherever
 * the file may be read, that is, wherever the umask let the read bit through.
 */
export function allowExecute(path: string): void {
  if (!POSIX) return;
  const mode = Deno.statSync(path).mode! & 0o777;
  Deno.chmodSync(path, mode | ((mode & 0o444) >> 2));
}

/** The permission bits of the file at `path` (undefined on Windows). */
export async function permissionsOf(path: string): Promise<number | undefined> {
  if (!POSIX) return undefined;
  const { mode } = await Deno.stat(path);
  return mode === null ? undefined : mode & 0o777;
}
