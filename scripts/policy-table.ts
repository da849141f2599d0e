import { policyTableMarkdown, routeTableMarkdown } from "../lib/auth/policy-table";
import { endpoints } from "../lib/api/registry";

/** Prints the role x action table of docs/SECURITY.md from lib/auth/roles.ts, then the route by route one. */
console.log(policyTableMarkdown());
console.log();
console.log(routeTableMarkdown(endpoints));
