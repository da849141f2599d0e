import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The client's address, for rate limits and sign-in throttling. `x-me-peer` is the socket's address
 * and `x-me-forwarded-for` the X-Forwarded-For that arrived, both written by scripts/peer-address.mjs
 * before Next.js runs (a client cannot set them). Without TRUSTED_PROXIES the socket's address is the
 * client: X-Forwarded-For is ignored, so inventing one per request changes nothing. With a hop count N,
 * the Nth hop from the right of [forwarded…, socket] that is not a trusted proxy; with CIDRs, the first
 * hop from the right outside them.
 */
export type TrustedProxies = { hops: number } | { list: BlockList } | null;

export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  if (!raw) return null;
  if (/^\d+$/.test(raw.trim())) return Number(raw) > 0 ? { hops: Number(raw) } : null;
  const list = new BlockList();
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = part.split("/");
    const family = isIP(addr ?? "") === 6 ? "ipv6" : "ipv4";
    if (!isIP(addr ?? "")) throw new Error(`TRUSTED_PROXIES: "${part}" is not an address or CIDR`);
    if (bits === undefined) list.addAddress(addr!, family);
    else list.addSubnet(addr!, Number(bits), family);
  }
  return { list };
}

function normalise(addr: string): string {
  const a = addr.trim().replace(/^\[|\]$/g, "");
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function isTrusted(list: BlockList, addr: string): boolean {
  const family = isIP(addr);
  return family !== 0 && list.check(addr, family === 6 ? "ipv6" : "ipv4");
}

let cached: { raw: string | undefined; parsed: TrustedProxies } | undefined;

export function clientAddressFrom(headers: Headers, trusted: TrustedProxies = trustedProxies()): string {
  const peer = normalise(headers.get("x-me-peer") ?? "unknown");
  if (!trusted) return peer;
  const forwarded = (headers.get("x-me-forwarded-for") ?? "").split(",").map(normalise).filter(Boolean);
  const chain = [...forwarded, peer];
  if ("hops" in trusted) return chain[Math.max(0, chain.length - 1 - trusted.hops)]!;
  for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(trusted.list, chain[i]!)) return chain[i]!;
  return chain[0]!;
}

function trustedProxies(): TrustedProxies {
  const raw = env().TRUSTED_PROXIES;
  if (!cached || cached.raw !== raw) cached = { raw, parsed: parseTrustedProxies(raw) };
  return cached.parsed;
}

export function clientAddress(req: Request): string {
  return clientAddressFrom(req.headers);
}
