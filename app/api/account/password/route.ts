import { handle, reply } from "@/lib/api/handle";
import { changePasswordEndpoint } from "@/lib/auth/contracts";
import { requireUser } from "@/lib/auth/guard";
import { changePassword } from "@/lib/auth/change-password";
import { reissueSessionCookie } from "@/lib/auth/reissue-session";
import { enforceRateLimit } from "@/lib/rate-limit";

export const POST = handle(changePasswordEndpoint, async ({ req, body }) => {
  const user = await requireUser();
  const input = await body();
  // Counted per person once the input is well formed: 5 tries of the current password per 15 minutes.
  await enforceRateLimit({ bucket: "password-change", subject: user.id, limit: 5, windowSeconds: 900 });
  await changePassword({ userId: user.id, currentPassword: input.currentPassword, newPassword: input.newPassword });
  // Every other session ends with the new session version; this one is re-issued with it.
  const cookie = await reissueSessionCookie(req, user.id);
  return reply({ changed: true as const }, { apply: (res) => cookie && res.cookies.set(cookie.name, cookie.value, cookie.options) });
});
