import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { cacheSdkHeaders } from "@/lib/runtime/client-headers";

/** The headers as the SDK builds them, bypassing the cache (its own getter on the prototype). */
function sdkHeaders(client: Inngest): Record<string, string> {
  return Object.getOwnPropertyDescriptor(Inngest.prototype, "headers")!.get!.call(client) as Record<string, string>;
}

describe("cacheSdkHeaders", () => {
  it("finds the SDK's headers getter and setEnvVars (re-check on an inngest upgrade)", () => {
    expect(typeof Object.getOwnPropertyDescriptor(Inngest.prototype, "headers")?.get).toBe("function");
    expect(typeof Inngest.prototype.setEnvVars).toBe("function");
    const client = cacheSdkHeaders(new Inngest({ id: "headers-a", isDev: true }));
    expect(Object.getOwnPropertyDescriptor(client, "headers")?.get).toBeTypeOf("function");
  });

  it("answers what the SDK builds, and what setEnvVars changes", () => {
    const client = cacheSdkHeaders(new Inngest({ id: "headers-b", isDev: true }));
    expect(client.headers).toEqual(sdkHeaders(client));
    expect(client.env).toBe(sdkHeaders(client)["x-inngest-env"] ?? null);
    client.setEnvVars({ INNGEST_ENV: "branch-7" });
    expect(client.headers["x-inngest-env"]).toBe("branch-7");
    expect(client.env).toBe("branch-7");
    expect(client.headers).toEqual(sdkHeaders(client));
  });

  it("hands out copies: a caller changing its headers changes nothing for the next", () => {
    const client = cacheSdkHeaders(new Inngest({ id: "headers-c", isDev: true }));
    const first = client.headers;
    first["x-changed"] = "1";
    expect(client.headers["x-changed"]).toBeUndefined();
  });

  it("builds the headers once until the next setEnvVars", () => {
    let built = 0;
    class Counting extends Inngest {
      override get headers() {
        built++;
        return super.headers;
      }
    }
    const client = cacheSdkHeaders(new Counting({ id: "headers-d", isDev: true }));
    void client.headers;
    void client.env;
    void client.headers;
    expect(built).toBe(1);
    client.setEnvVars({});
    void client.headers;
    expect(built).toBe(2);
  });
});
