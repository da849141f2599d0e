import type { NextResponse } from "next/server";

const REPLY = Symbol.for("marketing-engine.reply");

/** A JSON answer with another declared status, extra headers or cookies (`apply` runs on the response; Next.js routes only). */
export type Reply<T> = { readonly [REPLY]: true; data: T; status?: number; apply?: (res: NextResponse) => void };

export function reply<T>(data: T, init: { status?: number; apply?: (res: NextResponse) => void } = {}): Reply<T> {
  return { [REPLY]: true, data, ...init };
}

export function isReply(v: unknown): v is Reply<unknown> {
  return typeof v === "object" && v !== null && REPLY in v;
}
