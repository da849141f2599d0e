import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { currentUser, resolveOrgForUser, type OrgContext } from "./guard";

/** For server components: signed out -> sign-in page; not a member -> the 404 page. */
export async function requireOrgPage(slug: string): Promise<OrgContext> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  try {
    return await resolveOrgForUser({ slug, userId: user.id, email: user.email });
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
}

export async function requireUserPage(callbackUrl = "/"): Promise<{ id: string; email: string; name: string | null }> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
