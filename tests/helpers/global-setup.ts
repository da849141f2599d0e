import { adminUrl, dropTestDatabases, ensureTemplate, testRunId } from "./db";

/** Build this run's migrated template database once; drop this run's databases (only) at the end. */
export async function setup(): Promise<void> {
  testRunId(); // fixed here, inherited by every worker
  const admin = adminUrl();
  if (admin) await ensureTemplate(admin);
}

export async function teardown(): Promise<void> {
  const admin = adminUrl();
  if (!admin) return;
  await dropTestDatabases(admin, `me_t_${testRunId()}_`);
  await dropTestDatabases(admin, `me_tpl_${testRunId()}_`);
}
