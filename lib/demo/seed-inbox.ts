import type { Prisma } from "@/lib/db/client";
import { DAY, HOUR, MINUTE, plus } from "./clock";
import { demoId, type DemoContext } from "./context";
import type { ContentSeed } from "./seed-content";
import type { LeadsSeed } from "./seed-leads";

/**
 * Social inbox demo: AI control ON, three triage rules (IGNORE / ESCALATE / AUTO_REPLY), four DM threads
 * (an Instagram price question answered automatically, the WhatsApp reply of a lead escalated to a human,
 * an Instagram complaint escalated 40 minutes ago and still unassigned, its messaging window open, Messenger
 * spam ignored), comments under the winning post with their decisions (the answered question and the
 * escalated complaint in their commenters' conversations), two topic clusters. Each
 * conversation carries its latest triage, which the inbox filters (Auto / Escalated / Ignored) read.
 */
export async function seedInbox(ctx: DemoContext, content: ContentSeed, leads: LeadsSeed): Promise<void> {
  const { tx, clock, organizationId, ownerId, editorId, accounts } = ctx;
  const now = clock.now;
  const id = (k: string) => demoId(`${organizationId}:inbox:${k}`);

  await tx.aiControlSetting.create({ data: { id: id("ai-control"), organizationId, enabled: true, changedById: ownerId, changedAt: clock.at(-20, 10) } });
  const rules = { spam: id("rule:spam"), escalate: id("rule:escalate"), prices: id("rule:prices") };
  await tx.triageRule.createMany({
    data: [
      {
        id: rules.spam,
        organizationId,
        name: "Spam et promesses d'abonnés",
        action: "IGNORE",
        keywords: ["followers", "abonnés gratuits", "crypto", "link in bio"],
        examples: ["Boost your followers 🚀 link in bio", "Gagnez 10 000 abonnés en 24 h"],
        similarityMin: 0.7,
        priority: 0,
        createdById: ownerId,
        createdAt: clock.at(-20, 10),
      },
      {
        id: rules.escalate,
        organizationId,
        name: "Réclamations et urgences",
        action: "ESCALATE",
        keywords: ["remboursement", "abîmé", "abimé", "urgent", "réclamation", "avocat"],
        patterns: ["\\b(rembours\\w*|refund)\\b"],
        priority: 1,
        createdById: ownerId,
        createdAt: clock.at(-20, 10),
      },
      {
        id: rules.prices,
        organizationId,
        name: "Questions tarifs et délais",
        action: "AUTO_REPLY",
        keywords: ["prix", "tarif", "délai", "délais", "combien"],
        confidenceMin: 0.75,
        replyTemplate:
          "Merci pour votre message ! Nos délais vont de 6 à 10 semaines selon le projet, et chaque devis est gratuit : atelier-sahel.example/devis ou hello@atelier-sahel.example.",
        priority: 2,
        createdById: ownerId,
        createdAt: clock.at(-20, 10),
      },
    ],
  });

  // --- DM threads ---
  const ig = { conv: id("conv:ig"), inMsg: id("msg:ig:in"), outMsg: id("msg:ig:out") };
  const wa = { conv: id("conv:wa"), outMsg: id("msg:wa:out"), inMsg: id("msg:wa:in") };
  const fb = { conv: id("conv:fb"), inMsg: id("msg:fb:in") };
  const claim = { conv: id("conv:ig-claim"), inMsg: id("msg:ig-claim:in") };
  const igIn = plus(now, -3 * HOUR);
  const claimIn = plus(now, -40 * MINUTE);
  const waIn = clock.at(-1, 19, 10);
  const fbIn = clock.at(-2, 8);
  await tx.conversation.createMany({
    data: [
      {
        id: ig.conv,
        organizationId,
        socialAccountId: accounts.INSTAGRAM,
        platform: "INSTAGRAM",
        externalId: "sandbox-ig-thread-001",
        contactExternalId: "sandbox-igsid-1001",
        contactName: "Léa Robert",
        contactHandle: "@lea.deco",
        status: "OPEN",
        triage: "AUTO_REPLY",
        optInAt: igIn,
        lastMessageAt: plus(igIn, 2 * MINUTE),
        lastInboundAt: igIn,
        windowExpiresAt: plus(igIn, DAY),
        unreadCount: 0,
        createdAt: igIn,
      },
      {
        id: wa.conv,
        organizationId,
        socialAccountId: accounts.WHATSAPP,
        platform: "WHATSAPP",
        externalId: "sandbox-wa-33639980008",
        contactExternalId: "33639980008",
        contactName: "Fatou Ndiaye",
        leadId: leads.ids.replied,
        status: "ESCALATED",
        triage: "ESCALATE",
        assignedToId: editorId,
        aiEnabled: false,
        optInAt: clock.at(-3, 16),
        lastMessageAt: waIn,
        lastInboundAt: waIn,
        windowExpiresAt: plus(waIn, DAY),
        unreadCount: 1,
        createdAt: clock.at(-1, 16, 6),
      },
      {
        id: fb.conv,
        organizationId,
        socialAccountId: accounts.FACEBOOK,
        platform: "FACEBOOK",
        externalId: "sandbox-fb-thread-042",
        contactExternalId: "sandbox-psid-4242",
        contactName: "Promo Boost",
        status: "CLOSED",
        triage: "IGNORE",
        lastMessageAt: fbIn,
        lastInboundAt: fbIn,
        windowExpiresAt: plus(fbIn, DAY),
        createdAt: fbIn,
      },
      {
        id: claim.conv,
        organizationId,
        socialAccountId: accounts.INSTAGRAM,
        platform: "INSTAGRAM",
        externalId: "sandbox-ig-thread-007",
        contactExternalId: "sandbox-igsid-1007",
        contactName: "Camille Durand",
        contactHandle: "@camille.maison",
        status: "ESCALATED",
        triage: "ESCALATE",
        optInAt: claimIn,
        lastMessageAt: claimIn,
        lastInboundAt: claimIn,
        windowExpiresAt: plus(claimIn, DAY),
        unreadCount: 1,
        createdAt: claimIn,
      },
    ],
  });
  const messages: Prisma.ConversationMessageCreateManyInput[] = [
    {
      id: ig.inMsg,
      organizationId,
      conversationId: ig.conv,
      socialAccountId: accounts.INSTAGRAM,
      externalId: "sandbox-mid-ig-1",
      direction: "INBOUND",
      author: "CONTACT",
      text: "Bonjour ! Quel est le tarif pour 12 coussins bogolan, et quel délai pour une livraison à Lyon ?",
      status: "RECEIVED",
      triage: "AUTO_REPLY",
      triageConfidence: 0.86,
      sentAt: igIn,
      createdAt: igIn,
    },
    {
      id: ig.outMsg,
      organizationId,
      conversationId: ig.conv,
      socialAccountId: accounts.INSTAGRAM,
      externalId: "sandbox-mid-ig-2",
      direction: "OUTBOUND",
      author: "AI",
      text: "Bonjour Léa, merci pour votre message ! Comptez 6 à 8 semaines pour 12 coussins sur mesure ; le devis est gratuit : atelier-sahel.example/devis. Nous revenons vers vous avec un prix détaillé.",
      status: "DELIVERED",
      idempotencyKey: `${organizationId}:auto-reply:${ig.inMsg}`,
      replyToId: ig.inMsg,
      sentAt: plus(igIn, 2 * MINUTE),
      createdAt: plus(igIn, 2 * MINUTE),
    },
    {
      id: wa.outMsg,
      organizationId,
      conversationId: wa.conv,
      socialAccountId: accounts.WHATSAPP,
      externalId: "wamid.sandbox-replied-1",
      direction: "OUTBOUND",
      author: "SYSTEM",
      text: "Bonjour Fatou, c'est Atelier Sahel. Souhaitez-vous recevoir des échantillons de bogolan pour vos suites ?",
      status: "READ",
      sentAt: clock.at(-1, 16, 6),
      createdAt: clock.at(-1, 16, 6),
    },
    {
      id: wa.inMsg,
      organizationId,
      conversationId: wa.conv,
      socialAccountId: accounts.WHATSAPP,
      externalId: "wamid.sandbox-replied-in",
      direction: "INBOUND",
      author: "CONTACT",
      text: "Oui avec plaisir ! Pouvez-vous m'envoyer un devis pour 20 suites ? Nous voudrions que tout soit prêt pour décembre.",
      status: "RECEIVED",
      triage: "ESCALATE",
      triageConfidence: 0.91,
      sentAt: waIn,
      createdAt: waIn,
    },
    {
      id: fb.inMsg,
      organizationId,
      conversationId: fb.conv,
      socialAccountId: accounts.FACEBOOK,
      externalId: "sandbox-mid-fb-1",
      direction: "INBOUND",
      author: "CONTACT",
      text: "Gagnez 10 000 abonnés en 24 h !!! Offre spéciale pour votre page",
      status: "RECEIVED",
      triage: "IGNORE",
      triageConfidence: 0.97,
      sentAt: fbIn,
      createdAt: fbIn,
    },
    {
      id: claim.inMsg,
      organizationId,
      conversationId: claim.conv,
      socialAccountId: accounts.INSTAGRAM,
      externalId: "sandbox-mid-ig-7",
      direction: "INBOUND",
      author: "CONTACT",
      text: "Bonjour, ma commande de 4 coussins est arrivée abîmée (deux housses déchirées). Je voudrais un échange ou un remboursement, pouvez-vous me répondre rapidement ?",
      status: "RECEIVED",
      triage: "ESCALATE",
      triageConfidence: 0.95,
      sentAt: claimIn,
      createdAt: claimIn,
    },
  ];
  await tx.conversationMessage.createMany({ data: messages });
  // The lead's CRM timeline points at the inbox message it is.
  await tx.leadInteraction.update({ where: { id: leads.whatsappReplyInteractionId }, data: { conversationMessageId: wa.inMsg } });

  // --- comments under our publications (polled every 5 min until J+7) ---
  const p1 = content.winner.publicationId;
  const p1Post = "sandbox-linkedin-bogolan-li";
  const p2 = demoId(`${organizationId}:content:pub:bogolan-ig`);
  const p4 = demoId(`${organizationId}:content:pub:teranga-li`);
  const t0 = content.winner.postedAt;
  const c = { question: id("cm:question"), reply: id("cm:reply"), claim: id("cm:claim"), spam: id("cm:spam"), ig: id("cm:ig"), bravo: id("cm:bravo") };
  // The commenters who got a decision worth a person's look have their conversation on the account, as the
  // receivers and the poller make them (one per contact, externalId = the contact's id): Hélène's question
  // answered (pending), Marc's complaint escalated.
  const commenters = { question: id("conv:li-question"), claim: id("conv:li-claim") };
  await tx.conversation.createMany({
    data: [
      {
        id: commenters.question,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        platform: "LINKEDIN",
        externalId: "sandbox-li-member-77",
        contactExternalId: "sandbox-li-member-77",
        contactHandle: "Hélène Garnier",
        status: "PENDING",
        triage: "AUTO_REPLY",
        lastMessageAt: plus(t0, 3 * HOUR + 2 * MINUTE),
        createdAt: plus(t0, 3 * HOUR + MINUTE),
      },
      {
        id: commenters.claim,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        platform: "LINKEDIN",
        externalId: "sandbox-li-member-78",
        contactExternalId: "sandbox-li-member-78",
        contactHandle: "Marc Lemoine",
        status: "ESCALATED",
        triage: "ESCALATE",
        lastMessageAt: plus(t0, 20 * HOUR),
        unreadCount: 1,
        createdAt: plus(t0, 20 * HOUR + MINUTE),
      },
    ],
  });
  await tx.comment.createMany({
    data: [
      {
        id: c.question,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        publicationId: p1,
        platform: "LINKEDIN",
        externalId: "sandbox-li-comment-1",
        externalPostId: p1Post,
        conversationId: commenters.question,
        authorName: "Hélène Garnier",
        authorExternalId: "sandbox-li-member-77",
        text: "Magnifique travail ! Quels sont vos délais pour un hôtel de 30 chambres ?",
        status: "REPLIED",
        triage: "AUTO_REPLY",
        repliedAt: plus(t0, 3 * HOUR + 2 * MINUTE),
        postedAt: plus(t0, 3 * HOUR),
        createdAt: plus(t0, 3 * HOUR + MINUTE),
      },
      {
        id: c.claim,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        publicationId: p1,
        platform: "LINKEDIN",
        externalId: "sandbox-li-comment-2",
        externalPostId: p1Post,
        conversationId: commenters.claim,
        authorName: "Marc Lemoine",
        authorExternalId: "sandbox-li-member-78",
        text: "Commande reçue abîmée la semaine dernière, à qui dois-je m'adresser pour un remboursement ?",
        status: "ESCALATED",
        triage: "ESCALATE",
        postedAt: plus(t0, 20 * HOUR),
        createdAt: plus(t0, 20 * HOUR + MINUTE),
      },
      {
        id: c.spam,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        publicationId: p1,
        platform: "LINKEDIN",
        externalId: "sandbox-li-comment-3",
        externalPostId: p1Post,
        authorName: "Growth Hacks",
        authorExternalId: "sandbox-li-member-99",
        text: "Boost your followers 🚀 link in bio",
        status: "HIDDEN",
        triage: "IGNORE",
        hidden: true,
        postedAt: plus(t0, 26 * HOUR),
        createdAt: plus(t0, 26 * HOUR + MINUTE),
      },
      {
        id: c.ig,
        organizationId,
        socialAccountId: accounts.INSTAGRAM,
        publicationId: p2,
        platform: "INSTAGRAM",
        externalId: "sandbox-ig-comment-1",
        externalPostId: "sandbox-instagram-bogolan-ig",
        authorName: "nadia.interiors",
        authorExternalId: "sandbox-igsid-2002",
        text: "😍 Sublime, ces couleurs !",
        status: "NEW",
        postedAt: plus(t0, 30 * HOUR),
        createdAt: plus(t0, 30 * HOUR + MINUTE),
      },
      {
        id: c.bravo,
        organizationId,
        socialAccountId: accounts.LINKEDIN,
        publicationId: p4,
        platform: "LINKEDIN",
        externalId: "sandbox-li-comment-4",
        externalPostId: "sandbox-linkedin-teranga-li",
        authorName: "Ousmane Faye",
        authorExternalId: "sandbox-li-member-80",
        text: "Bravo pour ce projet, un bel exemple de savoir-faire local !",
        status: "IGNORED",
        triage: "IGNORE",
        postedAt: clock.at(-4, 9),
        createdAt: clock.at(-4, 9, 1),
      },
    ],
  });
  await tx.comment.create({
    data: {
      id: c.reply,
      organizationId,
      socialAccountId: accounts.LINKEDIN,
      publicationId: p1,
      platform: "LINKEDIN",
      externalId: "sandbox-li-comment-1-reply",
      externalPostId: p1Post,
      conversationId: commenters.question,
      parentId: c.question,
      authorName: "Atelier Sahel",
      isOwn: true,
      text: "Merci Hélène ! Pour 30 chambres, comptez 8 à 10 semaines de la validation à la pose. Écrivez-nous pour un devis gratuit.",
      status: "REPLIED",
      postedAt: plus(t0, 3 * HOUR + 2 * MINUTE),
      createdAt: plus(t0, 3 * HOUR + 2 * MINUTE),
    },
  });

  // --- triage decisions (AI control was ON for all of them) ---
  await tx.triageDecision.createMany({
    data: [
      {
        id: id("td:ig"),
        organizationId,
        messageId: ig.inMsg,
        ruleId: rules.prices,
        action: "AUTO_REPLY",
        confidence: 0.86,
        reason: "Question de prix et de délai (mots-clés « tarif », « délai »), confiance 0,86 ≥ 0,75.",
        aiControlEnabled: true,
        suggestedReply: messages[1].text,
        replySentAt: plus(igIn, 2 * MINUTE),
        snapshot: { matched: ["tarif", "délai"] },
        createdAt: plus(igIn, MINUTE),
      },
      {
        id: id("td:wa"),
        organizationId,
        messageId: wa.inMsg,
        action: "ESCALATE",
        confidence: 0.91,
        reason: "Prospect connu (score 66) prêt à recevoir un devis : à confier à l'équipe commerciale.",
        aiControlEnabled: true,
        snapshot: { leadId: leads.ids.replied, intent: "INTERESTED" },
        createdAt: plus(waIn, MINUTE),
      },
      {
        id: id("td:fb"),
        organizationId,
        messageId: fb.inMsg,
        ruleId: rules.spam,
        action: "IGNORE",
        confidence: 0.97,
        reason: "Similaire à 0,92 à un exemple de spam (seuil 0,7).",
        aiControlEnabled: true,
        snapshot: { similarity: 0.92 },
        createdAt: plus(fbIn, MINUTE),
      },
      {
        id: id("td:ig-claim"),
        organizationId,
        messageId: claim.inMsg,
        ruleId: rules.escalate,
        action: "ESCALATE",
        confidence: 0.95,
        reason: "Réclamation (mots-clés « abîmée », « remboursement ») : jamais de réponse automatique.",
        aiControlEnabled: true,
        snapshot: { matched: ["abîmé", "remboursement"] },
        createdAt: plus(claimIn, MINUTE),
      },
      {
        id: id("td:question"),
        organizationId,
        commentId: c.question,
        ruleId: rules.prices,
        action: "AUTO_REPLY",
        confidence: 0.82,
        reason: "Question de délai sur un commentaire public.",
        aiControlEnabled: true,
        replySentAt: plus(t0, 3 * HOUR + 2 * MINUTE),
        snapshot: { matched: ["délais"] },
        createdAt: plus(t0, 3 * HOUR + MINUTE),
      },
      {
        id: id("td:claim"),
        organizationId,
        commentId: c.claim,
        ruleId: rules.escalate,
        action: "ESCALATE",
        confidence: 0.95,
        reason: "Réclamation (mots-clés « abîmée », « remboursement ») : jamais de réponse automatique.",
        aiControlEnabled: true,
        snapshot: { matched: ["remboursement"] },
        createdAt: plus(t0, 20 * HOUR + MINUTE),
      },
      {
        id: id("td:spam"),
        organizationId,
        commentId: c.spam,
        ruleId: rules.spam,
        action: "IGNORE",
        confidence: 0.98,
        reason: "Spam (« followers », « link in bio ») : commentaire masqué.",
        aiControlEnabled: true,
        snapshot: { matched: ["followers", "link in bio"] },
        createdAt: plus(t0, 26 * HOUR + MINUTE),
      },
      {
        id: id("td:bravo"),
        organizationId,
        commentId: c.bravo,
        action: "IGNORE",
        confidence: 0.7,
        reason: "Compliment sans question : aucune réponse nécessaire.",
        aiControlEnabled: true,
        createdAt: clock.at(-4, 9, 2),
      },
    ],
  });

  // --- topic clustering (daily 03:00): two global topics over the last 7 days ---
  const windowStart = clock.at(-8, 3);
  const windowEnd = clock.at(-1, 3);
  await tx.topicCluster.createMany({
    data: [
      {
        id: id("topic:delais"),
        organizationId,
        scope: "GLOBAL",
        label: "Délais et devis",
        keywords: ["délai", "devis", "semaines", "livraison"],
        size: 2,
        windowStart,
        windowEnd,
        createdAt: windowEnd,
      },
      {
        id: id("topic:compliments"),
        organizationId,
        scope: "GLOBAL",
        label: "Compliments sur le savoir-faire",
        keywords: ["bravo", "sublime", "savoir-faire"],
        size: 2,
        windowStart,
        windowEnd,
        createdAt: windowEnd,
      },
    ],
  });
  await tx.topicClusterItem.createMany({
    data: [
      { id: id("ti:1"), organizationId, clusterId: id("topic:delais"), commentId: c.question, score: 0.88 },
      { id: id("ti:3"), organizationId, clusterId: id("topic:delais"), commentId: c.claim, score: 0.64 },
      { id: id("ti:4"), organizationId, clusterId: id("topic:compliments"), commentId: c.bravo, score: 0.9 },
      { id: id("ti:5"), organizationId, clusterId: id("topic:compliments"), commentId: c.ig, score: 0.77 },
    ],
  });
}
