/**
 * The width of a project's ids: every table's primary key, every reference to one (`ref`
 * fields, `owner_id`). Not a question: new projects get 64-bit ids; the answers file records
 * the width (`"ids"`), and a project whose answers file records none was made before 64-bit ids
 * (0.26.0) and keeps 32-bit ones. `update` never changes it: widening a key rewrites its table
 * and every table that references it under an exclusive lock (docs/DECISIONS.md, "64-bit ids").
 */
import { INTEGER_RANGES } from "./field_types.ts";

export const ID_WIDTHS = ["bigint", "integer"] as const;
export type IdWidth = typeof ID_WIDTHS[number];

/** The width of a new project's ids. */
export const NEW_PROJECT_IDS: IdWidth = "bigint";
/** The width of a project whose answers file records none (made before 0.26.0). */
export const UNRECORDED_IDS: IdWidth = "integer";

/** What the templates print for a width (`it.ids`). */
export interface IdProfile {
  width: IdWidth;
  /** The SQLAlchemy type of the models' `id` (base_model.py). */
  model: "BigInteger" | "Integer";
  /** The column type in a revision. */
  migration: "sa.BigInteger()" | "sa.Integer()";
  /** The largest id, as the schemas' `le` writes it. */
  max: string;
  /** The largest id, as base_model.py's `MAX_ID` writes it (digits grouped). */
  maxLiteral: string;
  /** The smallest integer beyond the column: a reference to it is a 422. */
  outOfRange: string;
  /** The key's column as Oracle's DDL names it (the offline schema test). */
  oracleDdl: string;
}

export const ID_PROFILES: Readonly<Record<IdWidth, IdProfile>> = {
  bigint: {
    width: "bigint",
    model: "BigInteger",
    migration: "sa.BigInteger()",
    max: INTEGER_RANGES.bigint[1],
    maxLiteral: grouped(INTEGER_RANGES.bigint[1]),
    outOfRange: "2**63",
    oracleDdl: "NUMBER(19)",
  },
  integer: {
    width: "integer",
    model: "Integer",
    migration: "sa.Integer()",
    max: INTEGER_RANGES.int[1],
    maxLiteral: grouped(INTEGER_RANGES.int[1]),
    outOfRange: "2**31",
    oracleDdl: "INTEGER",
  },
};

/** `2147483647` → `2_147_483_647`. */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, "_");
}
