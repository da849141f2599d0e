import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import type { InboundEmail } from "./types";

/**
 * The offline inbox: emails "received" without an email vendor (the embedded default), one JSON file
 * per email under DATA_DIR/inbox, shared by the app and `npm run worker`. What Resend's receiving API
 * stores for a real inbound email; read back by id (`outboxProvider.receivedEmail`).
 */
const dir = () => path.resolve(env().DATA_DIR, "inbox");
const ID = /^[0-9a-f-]{36}$/;

export async function depositInboundEmail(email: Omit<InboundEmail, "id" | "messageId"> & { messageId?: string | null }): Promise<InboundEmail> {
  const id = randomUUID();
  const stored: InboundEmail = { ...email, id, messageId: email.messageId ?? `<${id}@inbox.offline>` };
  await mkdir(dir(), { recursive: true });
  await writeFile(path.join(dir(), `${id}.json`), JSON.stringify(stored));
  return stored;
}

export async function readInboundEmail(id: string): Promise<InboundEmail | null> {
  if (!ID.test(id)) return null;
  try {
    return JSON.parse(await readFile(path.join(dir(), `${id}.json`), "utf8")) as InboundEmail;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
