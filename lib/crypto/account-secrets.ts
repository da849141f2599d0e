import "server-only";
import { decryptSecret, encryptSecret } from "./token-cipher";

/** Field names used as AAD for SocialAccount token columns and OAuthState verifiers. */
export type AccountTokenField = "accessToken" | "refreshToken";

export const encryptAccountToken = (organizationId: string, accountId: string, field: AccountTokenField, token: string) =>
  encryptSecret(token, { organizationId, recordId: accountId, field });

export const decryptAccountToken = (organizationId: string, accountId: string, field: AccountTokenField, envelope: string) =>
  decryptSecret(envelope, { organizationId, recordId: accountId, field });

export const encryptCodeVerifier = (organizationId: string, stateId: string, verifier: string) =>
  encryptSecret(verifier, { organizationId, recordId: stateId, field: "codeVerifier" });

export const decryptCodeVerifier = (organizationId: string, stateId: string, envelope: string) =>
  decryptSecret(envelope, { organizationId, recordId: stateId, field: "codeVerifier" });
