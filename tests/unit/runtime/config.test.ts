import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { appOrigin, eventApiBaseUrl, runsExecutorInWebProcess, serveUrl, workflowEngine } from "@/lib/workflows/engine";
import { concurrencyKeys, limitOfKey, toFunctionDef, triggerMatchesName } from "@/lib/runtime/functions";

const e = (vars: Record<string, string>) => loadEnv({ NODE_ENV: "test", ...vars } as NodeJS.ProcessEnv);

describe("workflow engine selection", () => {
  it("is embedded with no Inngest settings, and runs in the web process unless EMBEDDED_EXECUTOR=off", () => {
    expect(workflowEngine(e({}))).toBe("embedded");
    expect(runsExecutorInWebProcess(e({}))).toBe(true);
    expect(runsExecutorInWebProcess(e({ EMBEDDED_EXECUTOR: "off" }))).toBe(false);
    expect(workflowEngine(e({ EMBEDDED_EXECUTOR: "off" }))).toBe("embedded");
  });

  it.each<Record<string, string>>([
    { INNGEST_DEV: "1" },
    { INNGEST_DEV: "http://127.0.0.1:8288" },
    { INNGEST_SIGNING_KEY: "signkey-prod-abc" },
    { INNGEST_BASE_URL: "https://inngest.internal" },
  ])("hands over to an Inngest server with %o", (vars) => {
    expect(workflowEngine(e(vars))).toBe("inngest");
    expect(runsExecutorInWebProcess(e(vars))).toBe(false);
    expect(workflowEngine(e({ ...vars, EMBEDDED_EXECUTOR: "on" }))).toBe("embedded");
  });

  it("derives the serve and event URLs from APP_URL or the port", () => {
    expect(serveUrl(e({ PORT: "4000" }))).toBe("http://127.0.0.1:4000/api/inngest");
    expect(appOrigin(e({ APP_URL: "https://app.example.com/" }))).toBe("https://app.example.com");
    expect(eventApiBaseUrl(e({ APP_URL: "https://app.example.com" }))).toBe("https://app.example.com/api/runtime/");
  });
});

describe("function definitions from sync", () => {
  const base = { id: "app-fn", steps: { step: { runtime: { url: "http://x/api/inngest?fnId=app-fn&stepId=step" } } } };

  it("normalises retries, concurrency, cancel and flow control", () => {
    const fn = toFunctionDef({
      ...base,
      triggers: [{ event: "lead/*" }, { cron: "TZ=Europe/Paris 0 9 * * *" }],
      concurrency: [
        { limit: 2, key: "event.data.organizationId" },
        { limit: 10, key: "event.data.brandId", scope: "env" },
      ],
      cancel: [{ event: "lead/replied", if: "event.data.id == async.data.id", timeout: "7d" }],
      throttle: { limit: 5, period: "1m", key: "event.data.organizationId" },
      debounce: { period: "10s", timeout: "1m" },
    });
    expect(fn.maxAttempts).toBe(4); // Inngest default: 3 retries
    expect(fn.cancel[0]!.timeoutMs).toBe(7 * 86_400_000);
    expect(fn.throttle).toEqual({ limit: 5, periodMs: 60_000, key: "event.data.organizationId" });
    expect(fn.debounce).toEqual({ periodMs: 10_000, key: undefined, timeoutMs: 60_000 });
    expect(triggerMatchesName(fn.triggers[0]!, "lead/replied")).toBe(true);
    expect(triggerMatchesName(fn.triggers[0]!, "leads/replied")).toBe(false);
    const keys = concurrencyKeys(fn, { data: { organizationId: "org_1", brandId: "b1" } });
    expect(keys).toEqual(["2#fn:app-fn:org_1", "10#env:event.data.brandId:b1"]);
    expect(keys.map(limitOfKey)).toEqual([2, 10]);
    expect(toFunctionDef({ ...base, triggers: [], steps: { step: { ...base.steps.step, retries: { attempts: 0 } } } }).maxAttempts).toBe(1);
  });

  it("rejects unsupported expressions with the offending syntax named", () => {
    expect(() => toFunctionDef({ ...base, triggers: [{ event: "a/b", expression: "event.data.x.map(y, y)" }] })).toThrow(/map\(\) macro/);
    expect(() => toFunctionDef({ ...base, triggers: [], concurrency: { limit: 1, key: "async.data.x" } })).toThrow(/Unknown variable "async"/);
  });
});
