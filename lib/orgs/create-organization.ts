import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { installAgents } from "@/lib/agents/install-agents";
import { slugify } from "./slug";
import { RESERVED_SLUGS, type CreateOrganizationInput } from "./schemas";
import type { OrganizationDto } from "@/lib/orgs/contracts";
export type { OrganizationDto };
export { slugify };

/** Starter brand so ideas can be submitted at once; its voice and audience are edited later. */
function defaultBrand(name: string, locale: "fr" | "en") {
  const fr = locale === "fr";
  return {
    name,
    slug: slugify(name),
    isDefault: true,
    language: locale,
    voice: fr ? "Professionnelle, chaleureuse et concrète. Tutoiement évité, phrases courtes." : "Professional, warm and concrete. Short sentences.",
    targetAudience: fr ? "Décideurs de PME et indépendants en France et en Afrique de l'Ouest." : "Small-business decision makers in France and West Africa.",
    contentGuidelines: fr
      ? "Un message par publication, un appel à l'action clair, pas de promesses chiffrées non vérifiées."
      : "One message per post, one clear call to action, no unverified numeric claims.",
  };
}

/** Creates the organisation with its creator as OWNER, a starter brand and its agents, in one transaction. */
export async function createOrganization(opts: { userId: string; input: CreateOrganizationInput }): Promise<OrganizationDto> {
  const wanted = opts.input.slug ?? slugify(opts.input.name);
  if (RESERVED_SLUGS.has(wanted)) throw new AppError("validation", "orgs.slugReserved", { field: "slug" });
  let slug = wanted;
  if (!opts.input.slug) {
    for (let i = 2; await db().organization.findUnique({ where: { slug }, select: { id: true } }); i++) slug = `${wanted}-${i}`;
  } else if (await db().organization.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError("conflict", "orgs.slugTaken", { field: "slug" });
  }
  const org = await db().$transaction(async (tx) => {
    const created = await tx.organization.create({
      data: {
        slug,
        name: opts.input.name,
        locale: opts.input.locale ?? "fr",
        timezone: opts.input.timezone ?? "Europe/Paris",
        memberships: { create: { userId: opts.userId, role: "OWNER" } },
        brands: { create: defaultBrand(opts.input.name, opts.input.locale ?? "fr") },
      },
    });
    // Every workflow, inbox triage and the assistant, as this organisation's agents.
    await installAgents(tx, created.id);
    return created;
  });
  return { id: org.id, slug: org.slug, name: org.name, role: "OWNER", isDemo: org.isDemo };
}

export async function listOrganizationsForUser(opts: { userId: string }): Promise<OrganizationDto[]> {
  const rows = await db().membership.findMany({
    where: { userId: opts.userId },
    select: { role: true, organization: { select: { id: true, slug: true, name: true, isDemo: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ ...m.organization, role: m.role }));
}
