import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * The AES-256-GCM envelope itself, with the keyring passed in: no settings, no "server-only", so a test
 * process can open what the app sealed with the keys it gave the app (tests/e2e/support/mailbox.ts).
 * The app calls it through lib/crypto/token-cipher.ts (keys from ENCRYPTION_KEYS).
 */

/** AES-256 keys by id. The first key encrypts; every key decrypts (rotation). */
export type Keyring = { primaryId: string; keys: Map<string, Buffer> };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parse "keyId:base64key,keyId2:base64key2" (each key 32 bytes, base64 or base64url). */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let primaryId: string | undefined;
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(":");
    if (idx <= 0) throw new Error(`ENCRYPTION_KEYS: entry "${part.slice(0, 12)}…" is not keyId:base64key`);
    const id = part.slice(0, idx);
    if (!KEY_ID.test(id)) throw new Error(`ENCRYPTION_KEYS: key id "${id}" must match ${KEY_ID}`);
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key "${id}" must decode to 32 bytes (got ${key.length})`);
    if (keys.has(id)) throw new Error(`ENCRYPTION_KEYS: duplicate key id "${id}"`);
    keys.set(id, key);
    primaryId ??= id;
  }
  if (!primaryId) throw new Error("ENCRYPTION_KEYS is empty");
  return { primaryId, keys };
}

/**
 * Secrets at rest (OAuth tokens, PKCE verifiers): AES-256-GCM, a fresh 96-bit random IV per
 * encryption, the key id in the envelope, and additional authenticated data binding the
 * ciphertext to its row and column, so a ciphertext copied to another account or field fails.
 *
 * Envelope: "v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>"
 */
export type SecretContext = { organizationId: string; recordId: string; field: string };

const VERSION = "v1";

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

function aad(version: string, keyId: string, ctx: SecretContext): Buffer {
  for (const [k, v] of Object.entries(ctx)) if (!v || v.includes("|")) throw new Error(`encryption context ${k} is empty or contains "|"`);
  return Buffer.from(`${version}|${keyId}|${ctx.organizationId}|${ctx.recordId}|${ctx.field}`, "utf8");
}

export function encryptSecret(plaintext: string, ctx: SecretContext, ring: Keyring): string {
  const keyId = ring.primaryId;
  const key = ring.keys.get(keyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(VERSION, keyId, ctx));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function envelopeKeyId(envelope: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError("not an encrypted secret envelope");
  return parts[1];
}

export function decryptSecret(envelope: string, ctx: SecretContext, ring: Keyring): string {
  const keyId = envelopeKeyId(envelope);
  const [, , ivB, tagB, ctB] = envelope.split(".");
  const key = ring.keys.get(keyId);
  if (!key) throw new DecryptionError(`encryption key "${keyId}" is not in ENCRYPTION_KEYS`);
  const iv = Buffer.from(ivB, "base64url");
  const tag = Buffer.from(tagB, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new DecryptionError("malformed envelope");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
    decipher.setAAD(aad(VERSION, keyId, ctx));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctB, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("secret failed authentication (wrong key, wrong record/field, or tampered)");
  }
}

/** Re-wrap under the primary key if needed; returns null when already current. */
export function reencryptSecret(envelope: string, ctx: SecretContext, ring: Keyring): string | null {
  if (envelopeKeyId(envelope) === ring.primaryId) return null;
  return encryptSecret(decryptSecret(envelope, ctx, ring), ctx, ring);
}
