import { AppError } from "@/lib/errors";

/** How a use case ended: "resolved", or the AppError's code and field ("conflict:enabled"), or "unexpected: …". */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (err) {
    return err instanceof AppError ? `${err.code}${err.field ? `:${err.field}` : ""}` : `unexpected: ${(err as Error).message}`;
  }
}
