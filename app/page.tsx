import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/guard";
import { listOrganizationsForUser } from "@/lib/orgs/create-organization";

/** Signed in: your first organisation (or create one). Signed out: sign in. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const orgs = await listOrganizationsForUser({ userId: user.id });
  redirect(orgs[0] ? `/${orgs[0].slug}/war-room` : "/onboarding");
}
