// @types/node is not in this machine's offline npm cache (its dependency undici-types is
// missing), and @notionhq/client's declarations import one type from Node's http module.
// This stands in for that one type, so that the check covers localnotion's own .d.ts.
declare module "node:http" {
  export class Agent {}
}
declare module "http" {
  export { Agent } from "node:http";
}
