/**
 * Benchmark of the token cipher (not a test): N encryptions of one secret (default 1,000,000) must
 * use N distinct IVs, and their rate is quoted against plain AES-256-GCM from node:crypto (random IV,
 * same plaintext and AAD length) measured in the same run, i.e. what the envelope (key id, AAD,
 * base64url) costs on top of the cipher itself.
 *   npm run bench:crypto            (BENCH_ENCRYPTIONS=200000 for a quicker run)
 * The unit test (tests/unit/crypto/token-cipher.test.ts) checks distinct IVs on 10,000 encryptions.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import { generateKeyEntry, parseKeyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/token-cipher";

const N = Number(process.env.BENCH_ENCRYPTIONS ?? 1_000_000);
const ring = parseKeyring(generateKeyEntry("a"));
const ctx = { organizationId: "org_1", recordId: "acc_1", field: "accessToken" };

function baseline(n: number): number {
  const key = randomBytes(32);
  const aad = Buffer.from("v1|a|org_1|acc_1|accessToken");
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const c = createCipheriv("aes-256-gcm", key, randomBytes(12));
    c.setAAD(aad);
    Buffer.concat([c.update("x"), c.final(), c.getAuthTag()]);
  }
  return n / ((performance.now() - started) / 1000);
}

const base = baseline(Math.min(N, 200_000));
const seen = new Set<string>();
const started = performance.now();
for (let i = 0; i < N; i++) seen.add(encryptSecret("x", ctx, ring).split(".")[2]!);
const rate = N / ((performance.now() - started) / 1000);

console.log(`encryptions:       ${N.toLocaleString("en")}`);
console.log(`distinct IVs:      ${seen.size.toLocaleString("en")}${seen.size === N ? "" : "  <- REPEATED IVs"}`);
console.log(`encryptSecret:     ${Math.round(rate).toLocaleString("en")}/s`);
console.log(`baseline AES-GCM:  ${Math.round(base).toLocaleString("en")}/s (node:crypto, same run)`);
console.log(`ratio:             ${(rate / base).toFixed(2)}`);
process.exit(seen.size === N ? 0 : 1);
