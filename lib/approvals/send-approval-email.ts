import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/providers/email";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import { listApprovers } from "./approvers";
import { createActionToken } from "./create-action-token";
import { loadRequestSummary, type RequestSummary } from "./load-request-summary";

const COPY = {
  fr: {
    subject: (t: string) => `À approuver : ${t}`,
    intro: (org: string) => `Un contenu de ${org} attend votre décision.`,
    approve: "Approuver",
    changes: "Demander des modifications",
    reject: "Rejeter",
    queue: "Ouvrir la file d'approbation",
    footer: "Liens à usage unique, valables 72 h. Une page de confirmation s'ouvre avant toute action.",
  },
  en: {
    subject: (t: string) => `To approve: ${t}`,
    intro: (org: string) => `Content from ${org} is waiting for your decision.`,
    approve: "Approve",
    changes: "Request changes",
    reject: "Reject",
    queue: "Open the approval queue",
    footer: "Single-use links, valid for 72 h. A confirmation page opens before anything happens.",
  },
} as const;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function render(s: RequestSummary, lang: "fr" | "en", links: { approve: string; changes: string; reject: string; queue: string }) {
  const c = COPY[lang];
  const tags = s.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" ");
  const button = (href: string, label: string, color: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:6px;background:${color};color:#fff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`;
  const html = [
    `<p>${escapeHtml(c.intro(s.orgName))}</p>`,
    `<h2 style="margin:16px 0 4px">${escapeHtml(s.title)}</h2>`,
    s.platform ? `<p style="color:#64748b;margin:0 0 8px">${escapeHtml(s.platform)} · r${s.revision}</p>` : "",
    s.imageUrl ? `<img src="${escapeHtml(s.imageUrl)}" alt="" width="320" style="max-width:100%;border-radius:8px" />` : "",
    `<p style="white-space:pre-wrap">${escapeHtml(s.excerpt)}</p>`,
    tags ? `<p style="color:#2563eb">${escapeHtml(tags)}</p>` : "",
    `<p>${button(links.approve, c.approve, "#059669")}${button(links.changes, c.changes, "#d97706")}${button(links.reject, c.reject, "#dc2626")}</p>`,
    `<p><a href="${escapeHtml(links.queue)}">${escapeHtml(c.queue)}</a></p>`,
    `<p style="color:#64748b;font-size:12px">${escapeHtml(c.footer)}</p>`,
  ].join("\n");
  const text = [c.intro(s.orgName), "", s.title, s.excerpt, tags, "", `${c.approve}: ${links.approve}`, `${c.changes}: ${links.changes}`, `${c.reject}: ${links.reject}`, `${c.queue}: ${links.queue}`, "", c.footer].join("\n");
  return { subject: c.subject(s.title), html, text };
}

/**
 * MKT-104 email: one message per approver with three single-use signed links (approve / request
 * changes / reject) that open a confirmation page. Idempotent per (request, approver): a re-run
 * finds the email in the outbox and creates no new tokens.
 */
export async function sendApprovalEmails(opts: { organizationId: string; approvalRequestId: string; now?: Date }): Promise<{ sent: number; skipped: number }> {
  const summary = await loadRequestSummary(opts);
  if (summary.status !== "PENDING") return { sent: 0, skipped: 0 };
  const approvers = await listApprovers(opts);
  const base = publicBaseUrl();
  let sent = 0;
  let skipped = 0;
  for (const a of approvers) {
    const idempotencyKey = `approval:${summary.id}:email:${a.userId}`;
    const already = await db().outboxEmail.findUnique({ where: { idempotencyKey }, select: { status: true } });
    if (already?.status === "SENT") {
      skipped++;
      continue;
    }
    const token = (action: "APPROVE" | "REQUEST_CHANGES" | "REJECT") =>
      createActionToken({ organizationId: opts.organizationId, approvalRequestId: summary.id, action, userId: a.userId, email: a.email, now: opts.now }).then((t) => `${base}/approve/${t.token}`);
    const links = { approve: await token("APPROVE"), changes: await token("REQUEST_CHANGES"), reject: await token("REJECT"), queue: `${base}/${summary.orgSlug}/approvals?focus=${summary.id}` };
    const msg = render(summary, a.locale === "en" ? "en" : "fr", links);
    await sendEmail({ to: a.email, ...msg, organizationId: opts.organizationId, category: "transactional", idempotencyKey });
    sent++;
  }
  return { sent, skipped };
}
