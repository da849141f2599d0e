import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/orgs/[org]/inbox/conversations/route";
import * as conversationRoute from "@/app/api/orgs/[org]/inbox/conversations/[id]/route";
import * as notesRoute from "@/app/api/orgs/[org]/inbox/conversations/[id]/notes/route";
import * as replyRoute from "@/app/api/orgs/[org]/inbox/conversations/[id]/reply/route";
import { signUp } from "@/lib/auth/sign-up";
import { socialAccountRow } from "@/lib/demo/factories";
import { conversationDetailDto } from "@/lib/inbox/contracts";
import { listConversations } from "@/lib/inbox/list-conversations";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The inbox API through its route handlers (issue 15), against PostgreSQL and the sandbox network,
 * authenticated with the organisation's API key (route handlers have no next-auth request scope under
 * vitest; the pages call the same routes signed in, tests/e2e/inbox.spec.ts): the list with its filters,
 * search and keyset pages; a reply sent on the sandbox network (the conversation then pending, a
 * retried request sending once); WhatsApp outside its 24-hour window refused naming the template it
 * needs, then sent as a template; status, assignment and notes; 422 naming the field on bad input;
 * another organisation's conversation is a 404 on every route.
 */
let t: TestDatabase;
type Tenant = { slug: string; orgId: string; ownerId: string; key: string; ig: string; wa: string };
const tenants: Record<"a" | "b", Tenant> = {} as never;
let editorId: string;
const NOW = Date.now();
const MIN = 60_000;
const HOUR = 60 * MIN;

async function tenant(label: "a" | "b"): Promise<Tenant> {
  const owner = await signUp({ name: `Owner ${label}`, email: `inbox-api-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Inbox API ${label}` } });
  const { key } = await createApiKey({ organizationId: org.id, name: "inbox", scopes: ["read", "write"] });
  const ig = await t.db.socialAccount.create({ data: socialAccountRow({ organizationId: org.id, platform: "INSTAGRAM", externalId: `ig-${label}`, name: `IG ${label}` }) });
  const wa = await t.db.socialAccount.create({ data: socialAccountRow({ organizationId: org.id, platform: "WHATSAPP", externalId: `wa-${label}`, name: `WA ${label}` }) });
  return { slug: org.slug, orgId: org.id, ownerId: owner.id, key, ig: ig.id, wa: wa.id };
}

type Json = Record<string, unknown> & { error?: { code: string; field?: string; message: string; issues?: { field: string; message: string }[] } };
type Handler = (req: Request, ctx: never) => Promise<Response>;
async function call(handler: Handler, k: "a" | "b", path: string, params: Record<string, string>, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await handler(
    new Request(`http://localhost${path}`, {
      method: init.method ?? "GET",
      headers: { "x-api-key": tenants[k].key, "accept-language": "en", ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
    { params: Promise.resolve(params) } as never,
  );
  return { status: res.status, json: (res.status === 204 ? {} : await res.json()) as Json };
}
const list = (k: "a" | "b", query = "") => call(listRoute.GET as Handler, k, `/api/orgs/${tenants[k].slug}/inbox/conversations${query}`, { org: tenants[k].slug });
const base = (k: "a" | "b", id: string) => `/api/orgs/${tenants[k].slug}/inbox/conversations/${id}`;
const detail = (k: "a" | "b", id: string) => call(conversationRoute.GET as Handler, k, base(k, id), { org: tenants[k].slug, id });
const patch = (k: "a" | "b", id: string, body: unknown) => call(conversationRoute.PATCH as Handler, k, base(k, id), { org: tenants[k].slug, id }, { method: "PATCH", body });
const reply = (k: "a" | "b", id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(replyRoute.POST as Handler, k, `${base(k, id)}/reply`, { org: tenants[k].slug, id }, { method: "POST", body, headers });
const note = (k: "a" | "b", id: string, body: unknown) => call(notesRoute.POST as Handler, k, `${base(k, id)}/notes`, { org: tenants[k].slug, id }, { method: "POST", body });

type ConvSeed = { n: number; platform?: "INSTAGRAM" | "WHATSAPP"; triage?: "IGNORE" | "ESCALATE" | "AUTO_REPLY" | null; status?: "OPEN" | "ESCALATED" | "CLOSED"; assignedToId?: string | null; at: number; text?: string; windowOpen?: boolean };
/** A conversation of tenant `k` with one inbound message at `at`. */
async function conversation(k: "a" | "b", c: ConvSeed): Promise<string> {
  const x = tenants[k];
  const platform = c.platform ?? "INSTAGRAM";
  const at = new Date(c.at);
  const contact = platform === "WHATSAPP" ? `3361234${String(1000 + c.n)}` : `igsid-${k}-${c.n}`;
  const conv = await t.db.conversation.create({
    data: {
      organizationId: x.orgId,
      socialAccountId: platform === "WHATSAPP" ? x.wa : x.ig,
      platform,
      externalId: `thread-${k}-${c.n}`,
      contactExternalId: contact,
      contactName: `Contact ${k}${c.n}`,
      status: c.status ?? "OPEN",
      triage: c.triage ?? null,
      assignedToId: c.assignedToId ?? null,
      lastMessageAt: at,
      lastInboundAt: at,
      windowExpiresAt: new Date(at.getTime() + 24 * HOUR),
      unreadCount: 1,
    },
  });
  await t.db.conversationMessage.create({
    data: { organizationId: x.orgId, conversationId: conv.id, socialAccountId: conv.socialAccountId, externalId: `mid-${k}-${c.n}`, direction: "INBOUND", author: "CONTACT", text: c.text ?? `Message ${c.n}`, status: "RECEIVED", triage: c.triage ?? null, sentAt: at },
  });
  return conv.id;
}

const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestDatabase();
  tenants.a = await tenant("a");
  tenants.b = await tenant("b");
  const editor = await signUp({ name: "Élise Editor", email: "inbox-api-editor@example.test", password: "long enough password" });
  editorId = editor.id;
  await t.db.membership.create({ data: { organizationId: tenants.a.orgId, userId: editor.id, role: "EDITOR" } });
  // 24 conversations, newest activity first by n; three pairs share their lastMessageAt (the keyset breaks ties by id).
  const triages = ["ESCALATE", "AUTO_REPLY", "IGNORE", null] as const;
  for (let n = 1; n <= 24; n++) {
    const at = NOW - (n - (n % 8 === 0 ? 1 : 0)) * 10 * MIN;
    ids[`c${n}`] = await conversation("a", {
      n,
      at,
      triage: triages[(n - 1) % 4],
      status: n % 4 === 1 ? "ESCALATED" : n % 7 === 0 ? "CLOSED" : "OPEN",
      assignedToId: n % 5 === 0 ? editorId : null,
      text: n === 13 ? "Ma commande est arrivée abîmée, je voudrais un remboursement" : undefined,
    });
  }
  ids.waClosed = await conversation("a", { n: 90, platform: "WHATSAPP", at: NOW - 30 * HOUR, triage: "ESCALATE", status: "ESCALATED" });
  ids.igClosed = await conversation("a", { n: 91, at: NOW - 26 * HOUR });
  ids.bConv = await conversation("b", { n: 1, at: NOW - MIN, triage: "ESCALATE" });
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("GET /inbox/conversations", () => {
  it("pages every conversation once by keyset, newest activity first, ties broken by id", async () => {
    const all = await t.db.conversation.findMany({ where: { organizationId: tenants.a.orgId }, orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }], select: { id: true } });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await list("a", `?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const body = res.json as { conversations: { id: string }[]; nextCursor: string | null };
      expect(body.conversations.length).toBeLessThanOrEqual(7);
      seen.push(...body.conversations.map((c) => c.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((c) => c.id));
    expect(seen).toHaveLength(26);
    // Another organisation's key sees only its own.
    expect(((await list("b")).json.conversations as { id: string }[]).map((c) => c.id)).toEqual([ids.bConv]);
  });

  it("filters Escalated / Auto / Ignored / Unassigned, by status, and searches the messages", async () => {
    const idsOf = async (query: string) => ((await list("a", query)).json.conversations as { id: string; triage: string | null; assignedToId: string | null; status: string }[]);
    const escalated = await idsOf("?filter=escalated&limit=100");
    expect(escalated.length).toBe(7); // n = 1, 5, 9, 13, 17, 21 and the WhatsApp one
    expect(escalated.every((c) => c.triage === "ESCALATE")).toBe(true);
    expect((await idsOf("?filter=auto&limit=100")).every((c) => c.triage === "AUTO_REPLY")).toBe(true);
    expect((await idsOf("?filter=ignored&limit=100")).map((c) => c.triage)).toEqual(Array(6).fill("IGNORE"));
    const unassigned = await idsOf("?filter=unassigned&limit=100");
    expect(unassigned).toHaveLength(26 - 4);
    expect(unassigned.every((c) => c.assignedToId === null)).toBe(true);
    expect((await idsOf("?status=CLOSED&limit=100")).map((c) => c.id)).toEqual([ids.c7, ids.c14]);
    expect((await idsOf("?q=rembours")).map((c) => c.id)).toEqual([ids.c13]);
    expect((await idsOf("?q=Contact%20a13")).map((c) => c.id)).toEqual([ids.c13]);
    // Mine: the signed-in person's (an API key is nobody: nothing is its own).
    expect(await idsOf("?filter=mine")).toEqual([]);
    const mine = await listConversations({ organizationId: tenants.a.orgId, userId: editorId, filter: "mine", limit: 100 });
    expect(mine.conversations.map((c) => c.id).sort()).toEqual([ids.c5, ids.c10, ids.c15, ids.c20].sort());
    expect(mine.conversations.every((c) => c.assignedToName === "Élise Editor")).toBe(true);
  });

  it("answers 422 naming the field for a bad filter, limit, cursor or an unknown parameter", async () => {
    const bad = async (query: string, field: string) => {
      const res = await list("a", query);
      expect(res.status, query).toBe(422);
      expect(res.json.error?.field, query).toBe(field);
      expect(res.json.error?.message, query).toContain(field);
    };
    await bad("?filter=urgent", "query.filter");
    await bad("?limit=500", "query.limit");
    await bad("?status=ARCHIVED", "query.status");
    await bad("?sort=oldest", "query.sort");
    await bad(`?cursor=${Buffer.from("not a cursor").toString("base64url")}`, "query.cursor");
  });
});

describe("POST /inbox/conversations/{id}/reply", () => {
  it("sends on the sandbox network inside the window; the conversation is pending; a retried request sends once", async () => {
    const id = ids.c1!;
    const text = "Toutes nos excuses ! Deux housses neuves partent demain.";
    const first = await reply("a", id, { text }, { "idempotency-key": "click-1" });
    expect(first.status).toBe(201);
    expect(first.json.message).toMatchObject({ status: "SENT" });
    const again = await reply("a", id, { text }, { "idempotency-key": "click-1" });
    expect(again.status).toBe(201);
    expect(again.json.message).toEqual(first.json.message);
    const sent = await t.db.sandboxRecord.findMany({ where: { organizationId: tenants.a.orgId, kind: "message" } });
    expect(sent.map((r) => r.data)).toEqual([{ to: "igsid-a-1", text, template: null }]);
    expect(sent[0]!.externalId).toBe((first.json.message as { externalId: string }).externalId);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    const d = conversationDetailDto.parse((await detail("a", id)).json);
    expect(d.conversation.status).toBe("PENDING");
    expect(d.items.filter((i) => i.direction === "OUTBOUND").map((i) => [i.text, i.status, i.author])).toEqual([[text, "SENT", "MEMBER"]]);
  });

  it("WhatsApp outside its 24-hour window: refused naming the template it needs, nothing sent; sent as an approved template", async () => {
    const id = ids.waClosed!;
    const refused = await reply("a", id, { text: "Bonjour, avez-vous reçu notre devis ?" });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "conflict", field: "template" });
    expect(refused.json.error?.message).toBe("The 24-hour messaging window of this conversation is closed: send an approved template");
    expect(await t.db.conversationMessage.count({ where: { conversationId: id, direction: "OUTBOUND" } })).toBe(0);
    expect(await t.db.sandboxRecord.count({ where: { organizationId: tenants.a.orgId, kind: "message", accountId: tenants.a.wa } })).toBe(0);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("ESCALATED");

    const template = await reply("a", id, { text: "Relance devis", template: { name: "quote_follow_up", language: "fr" } });
    expect(template.status).toBe(201);
    const rec = await t.db.sandboxRecord.findFirstOrThrow({ where: { organizationId: tenants.a.orgId, kind: "message", accountId: tenants.a.wa } });
    expect(rec.data).toMatchObject({ to: "33612341090", template: "quote_follow_up" });
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("Instagram outside its window: refused (no template exists there), in the reader's language", async () => {
    const refused = await reply("a", ids.igClosed!, { text: "Bonjour !" }, { "accept-language": "fr" });
    expect(refused.status).toBe(409);
    expect(refused.json.error?.message).toBe("La fenêtre de 24 heures de cette conversation est fermée : attendez que le contact écrive à nouveau");
    expect(await t.db.conversationMessage.count({ where: { conversationId: ids.igClosed, direction: "OUTBOUND" } })).toBe(0);
  });

  it("answers 422 naming the field for an empty, too long or unknown input", async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await reply("a", ids.c2!, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.json.error?.field).toBe(field);
    };
    await bad({ text: "   " }, "text");
    await bad({ text: "x".repeat(2001) }, "text");
    await bad({}, "text");
    await bad({ text: "ok", template: { name: "t" } }, "template.language");
    await bad({ text: "ok", cc: "boss" }, "cc");
    expect(await t.db.conversationMessage.count({ where: { conversationId: ids.c2, direction: "OUTBOUND" } })).toBe(0);
  });
});

describe("PATCH /inbox/conversations/{id} and notes", () => {
  it("changes the status and the assignee (a member of the organisation only)", async () => {
    const id = ids.c3!;
    const closed = await patch("a", id, { status: "CLOSED" });
    expect(closed.status).toBe(200);
    expect(closed.json.conversation).toEqual({ id, status: "CLOSED", assignedToId: null });
    const assigned = await patch("a", id, { assignedToId: editorId });
    expect(assigned.json.conversation).toEqual({ id, status: "CLOSED", assignedToId: editorId });
    expect((await listConversations({ organizationId: tenants.a.orgId, userId: editorId, filter: "mine", limit: 100 })).conversations.map((c) => c.id)).toContain(id);
    expect((await patch("a", id, { assignedToId: null, status: "OPEN" })).json.conversation).toEqual({ id, status: "OPEN", assignedToId: null });

    const outsider = await patch("a", id, { assignedToId: tenants.b.ownerId });
    expect(outsider.status).toBe(422);
    expect(outsider.json.error).toMatchObject({ field: "assignedToId", message: "This person is not a member of the organisation" });
    const badStatus = await patch("a", id, { status: "ARCHIVED" });
    expect(badStatus.status).toBe(422);
    expect(badStatus.json.error?.field).toBe("status");
    expect((await patch("a", id, { priority: "high" })).json.error?.field).toBe("priority");
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });

  it("adds an internal note, never sent; an empty one is refused naming the field", async () => {
    const id = ids.c4!;
    const added = await note("a", id, { text: "Cliente fidèle : proposer un geste commercial." });
    expect(added.status).toBe(201);
    expect(added.json.note).toMatchObject({ text: "Cliente fidèle : proposer un geste commercial.", authorName: null });
    const d = conversationDetailDto.parse((await detail("a", id)).json);
    expect(d.notes.map((n) => n.text)).toEqual(["Cliente fidèle : proposer un geste commercial."]);
    expect(await t.db.sandboxRecord.count({ where: { organizationId: tenants.a.orgId, kind: "message", data: { path: ["to"], equals: "igsid-a-4" } } })).toBe(0);
    const empty = await note("a", id, { text: "" });
    expect(empty.status).toBe(422);
    expect(empty.json.error?.field).toBe("text");
  });
});

describe("tenancy", () => {
  it("another organisation's conversation is a 404 on every route, and nothing changes", async () => {
    const theirs = ids.c6!;
    const before = await t.db.conversation.findUniqueOrThrow({ where: { id: theirs } });
    expect((await detail("b", theirs)).status).toBe(404);
    expect((await patch("b", theirs, { status: "CLOSED" })).status).toBe(404);
    expect((await reply("b", theirs, { text: "hello" })).status).toBe(404);
    expect((await note("b", theirs, { text: "hello" })).status).toBe(404);
    // Its own key on the other organisation's slug: 404 (the organisation is not revealed).
    const crossSlug = await call(conversationRoute.GET as Handler, "b", base("a", theirs), { org: tenants.a.slug, id: theirs });
    expect(crossSlug.status).toBe(404);
    const after = await t.db.conversation.findUniqueOrThrow({ where: { id: theirs } });
    expect(after).toEqual(before);
    expect(await t.db.inboxNote.count({ where: { conversationId: theirs } })).toBe(0);
    expect(await t.db.conversationMessage.count({ where: { conversationId: theirs, direction: "OUTBOUND" } })).toBe(0);
  });
});
