import { dropTestDatabases, ensureTemplate, adminUrl } from "./db";

/** Build the migrated template database once for the whole integration run; drop everything after. */
export async function setup(): Promise<void> {
  const admin = adminUrl();
  if (admin) await ensureTemplate(admin);
}

export async function teardown(): Promise<void> {
  const admin = adminUrl();
  if (!admin) return;
  await dropTestDatabases(admin, "me_t_");
  await dropTestDatabases(admin, "me_tpl_");
}
