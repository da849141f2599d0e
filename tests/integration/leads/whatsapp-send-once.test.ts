import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptAccountToken } from "@/lib/crypto/account-secrets";
import { setEnv } from "@/tests/contract/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, metaErrors, type MetaFake } from "@/tests/fakes/meta";
import { seedAccount, seedOrg } from "@/tests/integration/approvals/support";

/**
 * Issue 18: a nurture WhatsApp message is sent once even when the process dies after the platform
 * accepted it and before anything recorded that (the kill test's duplicate). The death is played by
 * the database: once armed, any write that records a send as SENT (the interaction, the send's claim)
 * fails, exactly as if the process had been killed at that point; then the step runs again, as the
 * executor re-runs a step whose checkpoint never came.
 * - the sandbox network (takes an idempotency key): the re-run gets the first message back, 1 message;
 * - the WhatsApp Cloud API (a local fake of graph.facebook.com; no idempotency key): the re-run does not
 *   call it again, the message is FAILED `delivery_unknown` for a person to check, 1 call;
 * - a refusal (4xx) is known not sent: the retry sends it (2 calls, 1 message).
 * Before connector_sends, the re-run called the platform again: 2 messages.
 */
let t: TestDatabase;
let dataDir: string;
let meta: MetaFake;
let write: typeof import("@/lib/leads/nurture/write-step-message").writeStepMessage;
let send: typeof import("@/lib/leads/nurture/send-step-message").sendStepMessage;

const PHONE_ID = "5550001"; // the fake's WhatsApp phone number id
const messagesCalls = () => meta.server.callsTo(new RegExp(`/${PHONE_ID}/messages`), "POST");

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-send-once-"));
  meta = createMetaFake();
  await meta.server.start();
  setEnv({ DATA_DIR: dataDir, META_APP_ID: META_CLIENT.clientId, META_APP_SECRET: META_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ meta: meta.server.url }) });
  write = (await import("@/lib/leads/nurture/write-step-message")).writeStepMessage;
  send = (await import("@/lib/leads/nurture/send-step-message")).sendStepMessage;
  // The "kill": armed, a write recording a send as SENT fails (connector_sends only exists with the fix).
  await t.db.$executeRawUnsafe(`CREATE TABLE test_crash (armed boolean NOT NULL)`);
  await t.db.$executeRawUnsafe(`INSERT INTO test_crash VALUES (false)`);
  await t.db.$executeRawUnsafe(`CREATE FUNCTION test_crash_now() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF (SELECT armed FROM test_crash) THEN RAISE EXCEPTION 'killed after the platform call'; END IF; RETURN NEW; END $$`);
  for (const table of ["lead_interactions", "connector_sends"]) {
    await t.db.$executeRawUnsafe(
      `DO $$ BEGIN IF to_regclass('${table}') IS NOT NULL THEN CREATE TRIGGER test_crash BEFORE UPDATE ON ${table} FOR EACH ROW WHEN (NEW.status::text = 'SENT') EXECUTE FUNCTION test_crash_now(); END IF; END $$`,
    );
  }
}, 120_000);

afterAll(async () => {
  await meta?.server.stop();
  await t?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  setEnv({ DATA_DIR: undefined, META_APP_ID: undefined, META_APP_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

const arm = (armed: boolean) => t.db.$executeRawUnsafe(`UPDATE test_crash SET armed = ${armed}`);

/** An organisation whose one-step WhatsApp sequence (a person's template, so no approval) has one lead enrolled; the step's message written. */
async function leadWithMessage(account: "sandbox" | "cloud") {
  const s = await seedOrg(t.db);
  if (account === "sandbox") await seedAccount(t.db, s, "WHATSAPP");
  else {
    const { pageToken } = meta.consent();
    const id = `wa_${Math.random().toString(36).slice(2, 10)}`;
    await t.db.socialAccount.create({
      data: { id, organizationId: s.orgId, brandId: s.brandId, platform: "WHATSAPP", externalId: PHONE_ID, name: "Atelier WhatsApp", isSandbox: false, accessTokenEnc: encryptAccountToken(s.orgId, id, "accessToken", pageToken), tokenExpiresAt: new Date(Date.now() + 3600_000) },
    });
  }
  const seq = await t.db.nurtureSequence.create({
    data: {
      organizationId: s.orgId, name: "WhatsApp", status: "ACTIVE", targetTier: "WARM",
      steps: { create: [{ organizationId: s.orgId, position: 0, channel: "WHATSAPP", mode: "TEMPLATE", delayMinutes: 0, bodyPrompt: "Bonjour {{first_name}}, c'est l'atelier.", whatsappTemplateName: "relance_douce" }] },
    },
  });
  const phone = `+22177${Math.floor(1e6 + Math.random() * 8e6)}`;
  const lead = await t.db.lead.create({ data: { organizationId: s.orgId, firstName: "Awa", phone, phoneE164: phone, whatsappOptIn: true, status: "NURTURING", tier: "WARM" } });
  const e = await t.db.sequenceEnrollment.create({ data: { organizationId: s.orgId, leadId: lead.id, sequenceId: seq.id } });
  const m = await write({ organizationId: s.orgId, enrollmentId: e.id, position: 0 });
  expect(m.needsApproval).toBe(false);
  return { orgId: s.orgId, phone, interactionId: m.interactionId };
}

/** The step as the executor runs it: killed (armed) after the platform call, then run again. */
async function killedThenRerun(x: { orgId: string; interactionId: string }) {
  await arm(true);
  try {
    await expect(send({ organizationId: x.orgId, interactionId: x.interactionId })).rejects.toThrow(/killed after the platform call/);
  } finally {
    await arm(false);
  }
  return send({ organizationId: x.orgId, interactionId: x.interactionId });
}

describe("a nurture WhatsApp message killed between the platform call and its checkpoint", () => {
  it("sandbox network (honours the idempotency key): the re-run gets the first message back, one message", async () => {
    const x = await leadWithMessage("sandbox");
    expect(await killedThenRerun(x)).toMatchObject({ outcome: "sent", channel: "WHATSAPP" });
    const sends = await t.db.sandboxRecord.findMany({ where: { organizationId: x.orgId, kind: "message" }, select: { externalId: true, data: true } });
    expect(sends.map((r) => (r.data as { to: string }).to)).toEqual([x.phone]);
    expect(await t.db.leadInteraction.findUniqueOrThrow({ where: { id: x.interactionId } })).toMatchObject({ status: "SENT", providerMessageId: sends[0]!.externalId });
    expect(await t.db.connectorSend.findMany({ where: { organizationId: x.orgId }, select: { status: true, attempts: true, providerMessageId: true } })).toEqual([{ status: "SENT", attempts: 2, providerMessageId: sends[0]!.externalId }]);
    // A further run (the step's result lost once more) changes nothing.
    expect(await send({ organizationId: x.orgId, interactionId: x.interactionId })).toMatchObject({ outcome: "sent" });
    expect(await t.db.sandboxRecord.count({ where: { organizationId: x.orgId, kind: "message" } })).toBe(1);
  });

  it("WhatsApp Cloud API (no idempotency key): the re-run does not call it again; the message is flagged delivery unknown", async () => {
    const x = await leadWithMessage("cloud");
    const before = messagesCalls().length;
    const out = await killedThenRerun(x);
    const calls = messagesCalls().slice(before);
    expect(calls).toHaveLength(1);
    // The claim's key went with the message as its client reference (echoed by the status webhooks).
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ to: x.phone.slice(1), type: "template", biz_opaque_callback_data: `lead-message:${x.interactionId}` });
    expect(out).toEqual({ outcome: "blocked", reason: "delivery_unknown" });
    expect(await t.db.leadInteraction.findUniqueOrThrow({ where: { id: x.interactionId } })).toMatchObject({ status: "FAILED", errorCode: "delivery_unknown" });
    expect(await t.db.connectorSend.findMany({ where: { organizationId: x.orgId }, select: { status: true } })).toEqual([{ status: "UNKNOWN" }]);
    // Never sent again by the machine.
    expect(await send({ organizationId: x.orgId, interactionId: x.interactionId })).toEqual({ outcome: "blocked", reason: "delivery_unknown" });
    expect(messagesCalls().length - before).toBe(1);
  });

  it("a refusal by the platform (4xx) is known not sent: the retry sends it, once", async () => {
    const x = await leadWithMessage("cloud");
    const before = messagesCalls().length;
    meta.server.inject(new RegExp(`/${PHONE_ID}/messages`), metaErrors.validation("(#131026) Message undeliverable"), 1, "POST");
    await expect(send({ organizationId: x.orgId, interactionId: x.interactionId })).rejects.toThrow();
    expect(await t.db.connectorSend.findMany({ where: { organizationId: x.orgId }, select: { status: true } })).toEqual([{ status: "FAILED" }]);
    expect(await send({ organizationId: x.orgId, interactionId: x.interactionId })).toMatchObject({ outcome: "sent" });
    expect(messagesCalls().length - before).toBe(2);
    expect(await t.db.connectorSend.findMany({ where: { organizationId: x.orgId }, select: { status: true, attempts: true } })).toEqual([{ status: "SENT", attempts: 2 }]);
    expect(await t.db.leadInteraction.findUniqueOrThrow({ where: { id: x.interactionId } })).toMatchObject({ status: "SENT" });
  });
});
