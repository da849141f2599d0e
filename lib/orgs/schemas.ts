import { z } from "zod";

// Messages of custom checks are errors catalogue keys (messages/<locale>/errors.json); lib/http.ts renders them.
import { isTimeZone } from "@/lib/utils";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "validation.slugFormat");

export const RESERVED_SLUGS = new Set(["api", "sign-in", "sign-up", "onboarding", "invite", "outbox", "settings", "_next", "static", "public", "admin", "health", "new"]);

export const createOrganizationSchema = z
  .object({
    name: z.string().trim().min(2).max(80),
    slug: slugSchema.optional(),
    locale: z.enum(["fr", "en"]).optional(),
    timezone: z.string().max(64).refine(isTimeZone, "validation.timeZone").optional(),
  })
  .strict();
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

/** API key scopes (what they allow: lib/auth/roles.ts requiredScope). */
export const API_KEY_SCOPES = ["ingest", "read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** What the key may do (lib/auth/roles.ts); default ingest only, as keys made before scopes. */
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).optional(),
  })
  .strict();

export const inviteMemberSchema = z
  .object({ email: z.string().trim().toLowerCase().email(), role: z.enum(["ADMIN", "EDITOR", "VIEWER"]) })
  .strict();

export const updateMemberSchema = z.object({ role: z.enum(["OWNER", "ADMIN", "EDITOR", "VIEWER"]) }).strict();

/** A new password: the same rule for sign-up and a change (at least 10 characters). */
export const newPasswordSchema = z.string().min(10).max(200);

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    email: z.string().trim().toLowerCase().email(),
    password: newPasswordSchema,
  })
  .strict();

/** Settings -> General -> Your account: the current password proves it is the person, not a borrowed session. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: newPasswordSchema,
  })
  .strict();

export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(2).max(80).optional(),
    locale: z.enum(["fr", "en"]).optional(),
    timezone: z.string().max(64).refine(isTimeZone, "validation.timeZone").optional(),
    currency: z.enum(["EUR", "XOF", "XAF", "USD", "GBP", "CHF", "MAD", "CAD"]).optional(),
  })
  .strict();
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;
