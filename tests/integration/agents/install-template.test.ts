import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Install from the catalogue against PostgreSQL: a missing agent is created from its template
 * (active, the schema's defaults as version 1), installing again changes nothing, an agent that is off
 * is switched back on with its configuration kept, an unknown template is a 404, and nothing of
 * another organisation is touched. The catalogue lists every template with the organisation's agent.
 */
let t: TestDatabase;
const orgs: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  for (const label of ["a", "b"]) {
    const owner = await signUp({ name: `Owner ${label}`, email: `install-${label}@example.test`, password: "long enough password" });
    orgs.push((await createOrganization({ userId: owner.id, input: { name: `Install ${label}` } })).id);
  }
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("install an agent from its template", () => {
  it("creates with the defaults, is idempotent, re-enables, refuses an unknown template", async () => {
    const { installAgentTemplate, listAgentTemplates } = await import("@/lib/agents/install-template");
    const { AGENT_TEMPLATES, defaultConfigOf } = await import("@/lib/agents/catalogue");
    const [a, b] = orgs as [string, string];
    const slug = "mkt-206-optimize-campaigns";
    const entry = AGENT_TEMPLATES.find((e) => e.slug === slug)!;
    // Not installed (an organisation from before agents, or removed).
    await t.db.agent.deleteMany({ where: { organizationId: a, key: slug } });
    expect((await listAgentTemplates({ organizationId: a, locale: "en" })).find((e) => e.slug === slug)).toMatchObject({ agent: null, workflowCode: "MKT-206", name: entry.nameEn, scheduled: true });
    expect(await listAgentTemplates({ organizationId: a, locale: "fr" })).toHaveLength(28);

    const first = await installAgentTemplate({ organizationId: a, slug });
    expect(first).toMatchObject({ status: "ACTIVE", created: true, reenabled: false });
    const agent = await t.db.agent.findUniqueOrThrow({ where: { id: first.agentId }, include: { configVersions: true } });
    expect(agent).toMatchObject({ organizationId: a, key: slug, workflowCode: "MKT-206", status: "ACTIVE", config: defaultConfigOf(entry) });
    expect(agent.configVersions.map((v) => [v.version, v.config, v.reason])).toEqual([[1, defaultConfigOf(entry), "install"]]);

    // Again: nothing changes.
    expect(await installAgentTemplate({ organizationId: a, slug })).toEqual({ agentId: first.agentId, status: "ACTIVE", created: false, reenabled: false });
    expect(await t.db.agent.count({ where: { organizationId: a, key: slug } })).toBe(1);
    expect(await t.db.agentConfigVersion.count({ where: { agentId: first.agentId } })).toBe(1);

    // Off, with an edited configuration: switched back on, configuration kept.
    const edited = { ...(defaultConfigOf(entry) as object), scalePercent: 40 };
    await t.db.agent.update({ where: { id: first.agentId }, data: { status: "INACTIVE", config: edited } });
    expect(await installAgentTemplate({ organizationId: a, slug })).toMatchObject({ agentId: first.agentId, created: false, reenabled: true });
    expect(await t.db.agent.findUniqueOrThrow({ where: { id: first.agentId } })).toMatchObject({ status: "ACTIVE", config: edited });

    // Unknown template: 404 naming the slug; the other organisation's agent untouched.
    const err = await installAgentTemplate({ organizationId: a, slug: "mkt-999-nothing" }).then(() => null, (e: { code: string; field?: string }) => e);
    expect(err).toMatchObject({ code: "not_found", field: "slug" });
    expect(await t.db.agent.count({ where: { organizationId: b } })).toBe(28);
    expect(await t.db.agentLog.count({ where: { organizationId: b } })).toBe(0);
  });
});
