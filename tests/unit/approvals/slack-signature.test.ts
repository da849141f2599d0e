import { describe, expect, it } from "vitest";
import { slackSignature, verifySlackSignature } from "@/lib/approvals/slack-signature";

// Slack's worked example from "Verifying requests from Slack".
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const timestamp = "1531420618";
const body =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const at = (offsetSeconds: number) => new Date((Number(timestamp) + offsetSeconds) * 1000);

describe("Slack v0 request signatures", () => {
  it("computes Slack's documented signature", () => {
    expect(slackSignature({ secret, timestamp, body })).toBe(signature);
  });

  it("verifies the worked example with the clock pinned to its timestamp", () => {
    expect(verifySlackSignature({ secret, timestamp, signature, body, now: at(0) })).toEqual({ ok: true });
    expect(verifySlackSignature({ secret, timestamp, signature, body, now: at(299) })).toEqual({ ok: true });
  });

  it("rejects a timestamp older than 5 minutes (and one too far ahead)", () => {
    expect(verifySlackSignature({ secret, timestamp, signature, body, now: at(301) })).toEqual({ ok: false, reason: "stale" });
    expect(verifySlackSignature({ secret, timestamp, signature, body, now: at(-301) })).toEqual({ ok: false, reason: "stale" });
  });

  it("rejects a flipped byte, a wrong secret and missing headers", () => {
    expect(verifySlackSignature({ secret, timestamp, signature, body: body.replace("foobar", "foobaz"), now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    expect(verifySlackSignature({ secret: "another-secret", timestamp, signature, body, now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    expect(verifySlackSignature({ secret, timestamp, signature: signature.slice(0, -1), body, now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    expect(verifySlackSignature({ secret, timestamp: null, signature, body, now: at(0) })).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackSignature({ secret, timestamp, signature: null, body, now: at(0) })).toEqual({ ok: false, reason: "missing" });
    expect(verifySlackSignature({ secret: "", timestamp, signature, body, now: at(0) })).toEqual({ ok: false, reason: "missing" });
  });
});
