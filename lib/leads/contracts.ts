import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { LeadReplyStatus, LeadSourceType, LeadStatus, LeadSubmissionStatus } from "@/lib/db/generated/enums";
import { csvColumnTarget, moveLeadSchema, TEST_LEAD_SOURCES, testLeadSchema } from "./schemas";
export type { TestLeadSource } from "./schemas";
import { messageDecisionSchema, sequenceInputSchema } from "./nurture/schemas";

/** Opportunity Hunter (MKT-301..307): lead capture from every source, the Leads page's reads and actions. */
const tag = "Leads";

const aliases = (names: string) => z.unknown().optional().meta({ description: `also: ${names}` });

/** A lead from a website form or any system: known fields under many names, every other field kept. */
export const leadWebhookBody = z
  .looseObject({
    email: aliases("e-mail, mail, courriel, customer_email, work_email"),
    phone: aliases("telephone, téléphone, tel, mobile, phone_number, whatsapp, portable"),
    name: aliases("full_name, nom_complet (split into first and last name)"),
    first_name: aliases("firstName, prénom"),
    last_name: aliases("lastName, nom"),
    company: aliases("entreprise, business_name, company_name, société"),
    job_title: aliases("title, poste, fonction"),
    company_size: aliases("employees, taille_entreprise, effectif"),
    message: aliases("comments, notes, besoin, demande"),
    budget: aliases('a number or text such as "5 000 €", "10k", "5-10K"'),
    source: aliases("form (default), webinar, referral, manual, api"),
    source_detail: aliases("form_name, campaign_name"),
    utm_source: aliases("utmSource"),
    utm_medium: aliases("utmMedium"),
    utm_campaign: aliases("utmCampaign"),
    utm_content: aliases("utmContent"),
    utm_term: aliases("utmTerm"),
    consent: aliases("gdpr, rgpd, opt_in (true, 1, yes, oui)"),
    consent_text: aliases("the wording the person agreed to"),
    whatsapp_opt_in: aliases("whatsapp_consent"),
    country: aliases("pays (ISO code: reads local phone numbers)"),
    language: aliases("lang, langue"),
  })
  .meta({ id: "LeadWebhookBody", description: "JSON object (or form-encoded). At least an email or a phone number. Unknown fields are kept on the lead." });

const receipt = z.object({
  submissionId: z.string(),
  status: z.literal("received"),
  duplicate: z.boolean().meta({ description: "true when this delivery (Idempotency-Key, or the same body) was received before" }),
});

export const leadWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/leads",
  tag,
  access: "apiKey",
  summary: "Send a lead from a website form or another system (MKT-301)",
  description:
    "Authenticated by an organisation API key (X-API-Key). Stored as sent before any processing (202); the same Idempotency-Key, or the same body without one, answers 200 with the first submission. Normalised, deduplicated (email, then phone) and scored afterwards.",
  body: leadWebhookBody,
  response: receipt,
  status: 202,
  alsoStatus: [200],
});

export const metaWebhookVerifyEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/webhooks/meta",
  tag,
  access: "signature",
  summary: "Meta webhook verification (hub.mode=subscribe, hub.verify_token, hub.challenge)",
  produces: "raw",
  contentType: "text/plain",
});

export const metaWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/meta",
  tag,
  access: "signature",
  summary: "Meta app callback: lead ads (leadgen), and messages and comments (X-Hub-Signature-256 over the raw body)",
  description: "One receiver for every field Meta sends; the Page, Instagram or WhatsApp account id maps to the organisation through its connected account. Events are dispatched by kind.",
  body: z.looseObject({ object: z.string(), entry: z.array(z.unknown()) }),
  response: z.object({ received: z.number().int(), handled: z.number().int(), ignored: z.number().int() }),
});

export const googleAdsLeadsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/google-ads-leads",
  tag,
  access: "signature",
  summary: "Google Ads lead form webhook (google_key identifies the organisation)",
  body: z.looseObject({
    lead_id: z.string(),
    google_key: z.string(),
    user_column_data: z.array(z.looseObject({ column_id: z.string().optional(), column_name: z.string().optional(), string_value: z.string().optional() })),
    is_test: z.boolean().optional(),
    form_id: z.union([z.string(), z.number()]).optional(),
    campaign_id: z.union([z.string(), z.number()]).optional(),
  }),
  response: z.object({}),
});

export const tiktokLeadsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/tiktok-leads",
  tag,
  access: "signature",
  summary: "TikTok lead generation webhook (TikTok-Signature: t=<unix>,s=<hex HMAC-SHA256 of t.body with the app secret>)",
  description:
    "Signature checked before the body is read; missing, wrong, or more than 5 minutes away -> 401 and nothing stored. The body is TikTok's webhook envelope (`content` = the lead, a JSON string), one lead, or `{ leads: [...] }`; each lead's advertiser_id maps to the organisations that connected that TikTok Ads account, and its lead_id names the delivery (replays store nothing new).",
  body: z.looseObject({
    advertiser_id: z.union([z.string(), z.number()]).optional(),
    lead_id: z.union([z.string(), z.number()]).optional(),
    content: z.union([z.string(), z.looseObject({})]).optional(),
    leads: z.array(z.looseObject({})).optional(),
  }),
  response: z.object({ received: z.number().int(), stored: z.number().int(), duplicates: z.number().int(), ignored: z.number().int() }),
});

const connectedAccountDto = z.object({ externalId: z.string(), name: z.string(), sandbox: z.boolean() });

export const leadSourceSettingsDto = z
  .object({
    form: z.object({ url: z.string(), ingestKeys: z.number().int() }),
    meta: z.object({ url: z.string(), verifyTokenSet: z.boolean(), appSecretSet: z.boolean(), accounts: z.array(connectedAccountDto) }),
    google: z.object({ url: z.string(), key: z.string(), rotatedAt: isoDateTime().nullable() }),
    tiktok: z.object({ url: z.string(), signing: z.enum(["app", "sandbox", "missing"]), accounts: z.array(connectedAccountDto) }),
  })
  .meta({ id: "LeadSourceSettings" });
export type LeadSourceSettingsDto = z.infer<typeof leadSourceSettingsDto>;

export const rotateGoogleLeadKeyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/sources/google-key",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Replace the Google Ads lead form key (google_key): deliveries with the old key are refused from now on",
  response: z.object({ key: z.string(), rotatedAt: isoDateTime() }),
});

export const testLeadResultDto = z.object({
  source: z.enum(TEST_LEAD_SOURCES),
  submissionId: z.string(),
  status: z.enum(LeadSubmissionStatus),
  leadId: z.string().nullable(),
  email: z.string(),
  error: z.string().nullable(),
});
export type TestLeadResultDto = z.infer<typeof testLeadResultDto>;

export const sendTestLeadEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/sources/test-lead",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Send a lead marked as a test through a source's real receiver (Google Ads key, TikTok signature) and return it once processed",
  body: testLeadSchema,
  response: testLeadResultDto,
});

export const leadSubmissionDto = z
  .object({
    id: z.string(),
    sourceType: z.enum(LeadSourceType),
    sourceDetail: z.string().nullable(),
    status: z.enum(LeadSubmissionStatus),
    isTest: z.boolean(),
    leadId: z.string().nullable(),
    attempts: z.number().int(),
    errorMessage: z.string().nullable(),
    payload: z.unknown(),
    receivedAt: isoDateTime(),
    processedAt: isoDateTime().nullable(),
  })
  .meta({ id: "LeadSubmission" });
export type LeadSubmissionDto = z.infer<typeof leadSubmissionDto>;

export const listLeadSubmissionsQuery = z.strictObject({
  status: z.enum(LeadSubmissionStatus).optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
});

export const listLeadSubmissionsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/leads/submissions",
  tag,
  access: "org",
  summary: "Lead submissions as received (filter FAILED to see what could not be processed)",
  query: listLeadSubmissionsQuery,
  response: z.object({ submissions: z.array(leadSubmissionDto), failed: z.number().int() }),
});

export const reprocessLeadSubmissionEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/submissions/{id}/reprocess",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Process a failed (or never processed) submission again",
  response: z.object({ submission: leadSubmissionDto }),
  status: 202,
});

export const leadReplyDto = z
  .object({
    id: z.string(),
    channel: z.enum(["EMAIL", "WHATSAPP"]),
    status: z.enum(LeadReplyStatus),
    fromAddress: z.string().nullable(),
    subject: z.string().nullable(),
    leadId: z.string().nullable(),
    attempts: z.number().int(),
    errorMessage: z.string().nullable(),
    receivedAt: isoDateTime(),
  })
  .meta({ id: "LeadReply" });
export type LeadReplyDto = z.infer<typeof leadReplyDto>;

export const reprocessLeadReplyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/replies/{id}/reprocess",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Process a lead's reply again: one that failed, or one left unprocessed for more than 15 minutes",
  response: z.object({ reply: leadReplyDto }),
  status: 202,
});

const csvRowError = z.object({
  row: z.number().int().meta({ description: "line number in the file (the header is line 1)" }),
  field: z.enum(["email", "phone"]),
  reason: z.enum(["missingContact", "invalidEmail", "invalidPhone"]),
  value: z.string(),
});
const csvMapping = z.record(z.string(), csvColumnTarget).meta({ description: "column header -> lead field, keep (extra field) or ignore" });

export const previewLeadImportEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/imports/preview",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Read a CSV file of leads: encoding and separator detected, first rows, suggested column mapping, rows that would be refused (nothing stored)",
  multipart: z.object({ file: z.string().meta({ format: "binary" }) }),
  response: z.object({ fileName: z.string(), encoding: z.string(), delimiter: z.string(), headers: z.array(z.string()), sample: z.array(z.array(z.string())), rowCount: z.number().int(), mapping: csvMapping, errors: z.array(csvRowError) }),
});

export const importLeadsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/imports",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Import a CSV file of leads with a column mapping: each valid row stored as received, then processed like any lead; refused rows listed with line and field",
  multipart: z.object({ file: z.string().meta({ format: "binary" }), mapping: z.string().meta({ description: "JSON object: column header -> lead field, keep or ignore" }) }),
  response: z.object({ rowCount: z.number().int(), imported: z.number().int(), duplicates: z.number().int(), errors: z.array(csvRowError) }),
});

// ── MKT-303 nurture sequences ───────────────────────────────────────────────────────────────────

export const unsubscribePageEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/unsubscribe/{token}",
  tag,
  access: "signature",
  summary: "The unsubscribe link of a nurture email: a confirm page (French or English) whose button POSTs the same URL; opening it changes nothing",
  query: z.object({ done: z.string().optional() }),
  produces: "raw",
  contentType: "text/html",
});

export const unsubscribeEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/unsubscribe/{token}",
  tag,
  access: "signature",
  summary: "Unsubscribe (RFC 8058 one-click: body List-Unsubscribe=One-Click -> 200, no page; the confirm page's button -> 303 to the page)",
  description: "The signed token names the organisation, lead, channel and address; the address is added to the suppression list once (replays change nothing) and the lead's sequences stop. A tampered token is a 400 and nothing is written.",
  form: z.object({ "List-Unsubscribe": z.literal("One-Click").optional(), confirm: z.literal("page").optional() }),
  produces: "raw",
  contentType: "text/plain",
});

export const sequenceStepDto = z.object({
  id: z.string(),
  position: z.number().int(),
  channel: z.enum(["EMAIL", "WHATSAPP"]),
  mode: z.enum(["AI", "TEMPLATE"]),
  delayMinutes: z.number().int(),
  subject: z.string().nullable(),
  body: z.string(),
  whatsappTemplateName: z.string().nullable(),
});
export const sequenceDto = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    targetTier: z.enum(["HOT", "WARM", "COLD"]).nullable(),
    status: z.enum(["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"]),
    autoApprove: z.boolean(),
    autoApproveSetAt: isoDateTime().nullable(),
    steps: z.array(sequenceStepDto),
    enrollments: z.object({ active: z.number().int(), completed: z.number().int(), stopped: z.number().int() }),
    updatedAt: isoDateTime(),
  })
  .meta({ id: "NurtureSequence" });
export type SequenceDto = z.infer<typeof sequenceDto>;

export const listSequencesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/leads/sequences",
  tag,
  access: "org",
  permission: "read",
  summary: "The organisation's nurture sequences (MKT-303) with their steps and enrollment counts",
  response: z.object({ sequences: z.array(sequenceDto) }),
});

export const createSequenceEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/sequences",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Create a nurture sequence (steps: channel email or WhatsApp, delay, template or AI brief); auto-approve: owners only",
  body: sequenceInputSchema,
  response: z.object({ sequence: sequenceDto }),
  status: 201,
});

export const getSequenceEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/leads/sequences/{id}",
  tag,
  access: "org",
  permission: "read",
  summary: "One nurture sequence",
  response: z.object({ sequence: sequenceDto }),
});

export const updateSequenceEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/leads/sequences/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Replace a sequence's settings and steps (steps keep their identity by position; enrollments in progress read the new text at their next step); auto-approve: owners only",
  body: sequenceInputSchema,
  response: z.object({ sequence: sequenceDto }),
});

export const decideNurtureMessageEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/messages/{id}/decision",
  tag,
  access: "org",
  permission: "approve",
  personOnly: true,
  summary: "A person's yes or no on one AI-written nurture message, for the exact version shown (hash); 409 when it changed",
  body: messageDecisionSchema,
  response: z.object({ status: z.enum(["QUEUED", "BLOCKED"]) }),
});

export const stopLeadSequencesEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/{id}/sequences/stop",
  tag,
  access: "org",
  permission: "editContent",
  personOnly: true,
  summary: "A person takes the lead over: its sequences stop (nothing more is sent) and it is assigned to them",
  response: z.object({ stopped: z.number().int() }),
});

export const emailInboundWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/email-inbound",
  tag,
  access: "signature",
  summary: "Inbound email webhook of the email provider (Resend `email.received`, Standard Webhooks / Svix signature): a lead's reply (MKT-304)",
  description:
    "Signed with the webhook's secret (RESEND_WEBHOOK_SECRET): headers svix-id, svix-timestamp, svix-signature (or webhook-*), HMAC-SHA256 over `id.timestamp.body`, 5 minutes of tolerance; anything else is a 401 and nothing is stored. An `email.received` event is stored once per email id (replays answer duplicate: true), its organisation told by the Reply-To sub-address of our mail; the body is fetched from the provider's receiving API when processed. Other event types are acknowledged and ignored.",
  body: z.looseObject({ type: z.string(), data: z.looseObject({ email_id: z.string() }) }),
  response: z.object({ stored: z.boolean(), duplicate: z.boolean(), replyId: z.string().nullable() }),
});

export const simulateLeadReplyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/{id}/replies/simulate",
  tag,
  access: "org",
  permission: "editContent",
  personOnly: true,
  summary: "Without an email vendor (outbox): the lead 'replies' by email through the offline inbox and the signed inbound webhook, as Resend would deliver it (MKT-304 demo); 409 with a vendor configured",
  body: z.object({ text: z.string().trim().min(1).max(5000) }).strict(),
  response: z.object({ replyId: z.string() }),
  status: 202,
});

// ── Pipeline board and export ───────────────────────────────────────────────────────────────────

export const moveLeadEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/leads/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Move a lead to another stage (the pipeline board); CONVERTED only through a conversion (409), LOST stops its sequences",
  body: moveLeadSchema,
  response: z.object({ lead: z.object({ id: z.string(), status: z.enum(LeadStatus) }) }),
});

export const exportLeadsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/leads/export",
  tag,
  access: "org",
  permission: "read",
  summary: "The leads matching the Leads page's filters as CSV (papaparse), headers in the reader's language, streamed page by page",
  query: z.object({
    q: z.string().optional(),
    status: z.string().optional(),
    tier: z.string().optional(),
    source: z.string().optional(),
    lang: z.enum(["fr", "en"]).optional().meta({ description: "headers' language (default: the request's)" }),
  }),
  produces: "raw",
  contentType: "text/csv",
});
