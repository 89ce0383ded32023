/**
 * A directory's files over HTTP on 127.0.0.1, as jsr.io serves a package's files: what the
 * tests and the bench run the JSR package (`deno task bundle --jsr`) from, since JSR itself is
 * out of reach here. Only plain file names are answered (the package has no subdirectory).
 */
import { join } from "node:path";

export interface ServedPackage {
  /** The URL of one of the package's files. */
  url(file: string): string;
  /** Stops serving (idempotent). */
  shutdown(): Promise<void>;
}

export function servePackage(dir: string): ServedPackage {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const name = new URL(req.url).pathname.slice(1);
    try {
      if (!/^[\w.-]+$/.test(name)) throw new Deno.errors.NotFound(name);
      const type = name.endsWith(".js") ? "application/javascript" : "text/plain";
      return new Response(await Deno.readFile(join(dir, name)), {
        headers: { "content-type": type },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  let stopped: Promise<void> | undefined;
  return {
    url: (file) => `http://127.0.0.1:${server.addr.port}/${file}`,
    shutdown: () => stopped ??= server.shutdown(),
  };
}
