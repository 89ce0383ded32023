/**
 * The field lists that cover every field type (FIELD_TYPES, src/choices/module_spec.ts).
 * They differ on purpose: each is the module of its own tests (its names and reference targets
 * are in the golden record or name modules of its own project), so a new type is added to each.
 * tests/every_field_type_test.ts fails while one of them lacks a type.
 */

/**
 * One valid spec per type and modifier, as the issue lists them. No reference: it names a
 * module, so each user adds its own (`author:ref:users`, `maker:ref:items`, ...).
 */
export const EVERY_TYPE: readonly string[] = [
  "title:str(120):required:index",
  "body:text:optional",
  "quantity:int:default=3",
  "views:bigint:optional",
  "price:decimal(10,2):required",
  "ratio:float:optional",
  "active_flag:bool:default=true",
  "due_on:date:optional",
  "starts_at:datetime:required",
  "external_id:uuid:unique",
  "extra:json:optional",
  "status:enum(draft|sent|paid):default=draft:index",
  "code:str(20):unique:index",
];

/**
 * The module `add` gives tests/golden_test.ts: every field type the field syntax accepts, each
 * modifier, and a reference. Any change here changes the golden record (`deno task golden:update`).
 */
export const GOLDEN_FIELDS: readonly string[] = [
  "title:str(120):required:unique",
  "notes:text:optional",
  "nights:int:default=1",
  "guests:bigint:index",
  "price:decimal(10,2)",
  "ratio:float",
  "paid:bool:default=false",
  "day:date",
  "starts_at:datetime",
  "code:uuid",
  "meta:json",
  "status:enum(draft|sent):default=draft",
  "item:ref:items",
];

/**
 * The `product` module of tests/e2e/modules_e2e_test.ts: every field type and modifier;
 * `maker` references the first module.
 */
export const EVERY_TYPE_FIELDS: readonly string[] = [
  "title:str(120):required:index",
  "summary:text:optional",
  "stock:int:default=3",
  "views:bigint:optional",
  "price:decimal(10,2):required:index",
  "ratio:float:optional",
  "featured:bool:default=false",
  "release_on:date:optional",
  "starts_at:datetime:required",
  "external_id:uuid:unique",
  "extra:json:optional",
  "status:enum(draft|live|retired):default=draft:index",
  "sku:str(20):unique:index",
  "maker:ref:customers",
];
