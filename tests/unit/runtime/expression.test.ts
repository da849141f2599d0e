import { describe, expect, it } from "vitest";
import { ExpressionError, evaluate, matches, validateExpression } from "@/lib/runtime/expression";

const event = { name: "shop/order.created", data: { orderId: "o1", total: 120, tags: ["vip", "eu"], org: { id: "org_1" } } };
const asyncEv = { name: "shop/order.paid", data: { orderId: "o1", amount: 120.5 } };

describe("CEL subset", () => {
  it.each([
    ["event.data.orderId == async.data.orderId", true],
    ["event.data.orderId != async.data.orderId", false],
    ["event.data.total > 100 && event.data.total <= 120", true],
    ["event.data.total < 100 || 'vip' in event.data.tags", true],
    ["!(event.data.total == 120)", false],
    ["event.data['orderId'] == 'o1'", true],
    ['event.data.tags[1] == "eu"', true],
    ["event.data.org.id.startsWith('org_')", true],
    ["event.data.orderId.endsWith('1') && event.data.orderId.contains('o')", true],
    ["size(event.data.tags) == 2 && event.data.tags.size() == 2", true],
    ["has(event.data.orderId) && !has(event.data.missing)", true],
    ["event.data.missing == null", true],
    ["event.data.missing.deeper == null", true],
    ["event.data.total + 1 == 121 && event.data.total * 2 - 40 == 200 && 7 / 2 == 3 && 7 % 2 == 1", true],
    ["async.data.amount > 120.25", true],
    ["event.data.total > 100 ? true : false", true],
    ["event.name == 'shop/order.created'", true],
    ["event.data.orderId.matches('^o[0-9]+$')", true],
    ["int('42') == 42 && double('1.5') == 1.5 && string(5) == '5'", true],
  ])("%s -> %s", (expr, expected) => {
    expect(matches(expr, { event, async: asyncEv })).toBe(expected);
  });

  it("treats type errors as a non-match instead of throwing", () => {
    expect(matches("event.data.orderId > 5", { event })).toBe(false);
    expect(matches("event.data.total", { event })).toBe(false); // not a bool
    // CEL's commutative && / ||: the error side is absorbed when the other side decides.
    expect(matches("event.data.orderId > 5 || true", { event })).toBe(true);
    expect(matches("event.data.orderId > 5 && false", { event })).toBe(false);
  });

  it("evaluates key expressions to values", () => {
    expect(evaluate("event.data.org.id", { event })).toBe("org_1");
    expect(evaluate("event.data.orderId + '-' + event.data.org.id", { event })).toBe("o1-org_1");
  });

  it.each([
    ["event.data.tags.all(t, t == 'vip')", /all\(\) macro at column 17/],
    ["{'a': 1}['a'] == 1", /map literals/],
    ["event.data.x == b'abc'", /b-prefixed strings/],
    ["timestamp(event.ts) > 0", /Unsupported function timestamp\(\)/],
    ["event.data.x ==", /Expected a value, found end of expression/],
    ["event.data.x = 1", /Unsupported syntax: character "="|Expected a value/],
    ["event.data.x == 'abc", /Unterminated string/],
    ["event.data.x == 1 )", /Unexpected token/],
  ])("rejects %s with a clear error", (expr, message) => {
    expect(() => matches(expr, { event })).toThrow(ExpressionError);
    expect(() => matches(expr, { event })).toThrow(message);
  });

  it("checks variables at validation time", () => {
    expect(() => validateExpression("event.data.a == async.data.a", ["event", "async"])).not.toThrow();
    expect(() => validateExpression("async.data.a == 1", ["event"])).toThrow(/Unknown variable "async"/);
  });
});
