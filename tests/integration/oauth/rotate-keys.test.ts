import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { generateKeyEntry, parseKeyring, resetKeyringCache } from "@/lib/crypto/keyring";
import { decryptAccountToken, encryptAccountToken } from "@/lib/crypto/account-secrets";
import { envelopeKeyId } from "@/lib/crypto/token-cipher";
import { rotateEncryptedSecrets } from "@/lib/crypto/rotate";
import { setEnv } from "@/tests/contract/harness";

let t: TestDatabase;
const A = generateKeyEntry("a");
const B = generateKeyEntry("b");
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  setEnv({ ENCRYPTION_KEYS: undefined });
  resetKeyringCache();
  await t.cleanup();
});

describe("key rotation (npm run secrets:rotate)", () => {
  it("re-wraps 100% of stored tokens under the new primary key; old key can then be removed", async () => {
    setEnv({ ENCRYPTION_KEYS: A });
    const org = await t.db.organization.create({ data: { slug: "rot", name: "Rot" } });
    for (let i = 0; i < 25; i++) {
      const id = `acc_rot_${i}`;
      await t.db.socialAccount.create({
        data: {
          id,
          organizationId: org.id,
          platform: "X",
          externalId: String(i),
          name: `a${i}`,
          accessTokenEnc: encryptAccountToken(org.id, id, "accessToken", `at-${i}`),
          refreshTokenEnc: i % 2 ? encryptAccountToken(org.id, id, "refreshToken", `rt-${i}`) : null,
        },
      });
    }
    setEnv({ ENCRYPTION_KEYS: `${B},${A}` });
    const report = await rotateEncryptedSecrets({ db: t.db, ring: parseKeyring(`${B},${A}`), batchSize: 7 });
    expect(report.failed).toEqual([]);
    expect(report.rewrapped).toBe(25);
    expect((await rotateEncryptedSecrets({ db: t.db, ring: parseKeyring(`${B},${A}`) })).rewrapped).toBe(0);
    setEnv({ ENCRYPTION_KEYS: B });
    for (const row of await t.db.socialAccount.findMany({ where: { organizationId: org.id } })) {
      expect(envelopeKeyId(row.accessTokenEnc!)).toBe("b");
      expect(decryptAccountToken(org.id, row.id, "accessToken", row.accessTokenEnc!)).toBe(`at-${row.externalId}`);
      if (row.refreshTokenEnc) expect(decryptAccountToken(org.id, row.id, "refreshToken", row.refreshTokenEnc)).toBe(`rt-${row.externalId}`);
    }
  });
});
