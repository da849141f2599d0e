import "server-only";
import { keyring, type Keyring } from "./keyring";
import * as envelope from "./envelope";

/**
 * Secrets at rest (OAuth tokens, PKCE verifiers, sealed outbox bodies) with the app's keys
 * (ENCRYPTION_KEYS): AES-256-GCM envelopes bound to their row and column (lib/crypto/envelope.ts).
 */
export { DecryptionError, envelopeKeyId, type SecretContext } from "./envelope";

export function encryptSecret(plaintext: string, ctx: envelope.SecretContext, ring: Keyring = keyring()): string {
  return envelope.encryptSecret(plaintext, ctx, ring);
}

export function decryptSecret(sealed: string, ctx: envelope.SecretContext, ring: Keyring = keyring()): string {
  return envelope.decryptSecret(sealed, ctx, ring);
}

/** Re-wrap under the primary key if needed; returns null when already current. */
export function reencryptSecret(sealed: string, ctx: envelope.SecretContext, ring: Keyring = keyring()): string | null {
  return envelope.reencryptSecret(sealed, ctx, ring);
}
