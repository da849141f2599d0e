import { Cron } from "croner";

/**
 * Cron triggers as Inngest writes them: "0 9 * * *", optionally prefixed "TZ=Europe/Paris " (or
 * "CRON_TZ="). Without a zone, UTC. Five fields (minute precision) or six (with seconds).
 */
export type CronSpec = { expression: string; timezone: string };

export function parseCronTrigger(input: string): CronSpec {
  const m = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+(.+)$/.exec(input);
  const timezone = m ? m[1]! : "UTC";
  const expression = (m ? m[2]! : input).trim();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    throw new Error(`Invalid cron "${input}": unknown time zone "${timezone}"`);
  }
  try {
    new Cron(expression, { timezone, paused: true });
  } catch (err) {
    throw new Error(`Invalid cron "${input}": ${(err as Error).message}`);
  }
  return { expression, timezone };
}

/** The first fire time strictly after `after`. */
export function nextCronTime(input: string, after: Date): Date {
  const spec = parseCronTrigger(input);
  const next = new Cron(spec.expression, { timezone: spec.timezone, paused: true }).nextRun(after);
  if (!next) throw new Error(`Cron "${input}" never fires after ${after.toISOString()}`);
  return next;
}
