/**
 * Preloaded into the Next.js process (NODE_OPTIONS=--import, by scripts/dev.ts and tests/e2e/server.ts).
 * Next.js only sets X-Forwarded-For when the client sent none, so a route handler cannot tell the
 * socket's address from a header the client made up. Before Next.js sees a request, this records
 * the socket's address in `x-me-peer` and the X-Forwarded-For the client (or a proxy) sent in
 * `x-me-forwarded-for`, overwriting whatever the client put in either. lib/net/client-address.ts
 * reads only these two, with TRUSTED_PROXIES deciding how many forwarded hops are believed.
 */
import http from "node:http";

if (!http.Server.prototype.__mePeerAddress) {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req) {
    if (event === "request" && req && req.headers) {
      const forwarded = req.headers["x-forwarded-for"];
      req.headers["x-me-peer"] = (req.socket && req.socket.remoteAddress) || "unknown";
      if (forwarded) req.headers["x-me-forwarded-for"] = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
      else delete req.headers["x-me-forwarded-for"];
    }
    return emit.apply(this, arguments);
  };
  http.Server.prototype.__mePeerAddress = true;
}
