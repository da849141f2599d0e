import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { Role } from "@/lib/db/generated/enums";
import { API_KEY_SCOPES, createApiKeySchema, createOrganizationSchema, inviteMemberSchema, updateMemberSchema, updateOrganizationSchema } from "./schemas";

/** Organisations, members, invitations and API keys: the endpoints and their DTOs (no server imports). */

export const organizationDto = z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string(), isDemo: z.boolean() }).meta({ id: "Organization" });
export type OrganizationDto = z.infer<typeof organizationDto>;

export const organizationDetailDto = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.string(), locale: z.string(), timezone: z.string(), currency: z.string(), isDemo: z.boolean(), createdAt: isoDateTime() })
  .meta({ id: "OrganizationDetail" });
export type OrganizationDetailDto = z.infer<typeof organizationDetailDto>;

export const apiKeyDto = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)).meta({ description: "ingest: the ingestion webhooks; read: GET on the organisation's routes; write: other methods (includes read). Never approvals or spend." }),
    createdAt: isoDateTime(),
    lastUsedAt: isoDateTime().nullable(),
    revokedAt: isoDateTime().nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

export const memberDto = z
  .object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(Role), createdAt: isoDateTime() })
  .meta({ id: "Member" });
export type MemberDto = z.infer<typeof memberDto>;

export const invitationDto = z
  .object({ id: z.string(), email: z.string(), role: z.enum(Role), expiresAt: isoDateTime(), acceptedAt: isoDateTime().nullable() })
  .meta({ id: "Invitation" });
export type InvitationDto = z.infer<typeof invitationDto>;

const tag = "Organisations";

export const listOrganizationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs",
  tag,
  access: "user",
  summary: "The organisations of the signed-in user",
  response: z.object({ organizations: z.array(organizationDto) }),
});

export const createOrganizationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs",
  tag,
  access: "user",
  summary: "Create an organisation (the caller becomes its owner)",
  body: createOrganizationSchema,
  response: z.object({ organization: organizationDto }),
  status: 201,
});

export const getOrganizationEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}",
  tag,
  access: "org",
  summary: "The organisation and the caller's role in it",
  response: z.object({ organization: organizationDetailDto.extend({ role: z.enum(Role) }) }),
});

export const updateOrganizationEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}",
  tag,
  access: "org",
  permission: "manageMembers",
  summary: "Rename the organisation or change its language, time zone or currency",
  body: updateOrganizationSchema,
  response: z.object({ organization: organizationDetailDto }),
});

export const listApiKeysEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/api-keys",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "The organisation's API keys (never the secrets)",
  response: z.object({ apiKeys: z.array(apiKeyDto) }),
});

export const createApiKeyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/api-keys",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Create an API key; `key` is shown this once",
  body: createApiKeySchema,
  response: z.object({ key: z.string().meta({ description: "me_<prefix>_<secret>: send it as X-API-Key" }), apiKey: apiKeyDto }),
  status: 201,
});

export const revokeApiKeyEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/api-keys/{id}",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Revoke an API key",
  response: z.object({ apiKey: apiKeyDto }),
});

export const listMembersEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/members",
  tag,
  access: "org",
  summary: "Members and pending invitations",
  response: z.object({ members: z.array(memberDto), invitations: z.array(invitationDto) }),
});

export const inviteMemberEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/members",
  tag,
  access: "org",
  permission: "manageMembers",
  summary: "Invite someone by email (a signed-in person, not an API key)",
  body: inviteMemberSchema,
  response: z.object({ invitation: invitationDto }),
  status: 201,
});

export const updateMemberEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/members/{id}",
  tag,
  access: "org",
  permission: "manageMembers",
  summary: "Change a member's role",
  body: updateMemberSchema,
  response: z.object({ member: memberDto }),
});

export const removeMemberEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/members/{id}",
  tag,
  access: "org",
  permission: "manageMembers",
  summary: "Remove a member",
  produces: "none",
});
