import type { Prisma } from "@/lib/db/client";
import { MINUTE, plus } from "./clock";
import { agentRow, installAgents, templateRow } from "@/lib/agents/install-agents";
import { AGENT_CATALOGUE } from "@/lib/agents/catalogue";
import { demoId, type DemoContext } from "./context";
import type { ContentSeed } from "./seed-content";
import type { LeadsSeed } from "./seed-leads";

/**
 * Agents catalogue demo: the 26 MKT workflows as global templates (upserted: other organisations share
 * them) and as the demo organisation's agents, with a few days of executions, logs and AI credits, one
 * recommendation, inter-agent channel records (agent_messages) and the War Room automations with their
 * compliance labels.
 */
export async function seedAgents(ctx: DemoContext, content: ContentSeed, leads: LeadsSeed): Promise<{ aiCreditsByDay: Map<number, number> }> {
  const { tx, clock, organizationId, ownerId } = ctx;
  const id = (k: string) => demoId(`${organizationId}:agents:${k}`);

  const templateIds = new Map<string, string>();
  for (const e of AGENT_CATALOGUE) {
    const t = await tx.agentTemplate.upsert({
      where: { slug: e.slug },
      update: {},
      create: {
        id: demoId(`agent-template:${e.slug}`),
        ...templateRow(e),
        installCount: 1,
      },
      select: { id: true },
    });
    templateIds.set(e.slug, t.id);
  }

  const executions: Prisma.AgentExecutionCreateManyInput[] = [];
  const logs: Prisma.AgentLogCreateManyInput[] = [];
  const usage: Prisma.AiUsageEntryCreateManyInput[] = [];
  const agents: Prisma.AgentCreateManyInput[] = [];
  const aiCreditsByDay = new Map<number, number>();

  for (const e of AGENT_CATALOGUE) {
    const n = Number(e.code.slice(4));
    const agentId = id(`agent:${e.slug}`);
    const inactive = e.code === "MKT-201";
    const runs = inactive ? 0 : 2 + (n % 3);
    let errors = 0;
    let credits = 0;
    let totalMs = 0;
    let last: Date | null = null;
    for (let j = 0; j < runs; j++) {
      const isPublishFailure = e.code === "MKT-107" && j === 0;
      const startedAt = isPublishFailure ? clock.at(-2, 12) : plus(clock.at(-(j + 1), 0), ((n * 37 + j * 53) % 1380) * MINUTE);
      const durationMs = 800 + ((n * 13 + j * 7) % 40) * 100;
      const execId = id(`exec:${e.slug}:${j}`);
      const status = isPublishFailure ? ("ERROR" as const) : ("SUCCESS" as const);
      if (status === "ERROR") errors++;
      totalMs += durationMs;
      if (!last || startedAt > last) last = startedAt;
      const cost = e.usesAi && status === "SUCCESS" ? 40 + ((n * 29 + j * 17) % 260) : 0;
      const tokens = cost ? cost * 12 : 0;
      credits += cost;
      const day = -(j + 1);
      if (cost) aiCreditsByDay.set(day, (aiCreditsByDay.get(day) ?? 0) + cost);
      executions.push({
        id: execId,
        organizationId,
        agentId,
        status,
        trigger: e.trigger === "CRON" ? (e.schedule ?? "cron") : e.trigger === "WEBHOOK" ? "webhook" : "event",
        runId: `demo-run-${n}-${j}`,
        input: { workflow: e.slug },
        output: status === "SUCCESS" ? { ok: true } : undefined,
        errorMessage: isPublishFailure ? "Instagram : conteneur média resté en traitement après 3 tentatives" : null,
        startedAt,
        finishedAt: plus(startedAt, durationMs),
        durationMs,
        tokensUsed: tokens,
        credits: cost,
        createdAt: startedAt,
      });
      logs.push({
        id: id(`log:${e.slug}:${j}`),
        organizationId,
        agentId,
        executionId: execId,
        level: status === "ERROR" ? "ERROR" : "INFO",
        message:
          status === "ERROR"
            ? "Échec de publication après 3 tentatives ; administrateurs notifiés"
            : `${e.nameFr} : exécution terminée en ${(durationMs / 1000).toFixed(1)} s`,
        metadata: { durationMs },
        createdAt: plus(startedAt, durationMs),
      });
      if (cost) {
        usage.push({
          id: id(`ai:${e.slug}:${j}`),
          organizationId,
          kind: "USAGE",
          agentId,
          workflowKey: e.slug,
          executionId: execId,
          provider: "offline",
          model: "offline",
          operation: e.code === "MKT-404" ? "EMBEDDING" : "JSON",
          inputTokens: Math.round(tokens * 0.75),
          outputTokens: Math.round(tokens * 0.25),
          credits: cost,
          latencyMs: durationMs - 200,
          idempotencyKey: `demo-run-${n}-${j}:ai`,
          occurredAt: plus(startedAt, 200),
        });
      }
    }
    agents.push({
      ...agentRow(e, organizationId, templateIds.get(e.slug) ?? null),
      id: agentId,
      status: inactive ? "INACTIVE" : "ACTIVE",
      lastExecutedAt: last,
      executionCount: runs,
      errorCount: errors,
      avgDurationMs: runs ? Math.round(totalMs / runs) : null,
      creditsUsed: credits,
      deployedAt: inactive ? null : clock.at(-30, 9),
      createdAt: clock.at(-30, 9),
    });
  }
  await tx.agent.createMany({ data: agents });
  await tx.agentConfigVersion.createMany({
    data: agents.map((a) => ({ organizationId, agentId: a.id!, version: 1, config: a.config as Prisma.InputJsonValue, reason: "install", createdAt: a.createdAt })),
  });
  // Inbox triage and the assistant, as every organisation has them (no demo history).
  await installAgents(tx, organizationId, { now: clock.at(-30, 9) });
  await tx.agentExecution.createMany({ data: executions });
  await tx.agentLog.createMany({ data: logs });
  await tx.aiUsageEntry.createMany({ data: usage });
  // The monthly allowance (GRANT) the usage is counted against.
  await tx.aiUsageEntry.create({
    data: {
      id: id("ai:grant"),
      organizationId,
      kind: "GRANT",
      provider: "system",
      credits: 500_000,
      idempotencyKey: `${organizationId}:grant:${clock.day(0).toISOString().slice(0, 7)}`,
      occurredAt: clock.at(-30, 0),
    },
  });

  await tx.agentRecommendation.create({
    data: {
      id: id("reco:201"),
      organizationId,
      templateId: templateIds.get("mkt-201-competitor-research"),
      agentId: id("agent:mkt-201-competitor-research"),
      title: "Activez la veille concurrentielle (MKT-201)",
      reason: "2 concurrents sont suivis mais l'agent est inactif : 3 nouvelles publicités ont été repérées manuellement cette semaine.",
      score: 0.8,
      dedupeKey: "enable:mkt-201",
      createdAt: clock.at(-1, 7),
    },
  });

  // Cross-agent events as recorded on the channel (all consumed but one dead letter).
  const detectedAt = clock.at(-3, 6);
  await tx.agentMessage.createMany({
    data: [
      {
        id: id("am:signal"),
        organizationId,
        channel: "signal/content.detected",
        eventId: "demo-evt-signal-bogolan",
        producer: "mkt-109-detect-winning-signals",
        consumer: "mkt-202-propose-campaign",
        payload: { signalId: content.signalId, publicationId: content.winner.publicationId },
        correlationId: content.signalId,
        consumedAt: plus(detectedAt, 2 * MINUTE),
        createdAt: detectedAt,
      },
      {
        id: id("am:lead-replied"),
        organizationId,
        channel: "lead/replied",
        eventId: "demo-evt-reply-fatou",
        producer: "mkt-304-analyze-reply",
        consumer: "mkt-306-escalate-human",
        payload: { leadId: leads.ids.replied, intent: "INTERESTED" },
        correlationId: leads.ids.replied,
        consumedAt: clock.at(-1, 19, 12),
        createdAt: clock.at(-1, 19, 11),
      },
      {
        id: id("am:pain-points"),
        organizationId,
        channel: "lead/pain-points.detected",
        eventId: "demo-evt-painpoints-abidjan",
        producer: "mkt-304-analyze-reply",
        consumer: "mkt-101-ingest-input",
        payload: { painPoint: "Délais de livraison vers Abidjan", mentions: 4 },
        consumedAt: plus(clock.now, -89 * MINUTE),
        createdAt: plus(clock.now, -91 * MINUTE),
      },
      {
        id: id("am:conversion"),
        organizationId,
        channel: "conversion/recorded",
        eventId: "demo-evt-conversion-lagune",
        producer: "mkt-307-track-conversion",
        consumer: "mkt-404-ai-learning-loop",
        payload: { conversionId: leads.conversionId, valueMinor: 1_240_000 },
        correlationId: leads.conversionId,
        consumedAt: clock.at(-1, 11, 3),
        createdAt: clock.at(-1, 11, 1),
      },
      // A dead letter (issue 14): the scoring of this lead never started; the sweep re-sent it once.
      {
        id: id("am:dead-letter"),
        organizationId,
        channel: "lead/received",
        eventId: "demo-evt-lead-received-replied",
        producer: "mkt-301",
        consumer: "mkt-302-score-lead",
        payload: { organizationId, leadId: leads.ids.replied, submissionId: "demo-submission-replied", created: false },
        correlationId: `leadId:${leads.ids.replied}`,
        redeliveries: 1,
        deadLetteredAt: clock.at(-2, 10, 20),
        lastRedeliveredAt: clock.at(-2, 10, 20),
        createdAt: clock.at(-3, 9, 40),
      },
    ],
  });

  // War Room "Bot Control Center".
  await tx.automation.createMany({
    data: [
      {
        id: id("auto:welcome-dm"),
        organizationId,
        key: "instagram_welcome_dm",
        enabled: false,
        label: "DM de bienvenue Instagram",
        description: "Message de bienvenue aux personnes qui nous écrivent en premier (jamais aux nouveaux abonnés).",
        compliance: "CONDITIONAL",
        complianceNotes: ["API officielle (Messenger API for Instagram)", "Opt-in requis", "Fenêtre 24 h"],
        config: { welcomeText: "Bienvenue chez Atelier Sahel ! Comment pouvons-nous vous aider ?" },
        updatedById: ownerId,
        createdAt: clock.at(-20, 10),
      },
      {
        id: id("auto:tiktok-warmup"),
        organizationId,
        key: "tiktok_warmup",
        enabled: true,
        label: "Montée en cadence TikTok",
        description: "Rampe de publication progressive avec contrôles techniques avant chaque envoi.",
        compliance: "COMPLIANT",
        complianceNotes: ["Rampe de cadence progressive", "Contrôles tokens et quotas", "Quality gates : format, durée, bitrate"],
        config: { maxPostsPerDay: 1, rampWeeks: 4 },
        updatedById: ownerId,
        createdAt: clock.at(-20, 10),
      },
      {
        id: id("auto:reposter"),
        organizationId,
        key: "auto_reposter",
        enabled: true,
        label: "Republication multi-plateforme",
        description: "Republie un Reel performant en TikTok (et inversement) via les API officielles.",
        compliance: "COMPLIANT",
        complianceNotes: ["API officielles", "Contenus de la marque uniquement"],
        config: { targets: { INSTAGRAM: ["TIKTOK"], TIKTOK: ["INSTAGRAM"] }, delayHours: 24 },
        updatedById: ownerId,
        createdAt: clock.at(-20, 10),
      },
      {
        id: id("auto:like-follow"),
        organizationId,
        key: "like_follow_bot",
        enabled: false,
        label: "Bot like / follow",
        description: "Non disponible : automation grise interdite par les plateformes.",
        compliance: "BLOCKED",
        complianceNotes: ["Interdit : faux engagement", "Risque de bannissement"],
        createdAt: clock.at(-20, 10),
      },
    ],
  });

  return { aiCreditsByDay };
}
