import { createHash } from "node:crypto";

/** The identity of one version of a message: what a person approves and what the send compares. */
export function messageHash(m: { subject: string | null; body: string }): string {
  return createHash("sha256").update(JSON.stringify([m.subject ?? "", m.body])).digest("hex");
}
