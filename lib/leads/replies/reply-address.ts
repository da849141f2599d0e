import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * The organisation's reply address: nurture mail carries `Reply-To: <mailbox>+<organisationId>.<tag>@<domain>`
 * (mailbox = EMAIL_REPLY_TO, else EMAIL_FROM's), so an inbound reply names its organisation whatever
 * address the lead writes from. The tag (HMAC of the organisation id, own HKDF label) keeps the
 * address from being guessed for another organisation. Sub-addressing (RFC 5233 "+") is what Resend's
 * receiving addresses and most mail servers deliver to the mailbox.
 */
function mailbox(): { local: string; domain: string } {
  const e = env();
  const raw = e.EMAIL_REPLY_TO ?? e.EMAIL_FROM;
  const address = (/<([^>]+)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
  const at = address.lastIndexOf("@");
  return { local: address.slice(0, at).split("+")[0]!, domain: address.slice(at + 1) };
}

function tag(organizationId: string): string {
  const key = Buffer.from(hkdfSync("sha256", authSecret(), "", "lead-reply-address:v1", 32));
  return createHmac("sha256", key).update(organizationId).digest("hex").slice(0, 12);
}

export function replyAddressFor(organizationId: string): string {
  const { local, domain } = mailbox();
  return `${local}+${organizationId}.${tag(organizationId)}@${domain}`;
}

const SUB = /\+([a-z0-9_-]{6,64})\.([0-9a-f]{12})@/i;

/** The organisation a reply was addressed to (a valid tag), or null. */
export function organizationFromAddresses(addresses: string[]): string | null {
  for (const a of addresses) {
    const m = SUB.exec(a);
    if (!m) continue;
    const [, organizationId, given] = m as unknown as [string, string, string];
    const expected = Buffer.from(tag(organizationId));
    if (expected.length === given.length && timingSafeEqual(expected, Buffer.from(given.toLowerCase()))) return organizationId;
  }
  return null;
}

/** "Ana <ana@x.com>" -> "ana@x.com". */
export function bareAddress(v: string): string {
  return (/<([^>]+)>/.exec(v)?.[1] ?? v).trim().toLowerCase();
}
