import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { currentUser, resolveOrgForUser, type OrgContext } from "./guard";

/**
 * The signed-in user and their membership, read once per page render: the [org] layout and the page
 * both guard, and React's cache() (one render = one request) makes the second guard free instead of a
 * second session decode and two more queries (bench:dashboard, issue 18). Outside a render (route
 * handlers, tests) cache() calls through.
 */
export const currentUserOfRequest = cache(currentUser);
const membershipOfRequest = cache((slug: string, userId: string, email: string) => resolveOrgForUser({ slug, userId, email }));

/** For server components: signed out -> sign-in page; not a member -> the 404 page. */
export async function requireOrgPage(slug: string): Promise<OrgContext> {
  const user = await currentUserOfRequest();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  try {
    return await membershipOfRequest(slug, user.id, user.email);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
}

export async function requireUserPage(callbackUrl = "/"): Promise<{ id: string; email: string; name: string | null }> {
  const user = await currentUserOfRequest();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
