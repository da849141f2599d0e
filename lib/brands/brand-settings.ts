import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import type { BrandDto, BrandSummaryDto } from "./contracts";
import type { BrandNetwork, UpdateBrandInput } from "./schemas";

/**
 * Brand settings (settings > brands). Every query is scoped by organisationId: another
 * organisation's brand is a 404. The approval setting is stored as `requireContentApproval` (the
 * MKT-104 check, lib/approvals/request-approval.ts); the API and the page call it `autoApprove`
 * (its inverse). Only an OWNER signed in may change it, and each change is one BrandSettingsEvent
 * line (who, when, from, to) written in the same transaction.
 */
export type BrandActor = { role: Role; userId: string | null };

const NETWORKS = new Set<string>(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"]);
const networksOf = (list: string[] | null): BrandNetwork[] => (list ?? []).filter((p): p is BrandNetwork => NETWORKS.has(p));

const SELECT = {
  id: true, name: true, slug: true, isDefault: true, language: true, requireContentApproval: true, defaultNetworks: true,
  description: true, websiteUrl: true, voice: true, targetAudience: true, contentGuidelines: true, visualGuidelines: true, defaultHashtags: true, countries: true, faq: true,
  products: { where: { isActive: true }, orderBy: [{ createdAt: "asc" }, { name: "asc" }], select: { id: true, name: true, description: true } },
  competitors: { where: { isActive: true }, orderBy: [{ createdAt: "asc" }, { name: "asc" }], select: { id: true, name: true, pageUrls: true, countries: true } },
  settingsEvents: { orderBy: { createdAt: "desc" }, take: 20, select: { id: true, field: true, fromValue: true, toValue: true, actorUserId: true, createdAt: true } },
} satisfies Prisma.BrandSelect;
type Row = Prisma.BrandGetPayload<{ select: typeof SELECT }>;

/** The stored FAQ (JSON) read field by field: entries without a question and an answer are left out. */
export function faqOf(value: Prisma.JsonValue): { question: string; answer: string }[] {
  return (Array.isArray(value) ? value : []).flatMap((f) =>
    f && typeof f === "object" && !Array.isArray(f) && typeof f.question === "string" && typeof f.answer === "string" ? [{ question: f.question, answer: f.answer }] : [],
  );
}

async function toDto(b: Row): Promise<BrandDto> {
  const actorIds = [...new Set(b.settingsEvents.map((e) => e.actorUserId).filter((x): x is string => Boolean(x)))];
  const users = actorIds.length ? await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return {
    id: b.id, name: b.name, slug: b.slug, isDefault: b.isDefault, language: b.language, autoApprove: !b.requireContentApproval, defaultNetworks: networksOf(b.defaultNetworks),
    description: b.description, websiteUrl: b.websiteUrl, voice: b.voice, targetAudience: b.targetAudience, contentGuidelines: b.contentGuidelines, visualGuidelines: b.visualGuidelines,
    defaultHashtags: b.defaultHashtags, countries: b.countries,
    products: b.products,
    faq: faqOf(b.faq),
    competitors: b.competitors,
    history: b.settingsEvents.map((e) => ({ id: e.id, field: e.field, from: e.fromValue, to: e.toValue, actorName: e.actorUserId ? (nameOf.get(e.actorUserId) ?? null) : null, at: e.createdAt.toISOString() })),
  };
}

export async function listBrands(opts: { organizationId: string }): Promise<BrandSummaryDto[]> {
  const rows = await db().brand.findMany({
    where: { organizationId: opts.organizationId, archivedAt: null },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: { id: true, name: true, slug: true, isDefault: true, language: true, requireContentApproval: true, defaultNetworks: true },
  });
  return rows.map((b) => ({ id: b.id, name: b.name, slug: b.slug, isDefault: b.isDefault, language: b.language, autoApprove: !b.requireContentApproval, defaultNetworks: networksOf(b.defaultNetworks) }));
}

export async function getBrand(opts: { organizationId: string; brandId: string }): Promise<BrandDto> {
  const b = await db().brand.findFirst({ where: { id: opts.brandId, organizationId: opts.organizationId, archivedAt: null }, select: SELECT });
  if (!b) throw notFound("brand");
  return toDto(b);
}

/** Items of a replaced list whose id is not one of the brand's own: 404 naming the list (nothing written). */
function assertOwnIds(given: { id?: string }[] | undefined, own: Set<string>, field: string) {
  for (const [i, item] of (given ?? []).entries()) if (item.id && !own.has(item.id)) throw notFound("brand", { field: `${field}.${i}.id` });
}

export async function updateBrand(opts: { organizationId: string; brandId: string; input: UpdateBrandInput; actor: BrandActor; now?: Date }): Promise<BrandDto> {
  const now = opts.now ?? new Date();
  const { autoApprove, products, competitors, ...fields } = opts.input;
  const brand = await db().brand.findFirst({
    where: { id: opts.brandId, organizationId: opts.organizationId, archivedAt: null },
    select: { id: true, requireContentApproval: true, products: { select: { id: true, name: true } }, competitors: { select: { id: true, name: true, searchTerms: true } } },
  });
  if (!brand) throw notFound("brand");
  const changesApproval = autoApprove !== undefined && autoApprove === brand.requireContentApproval;
  // Server-side rule: the only way around the human yes is an owner's choice, made by a person.
  if (changesApproval && (opts.actor.role !== "OWNER" || !opts.actor.userId)) throw new AppError("forbidden", "orgs.autoApproveOwnerOnly", { field: "autoApprove" });
  assertOwnIds(products, new Set(brand.products.map((p) => p.id)), "products");
  assertOwnIds(competitors, new Set(brand.competitors.map((c) => c.id)), "competitors");
  for (const [field, list] of [["products", products], ["competitors", competitors]] as const) {
    const names = (list ?? []).map((x) => x.name.toLowerCase());
    const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (dup >= 0) throw new AppError("validation", "orgs.duplicateName", { field: `${field}.${dup}.name` });
  }

  await db().$transaction(async (tx) => {
    await tx.brand.update({
      where: { id: brand.id },
      data: {
        ...fields,
        ...(changesApproval ? { requireContentApproval: !autoApprove, approvalSettingsChangedById: opts.actor.userId, approvalSettingsChangedAt: now } : {}),
      },
    });
    if (changesApproval) {
      await tx.brandSettingsEvent.create({
        data: { organizationId: opts.organizationId, brandId: brand.id, actorUserId: opts.actor.userId, field: "autoApprove", fromValue: !brand.requireContentApproval, toValue: autoApprove, createdAt: now },
      });
    }
    if (products) {
      const keep = new Set(products.flatMap((p) => (p.id ? [p.id] : [])));
      await tx.product.updateMany({ where: { brandId: brand.id, organizationId: opts.organizationId, id: { notIn: [...keep] } }, data: { isActive: false } });
      for (const p of products) {
        // A product of the same name that was removed before comes back (its leads keep their link).
        const again = p.id ?? brand.products.find((x) => x.name.toLowerCase() === p.name.toLowerCase())?.id;
        if (again) await tx.product.update({ where: { id: again }, data: { name: p.name, description: p.description, isActive: true } });
        else await tx.product.create({ data: { organizationId: opts.organizationId, brandId: brand.id, name: p.name, description: p.description } });
      }
    }
    if (competitors) {
      const keep = new Set(competitors.flatMap((c) => (c.id ? [c.id] : [])));
      await tx.competitor.updateMany({ where: { brandId: brand.id, organizationId: opts.organizationId, id: { notIn: [...keep] } }, data: { isActive: false } });
      for (const c of competitors) {
        const again = c.id ?? brand.competitors.find((x) => x.name.toLowerCase() === c.name.toLowerCase())?.id;
        const data = { name: c.name, pageUrls: c.pageUrls, countries: c.countries, websiteUrl: c.pageUrls[0] ?? null, isActive: true };
        const before = brand.competitors.find((x) => x.id === again);
        // A renamed competitor is searched under its new name (other search terms are kept).
        const searchTerms = before ? [...new Set(before.searchTerms.map((term) => (term === before.name ? c.name : term)))] : [c.name];
        if (again) await tx.competitor.update({ where: { id: again }, data: { ...data, searchTerms } });
        else await tx.competitor.create({ data: { organizationId: opts.organizationId, brandId: brand.id, searchTerms: [c.name], ...data } });
      }
    }
  });
  return getBrand({ organizationId: opts.organizationId, brandId: brand.id });
}
