/** One valid spec per type and modifier, as the issue lists them. */
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
