import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { detachProcessEnv } from "@/lib/env";

const original = process.env;

describe("detachProcessEnv (process.env as a plain object from start)", () => {
  afterEach(() => {
    process.env = original;
    delete original.ME_DETACH_PROBE;
  });

  it("keeps every variable, once, and hides its mark from enumeration", () => {
    const before = Object.entries(process.env);
    expect(detachProcessEnv()).toBe(true);
    const plain = process.env;
    expect(plain).not.toBe(original);
    expect(Object.entries(plain)).toEqual(before);
    expect(Object.getOwnPropertySymbols({ ...plain })).toEqual([]);
    expect(JSON.parse(JSON.stringify(plain))).toEqual(Object.fromEntries(before));
    expect(detachProcessEnv()).toBe(false);
    expect(process.env).toBe(plain);
  });

  it("hands variables set later to child processes, not to Node's own environ", () => {
    detachProcessEnv();
    process.env.ME_DETACH_PROBE = "after-start";
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(process.env.ME_DETACH_PROBE ?? 'unset')"], { encoding: "utf8" });
    expect(child.stdout).toBe("after-start");
    expect(original.ME_DETACH_PROBE).toBeUndefined();
  });
});
