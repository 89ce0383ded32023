import denoJson from "../deno.json" with { type: "json" };

/** pyscaffold's version: deno.json is its only source. */
export const VERSION: string = denoJson.version;
