/**
 * Key rotation for secrets at rest.
 *   npm run secrets:rotate -- --new-key   print a fresh "keyId:base64key" entry to put FIRST in ENCRYPTION_KEYS
 *   npm run secrets:rotate                re-wrap every stored secret under the first key of ENCRYPTION_KEYS
 * Then remove the old key from ENCRYPTION_KEYS once the report shows 0 failures.
 */
import { db } from "@/lib/db/client";
import { generateKeyEntry, keyring } from "@/lib/crypto/keyring";
import { rotateEncryptedSecrets } from "@/lib/crypto/rotate";

if (process.argv.includes("--new-key")) {
  console.log(generateKeyEntry());
  process.exit(0);
}
const ring = keyring();
console.log(`re-wrapping secrets under key "${ring.primaryId}" (${ring.keys.size} key(s) loaded)`);
const report = await rotateEncryptedSecrets({ db: db(), ring });
console.log(JSON.stringify({ primaryKey: ring.primaryId, scanned: report.scanned, rewrapped: report.rewrapped, failed: report.failed.length }, null, 2));
for (const f of report.failed) console.error(`  failed ${f.table}/${f.id}/${f.field}: ${f.error}`);
await db().$disconnect();
process.exit(report.failed.length ? 1 : 0);
