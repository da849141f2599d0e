/**
 * One "app process" of the live stream test (tests/integration/live/stream.test.ts): its own database
 * clients and live listener, the real route handler of GET /api/orgs/{org}/stream behind node:http, and
 * POST /publish, which writes a live event through this process (publishLiveEvent in a transaction).
 * Run with tsx; prints "ready <port>" when listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createDb, db, setDb } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { GET } from "@/app/api/orgs/[org]/stream/route";

setDb(createDb(process.env.LIVE_TEST_DATABASE_URL!, 3));

const server = createServer((req, res) => {
  void (async () => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (req.method === "POST" && url.pathname === "/publish") {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const input = JSON.parse(Buffer.concat(chunks).toString()) as { organizationId: string; type: "lead.received"; payload: Record<string, unknown> };
        const id = await db().$transaction((tx) => publishLiveEvent(tx, input));
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id, pid: process.pid }));
      }
      const m = /^\/api\/orgs\/([^/]+)\/stream$/.exec(url.pathname);
      if (!m) return res.writeHead(404).end();
      const ac = new AbortController();
      res.on("close", () => ac.abort());
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await GET(new Request(new URL(req.url!, `http://${req.headers.host}`), { headers, signal: ac.signal }), { params: Promise.resolve({ org: decodeURIComponent(m[1]!) }) });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      res.flushHeaders();
      if (!response.body) return res.end();
      Readable.fromWeb(response.body as never).on("error", () => res.end()).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  })();
});
server.listen(Number(process.env.LIVE_TEST_PORT ?? 0), "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
