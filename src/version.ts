import denoJson from "../deno.json" with { type: "json" };

/** pyscaffold's version: deno.json is its only source. */
export const VERSION: string = denoJson.version;

/** How a version is written in deno.json and in every answers file: major.minor.patch. */
export const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

/**
 * Whether version `a` is later than `b` (both match VERSION_PATTERN). By hand: three numbers,
 * compared in order, are all a pyscaffold version holds (docs/DECISIONS.md).
 */
export function isLaterVersion(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  const differs = x.findIndex((n, i) => n !== y[i]);
  return differs >= 0 && x[differs] > y[differs];
}
