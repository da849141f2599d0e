import { z } from "zod";
import { isTimeZone } from "@/lib/utils";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "at least 2 characters")
  .max(40, "at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and dashes only");

export const RESERVED_SLUGS = new Set(["api", "sign-in", "sign-up", "onboarding", "invite", "outbox", "settings", "_next", "static", "public", "admin", "health", "new"]);

export const createOrganizationSchema = z
  .object({
    name: z.string().trim().min(2, "at least 2 characters").max(80, "at most 80 characters"),
    slug: slugSchema.optional(),
    locale: z.enum(["fr", "en"]).optional(),
    timezone: z.string().max(64).refine(isTimeZone, "unknown time zone (e.g. Europe/Paris, Africa/Dakar)").optional(),
  })
  .strict();
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const createApiKeySchema = z
  .object({ name: z.string().trim().min(1, "required").max(60, "at most 60 characters") })
  .strict();

export const inviteMemberSchema = z
  .object({ email: z.string().trim().toLowerCase().email("a valid email"), role: z.enum(["ADMIN", "EDITOR", "VIEWER"]) })
  .strict();

export const updateMemberSchema = z.object({ role: z.enum(["OWNER", "ADMIN", "EDITOR", "VIEWER"]) }).strict();

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(80),
    email: z.string().trim().toLowerCase().email("a valid email"),
    password: z.string().min(10, "at least 10 characters").max(200),
  })
  .strict();

export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(2, "at least 2 characters").max(80, "at most 80 characters").optional(),
    locale: z.enum(["fr", "en"]).optional(),
    timezone: z.string().max(64).refine(isTimeZone, "unknown time zone (e.g. Europe/Paris, Africa/Dakar)").optional(),
    currency: z.enum(["EUR", "XOF", "XAF", "USD", "GBP", "CHF", "MAD", "CAD"]).optional(),
  })
  .strict();
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;
