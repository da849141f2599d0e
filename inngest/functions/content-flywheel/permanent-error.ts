import { NonRetriableError } from "inngest";
import { AppError, type AppErrorCode } from "@/lib/errors";

/**
 * Rejects with a NonRetriableError when retrying cannot help: errors that say so (`retryable: false`,
 * e.g. the AI gateway's) or AppErrors with one of `codes`; anything else is rethrown for the step to retry.
 * Use as `.catch(failPermanently([...codes]))` inside a step.
 */
export function failPermanently(codes: AppErrorCode[]): (err: unknown) => Promise<never> {
  return (err) => {
    const permanent = (err as { retryable?: unknown } | null)?.retryable === false || (err instanceof AppError && codes.includes(err.code));
    return Promise.reject(permanent ? new NonRetriableError((err as Error).message, { cause: err }) : err);
  };
}
