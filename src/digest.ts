/**
 * The hashes pyscaffold records in a project (the answers file's, the base store's), with
 * the runtime's own Web APIs rather than `node:crypto`, and the reading of an older, gzip'ed
 * base store.
 *
 * Why: in Deno, a Node module loads most of the Node compatibility layer (process, streams),
 * about 10 ms of a 74 ms `new` from the bundle, where nothing else `new` does needs that layer
 * (docs/DECISIONS.md, "#15 the tool, fourth pass"). WebCrypto's digest is native too, but
 * asynchronous: the plan builders that hash are async for it.
 *
 * Reading a gzip'ed store (0.11.0 and earlier) uses `node:zlib`, loaded only then: such a
 * store holds several gzip members, and `DecompressionStream` reads only the first one.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const encoder = new TextEncoder();

/** The SHA-256 of `text` (UTF-8), in lower-case hex. */
export async function sha256(text: string): Promise<string> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))).toHex();
}

/**
 * The SHA-1 of `text` (UTF-8), in lower-case hex: for names only (a constraint name's
 * suffix, as the generated models compute it), synchronous because the templates call it
 * while they render. @noble/hashes: a few short strings cost microseconds, without a Node
 * module.
 */
export function sha1Hex(text: string): string {
  return bytesToHex(sha1(encoder.encode(text)));
}

/** Every gzip member of `bytes` decompressed, in order (as `gunzip` and `zcat` read them). */
export async function gunzipAll(bytes: Uint8Array): Promise<Uint8Array> {
  const { gunzipSync } = await import("node:zlib");
  return gunzipSync(bytes);
}
