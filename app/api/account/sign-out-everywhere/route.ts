import { handle } from "@/lib/api/handle";
import { requireUser } from "@/lib/auth/guard";
import { signOutEverywhereEndpoint } from "@/lib/auth/contracts";
import { bumpSessionVersion } from "@/lib/auth/session-version";

export const POST = handle(signOutEverywhereEndpoint, async () => {
  const user = await requireUser();
  await bumpSessionVersion(user.id);
});
