/**
 * Benchmark (not a test): the CPU of one in-process call into an Inngest serve() handler, as the
 * embedded executor makes it under `npm start` (lib/runtime/sdk-call.ts callFunction with `local`),
 * with process.env as Node's environ-backed object (the baseline) and as the plain object
 * lib/env.ts detachProcessEnv() makes at start, measured in the same run: blocks of calls alternate
 * between the two, and the medians of the blocks are printed. No database: the call is the SDK's
 * share of a step (the executor's statements are bench:runtime's).
 *   npm run bench:sdk-call
 * Knobs: BENCH_SDK_CALLS (calls per block, 400), BENCH_SDK_BLOCKS (blocks per variant, 10).
 */
import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { callFunction, hashStepId, type CallRequest } from "@/lib/runtime/sdk-call";

const CALLS = Number(process.env.BENCH_SDK_CALLS ?? 400);
const BLOCKS = Number(process.env.BENCH_SDK_BLOCKS ?? 10);

const client = new Inngest({ id: "bench", isDev: true });
// The call after a sleep, as bench:runtime's timer phase makes it: two memoized steps replayed, one run.
const sleeper = client.createFunction({ id: "sleeper", triggers: [{ event: "bench/sleep.started" }] }, async ({ step }) => {
  await step.run("before", () => Date.now());
  await step.sleep("nap", "1s");
  return step.run("after", () => Date.now());
});
const handler = serve({ client, functions: [sleeper] }) as unknown as { POST: (request: Request, ctx: unknown) => Promise<Response> };
const before = hashStepId("before");
const nap = hashStepId("nap");
const request = (): CallRequest => ({
  url: "http://127.0.0.1:3000/api/inngest?fnId=bench-sleeper",
  stepId: null,
  runId: "01JBENCHRUN0000000000000000",
  event: { id: "01JBENCHEVENT00000000000000", name: "bench/sleep.started", data: { n: 1 }, ts: Date.now() },
  steps: { [before]: { data: 1 }, [nap]: { data: null } },
  stack: [before, nap],
  attempt: 0,
  maxAttempts: 4,
  disableImmediateExecution: false,
  timeoutMs: 10_000,
  local: (r) => handler.POST(r, undefined),
});

const nodeEnv = process.env;
const plainEnv: NodeJS.ProcessEnv = { ...process.env };
const variants = { "Node's process.env (baseline)": nodeEnv, "plain process.env (npm start)": plainEnv };

const first = await callFunction(request());
if (first.kind !== "ops" || first.ops[0]?.op !== "StepRun") throw new Error(`unexpected answer: ${JSON.stringify(first)}`);
for (let i = 0; i < 500; i++) await callFunction(request()); // warm-up: V8 compiles the path

const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let b = 0; b < BLOCKS; b++) {
  for (const [name, env] of Object.entries(variants)) {
    process.env = env;
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await callFunction(request());
    const used = process.cpuUsage(start);
    cpu[name]!.push((used.user + used.system) / CALLS);
  }
}
process.env = nodeEnv;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(cpu["Node's process.env (baseline)"]!);
console.log(`In-process SDK call (inngest serve(), the call after a sleep), ${Object.keys(nodeEnv).length} environment variables,`);
console.log(`${BLOCKS} blocks of ${CALLS} calls per variant, alternating; CPU of this process per call, median of the blocks:`);
for (const [name, xs] of Object.entries(cpu)) {
  const m = median(xs);
  console.log(`  ${name.padEnd(32)} ${(m / 1000).toFixed(3)} ms  (${((m / base) * 100).toFixed(0)}% of the baseline)`);
}
