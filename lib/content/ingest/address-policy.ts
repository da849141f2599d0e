import { isIP } from "node:net";

/**
 * SSRF guard for URL inputs (MKT-101): which IP addresses a server-side fetch may reach.
 * Everything that is not a globally routable unicast address is refused: private, loopback,
 * link-local (incl. cloud metadata 169.254.169.254 / fd00:ec2::254), CGNAT, multicast, reserved,
 * documentation ranges. IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d,
 * IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address.
 */
export type AddressClass = "public" | "private" | "loopback" | "link-local" | "metadata" | "unspecified" | "multicast" | "reserved" | "invalid";

const METADATA_V4 = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200"]);

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}

const V4_RANGES: [string, number, AddressClass][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "private"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

export function classifyIPv4(ip: string): AddressClass {
  if (isIP(ip) !== 4) return "invalid";
  if (METADATA_V4.has(ip)) return "metadata";
  const n = v4ToInt(ip);
  for (const [base, bits, cls] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === ((v4ToInt(base) & mask) >>> 0)) return cls;
  }
  return "public";
}

/** "::ffff:127.0.0.1" / "fe80::1%eth0" -> eight 16-bit groups, or null. */
export function expandIPv6(input: string): number[] | null {
  let ip = input.replace(/^\[|\]$/g, "").split("%")[0]!.toLowerCase();
  if (isIP(ip) !== 6) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (tail) {
    const n = v4ToInt(tail[1]!);
    ip = ip.slice(0, -tail[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const fill = rest === undefined ? [] : Array<string>(8 - h.length - r.length).fill("0");
  const groups = [...h, ...fill, ...r].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function v4FromGroups(a: number, b: number): string {
  return [a >> 8, a & 0xff, b >> 8, b & 0xff].join(".");
}

export function classifyIPv6(ip: string): AddressClass {
  const g = expandIPv6(ip);
  if (!g) return "invalid";
  const zeroPrefix = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroPrefix(8)) return "unspecified";
  if (zeroPrefix(7) && g[7] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible, deprecated)
  if (zeroPrefix(5) && g[5] === 0xffff) return classifyIPv4(v4FromGroups(g[6]!, g[7]!));
  if (zeroPrefix(4) && g[4] === 0xffff && g[5] === 0) return classifyIPv4(v4FromGroups(g[6]!, g[7]!));
  if (zeroPrefix(6)) return classifyIPv4(v4FromGroups(g[6]!, g[7]!));
  // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
  if (g[0] === 0x64 && g[1] === 0xff9b) return g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0 ? classifyIPv4(v4FromGroups(g[6]!, g[7]!)) : "private";
  // 6to4 2002:AABB:CCDD::/48 embeds AA.BB.CC.DD
  if (g[0] === 0x2002) return classifyIPv4(v4FromGroups(g[1]!, g[2]!));
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "metadata";
  if ((g[0]! & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0]! & 0xffc0) === 0xfec0) return "private"; // fec0::/10 site-local (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  if (g[0] === 0x2001 && g[1]! < 0x200) return "reserved"; // 2001::/23 IETF protocol assignments (Teredo, ORCHID...)
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // 100::/64 discard
  if ((g[0]! & 0xe000) !== 0x2000) return "reserved"; // only 2000::/3 is global unicast
  return "public";
}

export function classifyAddress(ip: string): AddressClass {
  const v = isIP(ip.replace(/^\[|\]$/g, "").split("%")[0]!);
  if (v === 4) return classifyIPv4(ip);
  if (v === 6) return classifyIPv6(ip);
  return "invalid";
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === "public";
}
