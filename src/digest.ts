/**
 * The hashes and the compression pyscaffold records in a project (the answers file's hashes,
 * the base store), with the runtime's own Web APIs rather than `node:crypto` and `node:zlib`.
 *
 * Why: in Deno, either Node module loads most of the Node compatibility layer (process,
 * streams), about 10 ms of a 74 ms `new` from the bundle, where nothing else `new` does needs
 * that layer (docs/DECISIONS.md, "#15 the tool, fourth pass"). WebCrypto's digest and
 * `CompressionStream` are native too, but asynchronous: the plan builders that hash or
 * compress are async for it.
 *
 * Reading a store stays with `node:zlib` (loaded only then): `add` and `remove` append gzip
 * members to it, and `DecompressionStream` reads only the first member of such a file.
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

/** `text` (UTF-8) gzip-compressed: one member, no file name or time, the same bytes each time. */
export async function gzip(text: string): Promise<Uint8Array> {
  // The stream's own writer and reader: a Blob and a Response around it would load two more
  // of the runtime's modules (~3 ms, measured).
  const compression = new CompressionStream("gzip");
  const writer = compression.writable.getWriter();
  writer.write(encoder.encode(text));
  writer.close();
  const reader = compression.readable.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    parts.push(part.value);
  }
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Every gzip member of `bytes` decompressed, in order (as `gunzip` and `zcat` read them). */
export async function gunzipAll(bytes: Uint8Array): Promise<Uint8Array> {
  const { gunzipSync } = await import("node:zlib");
  return gunzipSync(bytes);
}
