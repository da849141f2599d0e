import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { ApprovalPriority } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { APPROVAL_PAGE_SIZE, APPROVAL_STATUS_TABS, type ApprovalStatusTab, type ListApprovalsQuery } from "@/lib/approvals/queue/schemas";
import { PUBLISHING_PLATFORMS, rulesFor, type RulePlatform } from "@/lib/content/platform-rules";
import { listRequestRevisions, type RevisionDto } from "@/lib/content/revisions/network-revisions";
import { storage } from "@/lib/providers/storage";
import { adCampaignCardOf, type AdCampaignCard } from "@/lib/ads/schemas";
import { signedAssets } from "@/lib/media/signed-assets";
import type { NetworkVersionDto, ApprovalListItemDto, ApprovalPage } from "@/lib/approvals/contracts";
export type { NetworkVersionDto, ApprovalListItemDto, ApprovalPage };

export type ListApprovalsOptions = { organizationId: string; take?: number } & Omit<ListApprovalsQuery, "limit">;

type Row = { id: string; priority: ApprovalPriority; createdAt: Date };
type Key = { field: "priority" | "createdAt" | "id"; dir: "asc" | "desc" };
/** PostgreSQL sorts an enum in declaration order (LOW < NORMAL < HIGH < URGENT). */
const PRIORITIES: ApprovalPriority[] = ["LOW", "NORMAL", "HIGH", "URGENT"];

/**
 * The queue's order, on an index each: pending by priority (urgent first) then oldest first
 * (approval_requests_queue_idx); the other tabs newest first.
 */
const sortKeys = (status: ApprovalStatusTab): Key[] =>
  status === "PENDING" ? [{ field: "priority", dir: "desc" }, { field: "createdAt", dir: "asc" }, { field: "id", dir: "asc" }] : [{ field: "createdAt", dir: "desc" }, { field: "id", dir: "desc" }];

const orderBy = (keys: Key[], reverse: boolean) => keys.map((k) => ({ [k.field]: reverse === (k.dir === "asc") ? "desc" : "asc" }) as Prisma.ApprovalRequestOrderByWithRelationInput);

/** Rows strictly after `row` in the order (`reverse`: strictly before), as a Prisma condition (keyset). */
function beyond(keys: Key[], row: Row, reverse: boolean): Prisma.ApprovalRequestWhereInput {
  const or = keys.map((k, i) => {
    const equal = Object.fromEntries(keys.slice(0, i).map((e) => [e.field, row[e.field]]));
    const up = (k.dir === "asc") !== reverse;
    const cond =
      k.field === "priority"
        ? { priority: { in: PRIORITIES.filter((p) => (up ? PRIORITIES.indexOf(p) > PRIORITIES.indexOf(row.priority) : PRIORITIES.indexOf(p) < PRIORITIES.indexOf(row.priority))) } }
        : { [k.field]: up ? { gt: row[k.field] } : { lt: row[k.field] } };
    return { ...equal, ...cond };
  });
  return { OR: or };
}

/** The filters and search of the queue (everything but the status tab). */
function filterWhere(o: ListApprovalsOptions): Prisma.ApprovalRequestWhereInput[] {
  const and: Prisma.ApprovalRequestWhereInput[] = [{ organizationId: o.organizationId }];
  if (o.entityType) and.push({ entityType: o.entityType });
  if (o.brandId) and.push({ brandId: o.brandId });
  if (o.priority) and.push({ priority: o.priority });
  // A workflow code ("mkt-104") stands for every step of it that asks ("mkt-104-request-approval"...).
  if (o.requestedBy) and.push(/^mkt-\d{3}$/.test(o.requestedBy) ? { OR: [{ requestedBy: o.requestedBy }, { requestedBy: { startsWith: `${o.requestedBy}-` } }] } : { requestedBy: o.requestedBy });
  if (o.platform) and.push({ OR: [{ contentPiece: { platform: o.platform } }, { revisions: { some: { platform: o.platform, supersededAt: null } } }] });
  if (o.q) {
    const contains = { contains: o.q, mode: "insensitive" as const };
    and.push({ OR: [{ title: contains }, { summary: contains }, { contentPiece: { body: contains } }] });
  }
  return and;
}

const statusWhere = (status: ApprovalStatusTab): Prisma.ApprovalRequestWhereInput => (status === "ALL" ? {} : { status });
const rowSelect = { id: true, priority: true, createdAt: true, status: true } as const;

/**
 * One page of the approval queue by keyset (issue 9): `after` / `before` an item id, `last` for the
 * final page, or `focus` = the page (aligned on the page size) that contains an item, wherever it
 * sits, in its own tab with the filters cleared. Every read is one index range per statement;
 * totals per tab in one grouped count. Cursor ids of another organisation are refused (422 cursor).
 */
export async function listApprovalsPage(opts: ListApprovalsOptions): Promise<ApprovalPage> {
  const size = Math.min(opts.take ?? APPROVAL_PAGE_SIZE, 100);
  let o = opts;
  let status: ApprovalStatusTab = opts.status ?? "PENDING";
  let focus: ApprovalPage["focus"] = null;
  const rowOf = (id: string | undefined) => (id ? db().approvalRequest.findFirst({ where: { id, organizationId: opts.organizationId }, select: rowSelect }) : null);
  // Round trip 1 (only with ?focus= or a cursor): the row the page is anchored on.
  const [focusRow, cursorRow] = await Promise.all([rowOf(opts.focus), rowOf(opts.before ?? opts.after)]);
  if (opts.focus) {
    if (focusRow) {
      // The item's own tab, filters cleared: it is always on the page returned.
      status = status === "ALL" ? "ALL" : focusRow.status;
      o = { organizationId: opts.organizationId, status };
    }
    focus = { id: opts.focus, found: focusRow !== null, status: focusRow?.status ?? null };
  }
  const byCursor = !focusRow && (opts.before !== undefined || (opts.after !== undefined && !opts.last));
  if (byCursor && !cursorRow) throw new AppError("validation", "approvals.unknownCursor", { field: opts.before ? "before" : "after" });
  const keys = sortKeys(status);
  const base: Prisma.ApprovalRequestWhereInput = { AND: [...filterWhere(o), statusWhere(status)] };
  const read = (where: Prisma.ApprovalRequestWhereInput, reverse: boolean, take: number): Promise<Row[]> =>
    take > 0 ? db().approvalRequest.findMany({ where: { AND: [base, where] }, orderBy: orderBy(keys, reverse), take, select: rowSelect }) : Promise.resolve([]);

  // Round trip 2, in parallel (each read one index range): the totals per tab (one grouped count;
  // "all" is their sum) and the rows. The last page and ?focus= read a page's worth and trim once
  // the count they depend on is known, instead of waiting for it.
  const totalsQuery = db().approvalRequest.groupBy({ by: ["status"], where: { AND: filterWhere(o) }, _count: { _all: true } });
  const position = focusRow ? db().approvalRequest.count({ where: { AND: [base, beyond(keys, focusRow, true)] } }) : Promise.resolve(0);
  const rowsQuery: Promise<Row[]> = focusRow
    ? Promise.all([read(beyond(keys, focusRow, true), true, size - 1), read(beyond(keys, focusRow, false), false, size - 1), position]).then(([head, tail, at]) => [
        ...head.slice(0, at % size).reverse(),
        focusRow,
        ...tail.slice(0, size - (at % size) - 1),
      ])
    : opts.before
      ? read(beyond(keys, cursorRow!, true), true, size).then((r) => r.reverse())
      : opts.last
        ? read({}, true, size)
        : read(opts.after ? beyond(keys, cursorRow!, false) : {}, false, size);
  const [grouped, fetched, focusAt] = await Promise.all([totalsQuery, rowsQuery, position]);
  const totals = Object.fromEntries(
    APPROVAL_STATUS_TABS.map((s) => [s, s === "ALL" ? grouped.reduce((n, g) => n + g._count._all, 0) : (grouped.find((g) => g.status === s)?._count._all ?? 0)]),
  ) as Record<ApprovalStatusTab, number>;
  const total = totals[status];
  const rows = !focusRow && !opts.before && opts.last ? fetched.slice(0, total % size || size).reverse() : fetched;

  // Round trip 3, in parallel: the page's position (counted only after a cursor), whether more follows, and the cards.
  const ids = rows.map((r) => r.id);
  const firstRow = rows[0];
  const lastRow = rows.at(-1);
  const start = focusRow
    ? Promise.resolve(focusAt - (focusAt % size))
    : byCursor
      ? firstRow ? db().approvalRequest.count({ where: { AND: [base, beyond(keys, firstRow, true)] } }) : Promise.resolve(opts.after ? total : 0)
      : Promise.resolve(opts.last ? total - rows.length : 0);
  const [startAt, more, approvals] = await Promise.all([
    start,
    lastRow ? read(beyond(keys, lastRow, false), false, 1).then((r) => r.length > 0) : Promise.resolve(false),
    loadItems(opts.organizationId, ids),
  ]);
  return {
    approvals,
    status,
    totals,
    page: { start: startAt, size, total, prevCursor: startAt > 0 && ids.length ? ids[0]! : null, nextCursor: more ? ids.at(-1)! : null },
    focus,
  };
}

/** The first page of a tab as a list (callers that need no paging). */
export async function listApprovals(opts: ListApprovalsOptions): Promise<ApprovalListItemDto[]> {
  return (await listApprovalsPage(opts)).approvals;
}

/** The cards of a page, in the order of `ids`: content with the exact version of each network (revisions) and signed media URLs (1 h). */
async function loadItems(organizationId: string, ids: string[]): Promise<ApprovalListItemDto[]> {
  if (ids.length === 0) return [];
  const [found, revisions] = await Promise.all([
    db().approvalRequest.findMany({
    where: { organizationId, id: { in: ids } },
    select: {
      id: true, title: true, summary: true, entityType: true, priority: true, status: true, spendAmountMinor: true, currency: true, createdAt: true, dueAt: true, decidedAt: true, decisionNote: true, reminderCount: true, brandId: true, adCampaignId: true, preview: true,
      contentPiece: {
        select: {
          id: true, title: true, body: true, hashtags: true, callToAction: true, platform: true, format: true, revision: true, brandId: true,
          brand: { select: { name: true } },
          media: { orderBy: { position: "asc" }, take: 1, select: { asset: { select: { storageKey: true, altText: true, kind: true } } } },
        },
      },
    },
    }),
    // A request without a piece has no revisions: asking for every id of the page gives the same answer, one round trip earlier.
    listRequestRevisions({ organizationId, approvalRequestIds: ids }),
  ]);
  const rows = ids.flatMap((id) => found.filter((r) => r.id === id));
  const versions = await toNetworkVersions(organizationId, revisions);
  const campaigns = new Map(rows.flatMap((r) => (r.entityType === "AD_CAMPAIGN" ? [[r.id, adCampaignCardOf(r.adCampaignId, r.preview)] as const] : [])));
  const visuals = await signedAssets(organizationId, [...campaigns.values()].flatMap((c) => c?.creatives.map((x) => x.mediaAssetId) ?? []));
  const withVisuals = (c: AdCampaignCard | null | undefined): AdCampaignCard | null =>
    c ? { ...c, creatives: c.creatives.map((x) => ({ ...x, imageUrl: (x.mediaAssetId && visuals.get(x.mediaAssetId)?.url) || null })) } : null;
  return Promise.all(
    rows.map(async (r): Promise<ApprovalListItemDto> => {
      const p = r.contentPiece;
      const asset = p?.media[0]?.asset;
      const image = asset && asset.kind === "IMAGE" ? { url: await storage().signedUrl(asset.storageKey, 3600).catch(() => ""), altText: asset.altText } : null;
      const networks = sortNetworks(versions.filter((v) => v.approvalRequestId === r.id), p?.platform ?? null);
      return {
        id: r.id, title: r.title, summary: r.summary, entityType: r.entityType, priority: r.priority, status: r.status, spendAmountMinor: r.spendAmountMinor, currency: r.currency,
        createdAt: r.createdAt.toISOString(), dueAt: r.dueAt?.toISOString() ?? null, decidedAt: r.decidedAt?.toISOString() ?? null, decisionNote: r.decisionNote, reminderCount: r.reminderCount,
        piece: p ? { id: p.id, title: p.title, body: p.body, hashtags: p.hashtags, callToAction: p.callToAction, platform: p.platform, format: p.format, revision: p.revision, brandName: p.brand.name } : null,
        networks,
        image: image?.url ? image : null,
        campaign: withVisuals(campaigns.get(r.id)),
      };
    }),
  );
}

/** Network versions in display order: the piece's own platform first, then the table's order. */
function sortNetworks<T extends NetworkVersionDto>(list: T[], own: string | null): T[] {
  const rank = (v: T) => (v.platform === own ? -1 : PUBLISHING_PLATFORMS.indexOf(v.platform as RulePlatform));
  return [...list].sort((a, b) => rank(a) - rank(b)).map((v) => ({ ...v, primary: v.platform === own }));
}

/** Revisions as the approver sees them: text, signed media URLs (1 h), length against the network's limit. */
export async function toNetworkVersions<T extends RevisionDto>(organizationId: string, revisions: T[]): Promise<(NetworkVersionDto & Omit<T, keyof RevisionDto>)[]> {
  const urls = await signedAssets(organizationId, revisions.flatMap((r) => r.mediaAssetIds));
  return revisions.map(({ id, platform, number, text, firstComment, mediaAssetIds, scheduledAt, author, approvedAt, ...rest }) => ({
    ...(rest as Omit<T, keyof RevisionDto>),
    revisionId: id,
    platform,
    number,
    text,
    firstComment,
    media: mediaAssetIds.flatMap((mid) => {
      const a = urls.get(mid);
      return a ? [{ id: mid, url: a.url, mimeType: a.mimeType, width: a.width, height: a.height, altText: a.altText }] : [];
    }),
    scheduledAt: scheduledAt.toISOString(),
    author,
    approved: approvedAt !== null,
    length: text.length,
    maxTextLength: rulesFor(platform).text.max,
    primary: false,
  }));
}
