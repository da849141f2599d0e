import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { currentUserOfRequest, requireOrgPage } from "@/lib/auth/page-guard";
import { listOrganizationsForUser } from "@/lib/orgs/create-organization";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireOrgPage(slug);
  const user = (await currentUserOfRequest())!;
  const [orgs, locale] = await Promise.all([listOrganizationsForUser({ userId: user.id }), getLocale()]);
  const current = orgs.find((o) => o.slug === ctx.slug)!;
  return (
    <AppShell org={{ slug: ctx.slug, name: ctx.name, role: ctx.role, isDemo: current.isDemo }} orgs={orgs} user={user} locale={locale}>
      {children}
    </AppShell>
  );
}
