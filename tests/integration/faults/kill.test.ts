import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { advanceClock, resetClock } from "@/lib/runtime/clock";
import { localDate } from "@/lib/leads/booking/slots";
import { createTestDatabase, freePort, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg } from "@/tests/integration/approvals/support";
import { seedAmplifiable, signalEvent } from "@/tests/integration/ads/support";
import { seedPiece } from "@/tests/integration/publishing/support";
import { activate, bundleFaultProcess, killProcess as kill, spawnStandby, type Role, type Standby } from "./processes";

/**
 * Issue 18, faults: the app process (Inngest route + embedded executor) and a worker process (executor
 * only) run the real functions against PostgreSQL, and are SIGKILLed 20 times at random moments while
 * the content (idea -> pieces -> approval -> variants -> posted), publishing (scheduled -> posted),
 * lead (form -> lead -> score -> nurture email + WhatsApp) and ad (signal -> proposal -> approval ->
 * launched) chains run; each killed process is replaced by a fresh one at once. Work is fed in waves,
 * one chain per kill, so every kill lands while pipelines are running. Then: every chain reaches its
 * end, no run failed, and no side effect exists twice (sandbox posts, WhatsApp sends and ad objects,
 * outbox emails, leads). This test process plays the outside world: the webhooks (the real route
 * handlers), and the people who approve and publish now.
 *
 * In CI (`npm test`): its own vitest project, `faults-kill`, in a later group (vitest.config.ts), so it
 * has the two cores to itself once unit and integration are done; it needs a PostgreSQL server
 * (DATABASE_URL; skipped on embedded PGlite) and FAULTS_KILL=0 skips it. FAULTS_KILLS=<n> changes the
 * number of kills, FAULTS_VERBOSE=1 prints each kill, each start and the chains' progress,
 * FAULTS_TIMING=1 the phases of each child's start-up.
 *
 * Restarts: a cold start of the app is mostly Node loading its code (the bundle's modules and npm
 * packages: 2-4 s on a quiet 2-core machine, 10-40 s on a saturated one, which is what made the first
 * 20-kill runs exceed 10 minutes). Each role therefore keeps standby processes that have loaded their
 * code and wait (processes.ts); a kill is followed by activating one, a fresh process that binds,
 * connects, syncs and claims like any restart, in about half a second. The product's takeover does not
 * depend on it: the surviving process takes a dead one's leases over within 3 s (lease 3 s, heartbeat 1 s).
 */
let t: TestDatabase;
let dataDir: string;
let port: number;
let clockOffsetMs = 0;
const procs: Record<"app" | "worker", ChildProcess | undefined> = { app: undefined, worker: undefined };

const KILLS = Number(process.env.FAULTS_KILLS ?? 20);
/**
 * In `npm test` by default (FAULTS_KILL=0 skips it), off without a PostgreSQL server (two processes and
 * the test on embedded PGlite's 20 connections). What it found so far:
 * - 2026-12-04, its first CI run: a nurture WhatsApp message sent twice (a process died between the
 *   platform call and the step's checkpoint); WhatsApp sends are now claimed in connector_sends before the
 *   call (lib/connectors/claimed-send.ts, tests/integration/leads/whatsapp-send-once.test.ts);
 * - 2026-12-05, a CI run at 00:10 UTC: a lead scored but never nurtured (MKT-302's score step replayed
 *   after a kill found its own new tier and said "not qualified"); the save is now keyed by run
 *   (tests/integration/leads/scoring.test.ts). It was opt-in for that one night.
 */
const RUN = process.env.FAULTS_KILL !== "0" && !!process.env.DATABASE_URL;
let bundle: string;

function childEnv(role: Role): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FAULT_ROLE: role,
    DATABASE_URL: t.url,
    DATABASE_POOL_MAX: "6",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    FAULT_CLOCK_OFFSET_MS: String(clockOffsetMs),
    LOG_LEVEL: "silent",
  };
}

/**
 * Each role has standbys: its next processes, spawned ahead, which load the app's code and wait
 * (processes.ts). A kill is followed by activating the first: a fresh process that binds, connects,
 * syncs and claims like any restart, without the seconds of module loading in between. Two are kept
 * ahead while that many kills of the role remain: a kill of each role comes every ~3 s, a cold start
 * takes 2-4 s on a quiet 2-core machine (more under load), so one standby would often still be loading.
 */
const standbys: Record<Role, Standby[]> = { app: [], worker: [] };
const killed = { app: 0, worker: 0 };
const planned = { app: Math.ceil(KILLS / 2), worker: Math.floor(KILLS / 2) };
/** How long each start took, activation to "ready" (the first two are the cold starts of the initial processes). */
const startMs: number[] = [];
async function start(role: Role): Promise<void> {
  const next = standbys[role].shift() ?? spawnStandby(bundle, childEnv(role));
  const t0 = Date.now();
  procs[role] = await activate(next, 180_000);
  startMs.push(Date.now() - t0);
  if (process.env.FAULTS_VERBOSE) console.log(`${role} ready in ${Date.now() - t0} ms`);
  while (standbys[role].length < Math.min(2, planned[role] - killed[role])) standbys[role].push(spawnStandby(bundle, childEnv(role)));
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Nurture sends wait out the quiet hours (20:00-08:00 and Sundays in the lead's zone). The lead
 * organisation's zone is one where it is now a working day between 09:00 and 17:00; in the hours of a
 * week when no zone is (Sunday around the world), the runtime clock of every process moves to the
 * first such hour.
 */
const ZONES = ["Pacific/Kiritimati", "Pacific/Auckland", "Asia/Tokyo", "Asia/Shanghai", "Asia/Kolkata", "Asia/Dubai", "Europe/Paris", "Atlantic/Azores", "America/Sao_Paulo", "America/New_York", "America/Denver", "America/Los_Angeles", "Pacific/Honolulu", "Pacific/Pago_Pago", "Etc/GMT+12"];
function sendingZone(at: Date): string | undefined {
  return ZONES.find((z) => {
    const d = localDate(at, z);
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: z, hour: "2-digit", hourCycle: "h23" }).format(at));
    return d.isoWeekday !== 7 && hour >= 9 && hour < 17;
  });
}

beforeAll(async () => {
  if (!RUN) return;
  resetClock();
  let zone = sendingZone(new Date());
  while (!zone) {
    clockOffsetMs += 3_600_000;
    zone = sendingZone(new Date(Date.now() + clockOffsetMs));
  }
  advanceClock(clockOffsetMs);
  leadZone = zone;
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-faults-"));
  port = await freePort();
  process.env.APP_URL = `http://127.0.0.1:${port}`;
  process.env.DATA_DIR = dataDir;
  // One secret for this process and the children (the executor's token and the event key derive from it).
  process.env.AUTH_SECRET = `faults-${randomBytes(24).toString("hex")}`;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  bundle = await bundleFaultProcess();
  await Promise.all([start("app"), start("worker")]);
  // The first standbys loaded before the first kill (a restart is then ~0.5 s from the start).
  await Promise.all([...standbys.app, ...standbys.worker].map((s) => s.loaded));
}, 300_000);

afterAll(async () => {
  await Promise.all([kill(procs.app), kill(procs.worker), ...[...standbys.app, ...standbys.worker].map((s) => kill(s.process))]);
  resetClock();
  await t?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  delete process.env.APP_URL;
  delete process.env.DATA_DIR;
  delete process.env.AUTH_SECRET;
  resetEnvCache();
  if (bundle) await rm(bundle, { force: true });
});

let leadZone = "Europe/Paris";


describe.skipIf(!RUN)("SIGKILL of the app and the worker during the four chains", () => {
  it(`${KILLS} kills at random moments: every chain completes, no side effect twice`, { timeout: 900_000 }, async () => {
    const { createApiKey } = await import("@/lib/orgs/api-keys");
    const { schedulePublication } = await import("@/lib/publishing/schedule-publication");
    const { reschedulePublication } = await import("@/lib/publishing/reschedule-publication");
    const { decideApproval } = await import("@/lib/approvals/decide-approval");
    const ideas = await import("@/app/api/webhooks/ideas/route");
    const leadsRoute = await import("@/app/api/webhooks/leads/route");
    const { inngest } = await import("@/inngest/client");

    // Content: an organisation with sandbox LinkedIn and X pages, ideas through the webhook.
    const content = await seedOrg(t.db);
    await seedAccount(t.db, content, "LINKEDIN");
    await seedAccount(t.db, content, "X");
    const contentKey = (await createApiKey({ organizationId: content.orgId, name: "faults" })).key;
    // Publishing: approved pieces scheduled now on a sandbox LinkedIn page.
    const pubOrg = await seedOrg(t.db);
    const pubAccount = await seedAccount(t.db, pubOrg, "LINKEDIN");
    // Leads: a form with WhatsApp opt-in; sequences for every tier that go out without a per-message yes (owner's rule).
    const leadOrg = await seedOrg(t.db);
    await t.db.organization.update({ where: { id: leadOrg.orgId }, data: { timezone: leadZone } });
    await seedAccount(t.db, leadOrg, "WHATSAPP");
    const leadKey = (await createApiKey({ organizationId: leadOrg.orgId, name: "faults" })).key;
    for (const tier of ["HOT", "WARM", "COLD"] as const) {
      await t.db.nurtureSequence.create({
        data: {
          organizationId: leadOrg.orgId, name: `Suivi ${tier}`, status: "ACTIVE", targetTier: tier, autoApprove: true, autoApproveSetById: leadOrg.ownerId, autoApproveSetAt: new Date(),
          steps: {
            create: [
              { organizationId: leadOrg.orgId, position: 0, channel: "EMAIL", mode: "TEMPLATE", delayMinutes: 0, subjectPrompt: "Votre projet, {{first_name}}", bodyPrompt: "Bonjour {{first_name}}, merci pour votre message. On en parle cette semaine ?" },
              { organizationId: leadOrg.orgId, position: 1, channel: "WHATSAPP", mode: "TEMPLATE", delayMinutes: 0, bodyPrompt: "Bonjour {{first_name}}, c'est l'atelier.", whatsappTemplateName: "relance_douce" },
            ],
          },
        },
      });
    }

    const contentInputs: string[] = [];
    const publications: string[] = [];
    const leadEmails: string[] = [];
    const adOrgs: Awaited<ReturnType<typeof seedAmplifiable>>[] = [];
    let wave = 0;
    const feed = async () => {
      const n = wave++;
      const chain = n % 4;
      if (chain === 0) {
        const res = await ideas.POST(
          new Request("http://localhost/api/webhooks/ideas", { method: "POST", headers: { "content-type": "application/json", "x-api-key": contentKey }, body: JSON.stringify({ type: "text", text: `Idée ${n} : nos artisanes de Ségou teignent chaque pièce de bogolan en huit semaines, racontons leur savoir-faire.` }) }),
          { params: Promise.resolve({}) } as never,
        );
        expect(res.status).toBe(202);
        contentInputs.push(((await res.json()) as { input: { id: string } }).input.id);
      } else if (chain === 1) {
        for (let i = 0; i < 2; i++) {
          const piece = await seedPiece(t.db, pubOrg.orgId, `Publication ${n}.${i} de l'atelier`);
          const pub = await schedulePublication({ organizationId: pubOrg.orgId, contentPieceId: piece.id, socialAccountId: pubAccount.id, scheduledAt: new Date() });
          publications.push(pub.id);
        }
      } else if (chain === 2) {
        for (let i = 0; i < 2; i++) {
          const email = `client-${n}-${i}@hotel.example`;
          // A lead for the nurture chain must not score hot (>= 70 goes to booking, MKT-305, instead of a
          // sequence): email 5 + phone 10 + form 10 = 25 points from the rubric, at most 40 from the model's
          // judgement of the message (pain points 25, urgency 15), so 65 at most: warm or cold, each with its
          // sequence. (With a company and a budget the offline judge's answer made it 75: hot, never enrolled.)
          const body = { name: `Awa${n}x${i} Diallo`, email, telephone: `+1202555${String(100 + n * 2 + i).padStart(4, "0")}`, message: "Nous cherchons des coussins pour 40 chambres d'hôtel, livraison avant l'été.", consent: "oui", whatsapp_optin: "oui" };
          const res = await leadsRoute.POST(new Request("http://app.test/api/webhooks/leads", { method: "POST", headers: { "content-type": "application/json", "x-api-key": leadKey }, body: JSON.stringify(body) }), { params: Promise.resolve({}) } as never);
          expect(res.status).toBe(202);
          leadEmails.push(email);
        }
      } else {
        const o = await seedAmplifiable(t.db, { adAccountMetadata: { sandbox: { ctrPercent: 5, roas: 3, errorRate: 0 } } });
        await t.db.adSettings.create({ data: { organizationId: o.orgId, autoApply: false, campaignCapMinor: 1_000_000, monthlyCapMinor: 10_000_000 } });
        await inngest.send(signalEvent(o));
        adOrgs.push(o);
      }
    };

    // The people: approve what waits for a decision (content and spend), and "publish now" what the flywheel scheduled later.
    let stopPeople = false;
    const orgOwner = new Map<string, string>();
    orgOwner.set(content.orgId, content.ownerId);
    const people = (async () => {
      while (!stopPeople) {
        for (const o of adOrgs) orgOwner.set(o.orgId, o.ownerId);
        const pending = await t.db.approvalRequest.findMany({ where: { status: "PENDING", organizationId: { in: [...orgOwner.keys()] } }, select: { id: true, organizationId: true } });
        for (const r of pending) {
          const waiting = await t.db.runtimeWait.count({ where: { eventName: "approval/decided", expression: { contains: r.id } } });
          if (!waiting) continue;
          await decideApproval({ organizationId: r.organizationId, approvalRequestId: r.id, decision: "APPROVE", decidedById: orgOwner.get(r.organizationId)!, channel: "IN_APP" }).catch(() => undefined);
        }
        const later = await t.db.publication.findMany({ where: { organizationId: content.orgId, status: "SCHEDULED", scheduledAt: { gt: new Date(Date.now() + 10_000) } }, select: { id: true } });
        for (const p of later) await reschedulePublication({ organizationId: content.orgId, publicationId: p.id, scheduledAt: new Date(Date.now() + 500) }).catch(() => undefined);
        await sleep(400);
      }
    })();

    // 20 kills, alternately of the app and the worker, each after a new wave of work. A killed process
    // is replaced at once (a standby activated); the next kill of it waits until it is up (one wave
    // later), so on a slow machine the other process keeps the pipelines moving meanwhile.
    const restartMs: number[] = [];
    const starting: Partial<Record<Role, Promise<void>>> = {};
    const started = Date.now();
    for (let k = 0; k < KILLS; k++) {
      await feed();
      const role: Role = k % 2 === 0 ? "app" : "worker";
      await starting[role];
      await sleep(300 + Math.random() * 1_700);
      await kill(procs[role]);
      killed[role]++;
      const killedAt = Date.now();
      starting[role] = start(role).then(() => void restartMs.push(Date.now() - killedAt));
      if (process.env.FAULTS_VERBOSE) console.log(`kill ${k + 1} (${role}) at ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await Promise.all([starting.app, starting.worker]);
    const killPhaseMs = Date.now() - started;
    let settleMs = 0;

    // Everything reaches its end with both processes up.
    try {
      let lastReport = 0;
      await until(
        "every chain at its end",
        async () => {
          const pieces = await t.db.contentPiece.findMany({ where: { inputId: { in: contentInputs } }, select: { id: true, status: true, parentId: true, inputId: true } });
          // A piece's publications exist once MKT-106 has emitted content/variants.adapted for it: until then
          // "every publication POSTED" could hold while an approved piece's posts are still to be scheduled.
          const top = pieces.filter((p) => p.parentId === null);
          const adapted = await t.db.runtimeEvent.count({ where: { name: "content/variants.adapted", externalId: { in: top.map((p) => `variants-adapted-${p.id}`) } } });
          const contentPubs = await t.db.publication.findMany({ where: { organizationId: content.orgId }, select: { status: true } });
          const pubsPosted = await t.db.publication.count({ where: { id: { in: publications }, status: "POSTED" } });
          const enrollments = await t.db.sequenceEnrollment.findMany({ where: { organizationId: leadOrg.orgId }, select: { status: true } });
          const hot = await t.db.lead.count({ where: { organizationId: leadOrg.orgId, tier: "HOT" } });
          if (hot > 0) throw new Error(`${hot} lead(s) scored hot: routed to booking (MKT-305), they never join a sequence; the test's leads must score warm or cold`);
          const campaigns = await t.db.adCampaign.findMany({ where: { organizationId: { in: adOrgs.map((o) => o.orgId) } }, select: { status: true } });
          const state = {
            content: new Set(top.map((p) => p.inputId)).size === contentInputs.length && pieces.every((p) => p.status === "APPROVED" || p.status === "PUBLISHED") && adapted === top.length && contentPubs.length > 0 && contentPubs.every((p) => p.status === "POSTED"),
            publishing: pubsPosted === publications.length,
            leads: enrollments.length >= leadEmails.length && enrollments.every((e) => e.status === "COMPLETED"),
            ads: campaigns.length >= adOrgs.length && campaigns.every((c) => c.status === "ACTIVE"),
          };
          if (process.env.FAULTS_VERBOSE && Date.now() - lastReport > 10_000) {
            lastReport = Date.now();
            const leads = await t.db.lead.findMany({ where: { organizationId: leadOrg.orgId }, select: { status: true, tier: true } });
            const pendingRuns = await t.db.$queryRawUnsafe<unknown[]>(
              `SELECT r."functionId", r.status, r.attempt, r."updatedAt", q.kind, q."availableAt", q."infraRetries", q."leaseOwner", q."leasedUntil", q.blocked
               FROM runtime_runs r LEFT JOIN runtime_queue q ON q."runId" = r.id WHERE r.status IN ('QUEUED', 'RUNNING') ORDER BY r."createdAt" LIMIT 12`,
            );
            console.log(JSON.stringify({ pendingRuns, now: new Date(Date.now() + clockOffsetMs) }));
            console.log(JSON.stringify({ ...state, pieces: pieces.map((p) => p.status), contentPubs: contentPubs.map((p) => p.status), pubsPosted, leads: leads.map((l) => `${l.status}/${l.tier}`), enrollments: enrollments.map((e) => e.status), campaigns: campaigns.map((c) => c.status) }));
          }
          return Object.values(state).every(Boolean) || undefined;
        },
        // A publication whose attempt died mid-call waits out its row lease before its retry (PUBLISH_LEASE_MS,
        // 30 s, renewed by a live caller: never post twice while it may still be at the platform).
        360_000,
      );
      settleMs = Date.now() - started - killPhaseMs;
    } catch (err) {
      const runs = await t.db.$queryRawUnsafe<unknown[]>(`SELECT "functionId", status, count(*)::int AS n FROM runtime_runs GROUP BY 1, 2 ORDER BY 1, 2`);
      const failed = await t.db.$queryRawUnsafe<unknown[]>(`SELECT "functionId", error FROM runtime_runs WHERE status = 'FAILED' LIMIT 5`);
      const leads = await t.db.lead.findMany({ where: { organizationId: leadOrg.orgId }, select: { status: true, tier: true, score: true } });
      const queue = await t.db.$queryRawUnsafe<unknown[]>(`SELECT q.kind, r."functionId", q."availableAt", q."infraRetries", q."leaseOwner", q."leasedUntil", q.blocked FROM runtime_queue q LEFT JOIN runtime_runs r ON r.id = q."runId" ORDER BY q."availableAt" LIMIT 20`);
      throw new Error(`${(err as Error).message}: ${JSON.stringify({ runs, failed, leads, queue, now: new Date(Date.now() + clockOffsetMs) })}`);
    } finally {
      stopPeople = true;
      await people;
    }

    // No run failed, none is still queued or running except the ones that wait by design (a booking
    // waits for the lead; first ad metrics sleep a day).
    const runs = await t.db.$queryRawUnsafe<{ functionId: string; status: string; error: unknown }[]>(`SELECT "functionId", status, error FROM runtime_runs`);
    expect(runs.filter((r) => r.status === "FAILED")).toEqual([]);

    // Content and publishing: one sandbox post per posted publication, none twice.
    const posted = await t.db.publication.findMany({ where: { organizationId: { in: [content.orgId, pubOrg.orgId] } }, select: { id: true, status: true, platformPostId: true, socialAccountId: true } });
    const posts = await t.db.sandboxRecord.findMany({ where: { organizationId: { in: [content.orgId, pubOrg.orgId] }, kind: "post" }, select: { externalId: true, accountId: true, data: true } });
    // One post per publication, each the one its publication points to (compared as lists: a diff names what is missing or twice).
    expect(posts.map((p) => `${p.accountId}:${p.externalId}`).sort()).toEqual(posted.map((p) => `${p.socialAccountId}:${p.platformPostId}`).sort());
    // No version of a piece scheduled twice on one account (ideas that differ only by their number can get
    // the same offline copy, so texts may repeat across pieces; pieces and revisions may not).
    const versions = await t.db.publication.findMany({ where: { organizationId: content.orgId }, select: { socialAccountId: true, contentPieceId: true, revisionId: true } });
    const keys = versions.map((v) => `${v.socialAccountId}:${v.contentPieceId}:${v.revisionId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of posted) expect(await t.db.publicationAttempt.count({ where: { publicationId: p.id, status: "SUCCEEDED" } })).toBe(1);
    // One set of pieces per idea, one approval request per piece.
    const pieces = await t.db.contentPiece.findMany({ where: { inputId: { in: contentInputs }, parentId: null }, select: { id: true, inputId: true, platform: true } });
    expect(new Set(pieces.map((p) => `${p.inputId}:${p.platform}`)).size).toBe(pieces.length);
    for (const p of pieces) expect(await t.db.approvalRequest.count({ where: { contentPieceId: p.id } })).toBe(1);

    // Leads: one lead per address, one email and one WhatsApp send per lead.
    const leads = await t.db.lead.findMany({ where: { organizationId: leadOrg.orgId }, select: { id: true, emailNormalized: true, phoneE164: true } });
    expect(leads.map((l) => l.emailNormalized).sort()).toEqual([...leadEmails].sort());
    // Emails as the outbox holds them (every email is written there first), by recipient: one per lead.
    const emails = await t.db.outboxEmail.findMany({ where: { organizationId: leadOrg.orgId }, select: { toAddresses: true } });
    for (const l of leads) expect(emails.filter((e) => e.toAddresses.includes(l.emailNormalized!)), `emails to ${l.emailNormalized}`).toHaveLength(1);
    const sends = await t.db.sandboxRecord.findMany({ where: { organizationId: leadOrg.orgId, kind: "message" }, select: { data: true } });
    for (const l of leads) expect(sends.filter((s) => (s.data as { to: string }).to === l.phoneE164), `WhatsApp sends to ${l.phoneE164}`).toHaveLength(1);
    // Each WhatsApp send was claimed before the call (connector_sends) and ended SENT: the sandbox takes the
    // claim's key, so a send re-run after a kill is answered with the first message, never left unknown.
    const claims = await t.db.connectorSend.findMany({ where: { organizationId: leadOrg.orgId }, select: { status: true, attempts: true } });
    expect(claims.filter((c) => c.status !== "SENT")).toEqual([]);
    expect(claims).toHaveLength(leads.length);

    // Ads: each launched campaign's objects exist once on the ad network, and match the stored remote ids.
    for (const o of adOrgs) {
      const c = await t.db.adCampaign.findFirstOrThrow({ where: { organizationId: o.orgId }, select: { externalId: true, launchReport: true } });
      const objects = await t.db.sandboxRecord.findMany({ where: { accountId: o.adAccountId, kind: { in: ["campaign", "adset", "ad"] } }, select: { kind: true, externalId: true } });
      const launched = (c.launchReport as { exists: { kind: string; remoteId: string }[] }).exists.filter((x) => ["campaign", "adset", "ad"].includes(x.kind));
      expect(objects.filter((x) => x.kind === "campaign").map((x) => x.externalId)).toEqual([c.externalId]);
      expect(objects.map((x) => `${x.kind}:${x.externalId}`).sort()).toEqual(launched.map((x) => `${x.kind}:${x.remoteId}`).sort());
    }

    console.log(
      `faults/kill: ${KILLS} kills (app ${killed.app}, worker ${killed.worker}) in ${Math.round(killPhaseMs / 1000)} s, ` +
        `restarts ${quantile(restartMs, 0.5)} ms median, ${Math.max(0, ...restartMs)} ms max (kill to ready; cold starts ${startMs.slice(0, 2).join(" and ")} ms), ` +
        `chains at their end ${Math.round(settleMs / 1000)} s later; ` +
        `${posted.length} publications, ${leads.length} leads (${claims.filter((c) => c.attempts > 1).length} WhatsApp sends re-run under their claim), ${adOrgs.length} campaigns, ${contentInputs.length} ideas; ${runs.length} runs, ` +
        `${await t.db.runtimeStep.count()} steps recorded`,
    );
  });
});
