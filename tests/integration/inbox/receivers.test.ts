import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetClock } from "@/lib/runtime/clock";
import { hmacBase64, hmacHex } from "@/lib/connectors/webhook-signatures";
import { until } from "@/tests/integration/runtime/harness";
import { eventsNamed, seedAccount, seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * The inbox's receivers through the real route handlers, PostgreSQL and the embedded executor running
 * the inbox triage (INB-001): Meta (Instagram and Messenger messages, Facebook and Instagram comments,
 * WhatsApp Cloud messages and statuses) and X Account Activity (CRC and signed deliveries). The
 * vendors' documented signature examples; a tampered delivery is a 401 with nothing stored; the raw
 * delivery is stored first and 1,000 replays make one message; an account nobody connected is
 * acknowledged (200) and dropped; a burst of messages is triaged together (debounced per conversation).
 */
let app: AppExecutor;
let s: Awaited<ReturnType<typeof seedOrg>>;
let ig: { id: string; externalId: string };
let fb: { id: string; externalId: string };
let wa: { id: string; externalId: string };
let xAccount: { id: string; externalId: string };
let metaRoute: typeof import("@/app/api/webhooks/meta/route");
let xRoute: typeof import("@/app/api/webhooks/x/route");
const META_SECRET = "meta-app-secret-inbox";
const X_SECRET = "x-consumer-secret-inbox";
const ctx = { params: Promise.resolve({}) };
const rnd = () => randomUUID().slice(0, 8);

const signMeta = (raw: string, secret = META_SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
const signX = (raw: string, secret = X_SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("base64")}`;
const postMeta = (raw: string, signature: string | null = signMeta(raw)) =>
  metaRoute.POST(new Request("http://app.test/api/webhooks/meta", { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) }, body: raw }), ctx);
const postX = (raw: string, signature: string | null = signX(raw)) =>
  xRoute.POST(new Request("http://app.test/api/webhooks/x", { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-twitter-webhooks-signature": signature } : {}) }, body: raw }), ctx);

const igMessage = (mid: string, from: string, text: string, entry = ig.externalId, ts = Date.now()) =>
  JSON.stringify({ object: "instagram", entry: [{ id: entry, time: ts, messaging: [{ sender: { id: from }, recipient: { id: entry }, timestamp: ts, message: { mid, text } }] }] });

beforeAll(async () => {
  resetClock();
  app = await startAppExecutor({ dataDirPrefix: "me-inbox-", functions: async () => { const f = await import("@/inngest/functions/inbox/inb-001-triage"); return [f.inb001TriageMessages, f.inb001TriageComment]; } });
  process.env.META_APP_SECRET = META_SECRET;
  process.env.META_APP_ID = "inbox-app";
  process.env.META_WEBHOOK_VERIFY_TOKEN = "verify-inbox";
  process.env.X_CONSUMER_SECRET = X_SECRET;
  resetEnvCache();
  metaRoute = await import("@/app/api/webhooks/meta/route");
  xRoute = await import("@/app/api/webhooks/x/route");
  s = await seedOrg(app.t.db);
  ig = await seedAccount(app.t.db, s, "INSTAGRAM");
  fb = await seedAccount(app.t.db, s, "FACEBOOK");
  wa = await seedAccount(app.t.db, s, "WHATSAPP");
  xAccount = await seedAccount(app.t.db, s, "X");
  await app.t.db.aiControlSetting.create({ data: { organizationId: s.orgId, enabled: true } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  for (const k of ["META_APP_SECRET", "META_APP_ID", "META_WEBHOOK_VERIFY_TOKEN", "X_CONSUMER_SECRET"]) delete process.env[k];
  resetEnvCache();
});

describe("documented signature examples", () => {
  it("X-Hub-Signature-256 (Meta, GitHub): hex HMAC-SHA256 of the raw body — the published example", () => {
    // GitHub's documented vector for the same header and scheme Meta uses.
    expect(hmacHex("It's a Secret to Everybody", "Hello, World!")).toBe("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });

  it("X CRC: base64 HMAC-SHA256 of crc_token with the consumer secret (X's sample secret and token; value from openssl)", async () => {
    expect(hmacBase64("z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu", "9b4507b3-9040-4669-9ca3-6b94edb50553")).toBe("Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=");
    const res = await xRoute.GET(new Request("http://app.test/api/webhooks/x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553"), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_token: `sha256=${hmacBase64(X_SECRET, "9b4507b3-9040-4669-9ca3-6b94edb50553")}` });
    expect((await xRoute.GET(new Request("http://app.test/api/webhooks/x"), ctx)).status).toBe(403);
  });

  it("Meta verify-token handshake echoes the challenge", async () => {
    const ok = await metaRoute.GET(new Request("http://app.test/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-inbox&hub.challenge=4242"), ctx);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("4242");
  });
});

describe("Meta receiver (Instagram, Messenger, WhatsApp)", () => {
  it("tampered, missing or foreign signatures: 401 and nothing stored", async () => {
    const mid = `m-tamper-${rnd()}`;
    const raw = igMessage(mid, "igsid-tamper", "hello");
    expect((await postMeta(raw, signMeta(raw).replace(/.$/, (c) => (c === "0" ? "1" : "0")))).status).toBe(401);
    expect((await postMeta(raw, signMeta(raw, "another-secret"))).status).toBe(401);
    expect((await postMeta(raw, null)).status).toBe(401);
    expect((await postMeta(raw.replace("hello", "hellO"), signMeta(raw))).status).toBe(401);
    expect(await app.t.db.webhookReceipt.count({ where: { provider: "inbox" } })).toBe(0);
    expect(await app.t.db.conversationMessage.count({ where: { externalId: mid } })).toBe(0);
  });

  it("replay x 1,000: one raw receipt, one message, one event", async () => {
    const mid = `m-replay-${rnd()}`;
    const raw = igMessage(mid, "igsid-replay", "Do you ship to Belgium?");
    for (let i = 0; i < 20; i++) {
      const res = await Promise.all(Array.from({ length: 50 }, () => postMeta(raw)));
      expect(res.every((r) => r.status === 200)).toBe(true);
    }
    expect(await app.t.db.conversationMessage.count({ where: { externalId: mid } })).toBe(1);
    const receipts = await app.t.db.webhookReceipt.findMany({ where: { provider: "inbox", eventId: `${ig.id}:msg:${mid}` } });
    expect(receipts).toHaveLength(1);
    expect(Buffer.from(receipts[0]!.rawBody).toString()).toBe(raw);
    expect(receipts[0]!.status).toBe("PROCESSED");
    const msg = await app.t.db.conversationMessage.findFirstOrThrow({ where: { externalId: mid } });
    const events = (await eventsNamed(app.t.db, "inbox/message.received")).filter((e) => e.data.messageId === msg.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ organizationId: s.orgId, conversationId: msg.conversationId, platform: "INSTAGRAM", firstContact: true });
    const conv = await app.t.db.conversation.findUniqueOrThrow({ where: { id: msg.conversationId } });
    expect(conv).toMatchObject({ contactExternalId: "igsid-replay", unreadCount: 1, status: "OPEN" });
    expect(conv.windowExpiresAt!.getTime() - conv.lastInboundAt!.getTime()).toBe(24 * 3600_000);
  }, 180_000);

  it("an account nobody connected: 200, logged and dropped, nothing stored", async () => {
    const mid = `m-unknown-${rnd()}`;
    const res = await postMeta(igMessage(mid, "igsid-x", "hello", "17841400000000000"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1, handled: 0, ignored: 1 });
    expect(await app.t.db.conversationMessage.count({ where: { externalId: mid } })).toBe(0);
  });

  it("a burst of three messages seconds apart is triaged once, together; the FAQ-less question escalates", async () => {
    const from = `igsid-burst-${rnd()}`;
    for (const text of ["Hello", "I need help", "Can I visit your workshop on Tuesday?"]) {
      expect((await postMeta(igMessage(`m-${rnd()}`, from, text))).status).toBe(200);
    }
    const conv = await app.t.db.conversation.findFirstOrThrow({ where: { socialAccountId: ig.id, externalId: from } });
    const decision = await until("the burst's decision", async () => (await app.t.db.triageDecision.findFirst({ where: { message: { conversationId: conv.id } } })) ?? undefined, 60_000);
    expect((decision.snapshot as { items: unknown[] }).items).toHaveLength(3);
    expect(decision.action).toBe("ESCALATE");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await app.t.db.triageDecision.count({ where: { message: { conversationId: conv.id } } })).toBe(1);
    expect((await app.t.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).triage).toBe("ESCALATE");
  }, 90_000);

  it("inbox triage switched off in Agents: the message is stored, its run is skipped and logged, nothing triaged or answered; on again, the next one is triaged", async () => {
    const { AGENT_TEMPLATES } = await import("@/lib/agents/catalogue");
    const { agentRow } = await import("@/lib/agents/install-agents");
    const agent = await app.t.db.agent.create({ data: { ...agentRow(AGENT_TEMPLATES.find((e) => e.code === "INB-001")!, s.orgId, null), status: "INACTIVE" } });
    try {
      const from = `igsid-off-${rnd()}`;
      const mid = `m-off-${rnd()}`;
      expect((await postMeta(igMessage(mid, from, "What are your prices?"))).status).toBe(200);
      const message = await app.t.db.conversationMessage.findFirstOrThrow({ where: { externalId: mid } });
      const skipped = await until("the skipped execution", async () => (await app.t.db.agentExecution.findFirst({ where: { agentId: agent.id, status: "SKIPPED" } })) ?? undefined, 60_000);
      expect(skipped).toMatchObject({ skipReason: "inactive", trigger: "inbox/message.received" });
      expect(await app.t.db.triageDecision.count({ where: { message: { conversationId: message.conversationId } } })).toBe(0);
      expect(await app.t.db.conversationMessage.count({ where: { conversationId: message.conversationId, direction: "OUTBOUND" } })).toBe(0);

      await app.t.db.agent.update({ where: { id: agent.id }, data: { status: "ACTIVE" } });
      expect((await postMeta(igMessage(`m-on-${rnd()}`, from, "Hello?"))).status).toBe(200);
      await until("the triage once on", async () => (await app.t.db.triageDecision.findFirst({ where: { message: { conversationId: message.conversationId } } })) ?? undefined, 60_000);
      await until("the logged execution", async () => (await app.t.db.agentExecution.findFirst({ where: { agentId: agent.id, status: "SUCCESS" } })) ?? undefined, 30_000);
    } finally {
      await app.t.db.agent.delete({ where: { id: agent.id } });
    }
  }, 120_000);

  it("Messenger message and a Facebook Page comment", async () => {
    const mid = `m-fb-${rnd()}`;
    const ts = Date.now();
    const raw = JSON.stringify({ object: "page", entry: [{ id: fb.externalId, time: ts, messaging: [{ sender: { id: "psid-1" }, recipient: { id: fb.externalId }, timestamp: ts, message: { mid, text: "Bonjour" } }] }] });
    expect((await postMeta(raw)).status).toBe(200);
    expect(await app.t.db.conversationMessage.count({ where: { externalId: mid, socialAccountId: fb.id } })).toBe(1);
    const commentId = `post_1_${rnd()}`;
    const feed = JSON.stringify({ object: "page", entry: [{ id: fb.externalId, time: ts, changes: [{ field: "feed", value: { item: "comment", verb: "add", comment_id: commentId, post_id: "post_1", parent_id: "post_1", from: { id: "psid-1", name: "Léa" }, message: "Love it, do you ship to Belgium?", created_time: Math.floor(ts / 1000) } }] }] });
    for (let i = 0; i < 3; i++) expect((await postMeta(feed)).status).toBe(200);
    const comment = await app.t.db.comment.findFirstOrThrow({ where: { externalId: commentId } });
    const conv = await app.t.db.conversation.findFirstOrThrow({ where: { socialAccountId: fb.id, externalId: "psid-1" } });
    expect(comment.conversationId).toBe(conv.id); // one conversation per contact across DMs and comments
    expect((await eventsNamed(app.t.db, "inbox/comment.received")).filter((e) => e.data.commentId === comment.id)).toHaveLength(1);
  });

  it("Instagram comment", async () => {
    const id = `igc-${rnd()}`;
    const raw = JSON.stringify({ object: "instagram", entry: [{ id: ig.externalId, time: Math.floor(Date.now() / 1000), changes: [{ field: "comments", value: { id, text: "😍", from: { id: "igsid-c", username: "nadia" }, media: { id: "media-1" } } }] }] });
    expect((await postMeta(raw)).status).toBe(200);
    expect(await app.t.db.comment.count({ where: { externalId: id, platform: "INSTAGRAM" } })).toBe(1);
  });

  it("WhatsApp Cloud message (not a lead's) and its statuses, forward only", async () => {
    const wamid = `wamid.${rnd()}`;
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "waba-1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { phone_number_id: wa.externalId }, contacts: [{ profile: { name: "Ana" }, wa_id: "15550001111" }], messages: [{ from: "15550001111", id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "hi" } }] } }] }],
    });
    expect((await postMeta(raw)).status).toBe(200);
    const inbound = await app.t.db.conversationMessage.findFirstOrThrow({ where: { externalId: wamid } });
    const conv = await app.t.db.conversation.findUniqueOrThrow({ where: { id: inbound.conversationId } });
    expect(conv).toMatchObject({ platform: "WHATSAPP", contactName: "Ana", contactExternalId: "15550001111" });
    const out = await app.t.db.conversationMessage.create({ data: { organizationId: s.orgId, conversationId: conv.id, socialAccountId: wa.id, externalId: `wamid.out-${rnd()}`, direction: "OUTBOUND", author: "MEMBER", text: "hello", status: "SENT", sentAt: new Date() } });
    const status = (st: string) =>
      JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "waba-1", changes: [{ field: "messages", value: { metadata: { phone_number_id: wa.externalId }, statuses: [{ id: out.externalId, status: st, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: "15550001111" }] } }] }] });
    expect((await postMeta(status("read"))).status).toBe(200);
    expect((await postMeta(status("delivered"))).status).toBe(200); // late, out of order: stays READ
    expect((await app.t.db.conversationMessage.findUniqueOrThrow({ where: { id: out.id } })).status).toBe("READ");
  });
});

describe("X receiver (Account Activity)", () => {
  const dm = (id: string, sender: string, forUser = xAccount.externalId) =>
    JSON.stringify({ for_user_id: forUser, direct_message_events: [{ type: "message_create", id, created_timestamp: String(Date.now()), message_create: { sender_id: sender, target: { recipient_id: forUser }, message_data: { text: "Hi, is the shop open today?" } } }] });

  it("signed DM stored once; tampered 401 and nothing stored; unknown account 200 and dropped", async () => {
    const id = `x-dm-${rnd()}`;
    const raw = dm(id, "x-user-1");
    expect((await postX(raw, signX(raw, "wrong"))).status).toBe(401);
    expect((await postX(raw, null)).status).toBe(401);
    expect(await app.t.db.conversationMessage.count({ where: { externalId: id } })).toBe(0);
    for (let i = 0; i < 5; i++) expect((await postX(raw)).status).toBe(200);
    expect(await app.t.db.conversationMessage.count({ where: { externalId: id, socialAccountId: xAccount.id } })).toBe(1);
    const unknown = await postX(dm(`x-dm-${rnd()}`, "x-user-2", "999999"));
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toMatchObject({ handled: 0, ignored: 1 });
  });

  it("a reply to one of our posts is a comment", async () => {
    const id = `x-tw-${rnd()}`;
    const raw = JSON.stringify({ for_user_id: xAccount.externalId, tweet_create_events: [{ id_str: id, text: "@atelier how much?", in_reply_to_status_id_str: "tweet-1", user: { id_str: "x-user-3", screen_name: "sam" }, timestamp_ms: String(Date.now()) }] });
    expect((await postX(raw)).status).toBe(200);
    expect(await app.t.db.comment.count({ where: { externalId: id, platform: "X", externalPostId: "tweet-1" } })).toBe(1);
  });
});
