import { policyTableMarkdown } from "../lib/auth/policy-table";

/** Prints the role x action table of docs/SECURITY.md from lib/auth/roles.ts. */
console.log(policyTableMarkdown());
