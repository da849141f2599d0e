import { FakeServer } from "./server";

/** Serves deterministic media bytes (what a CDN/storage URL would return) for upload flows. */
export async function createMediaHost() {
  const server = new FakeServer("media");
  server.route("GET", /^\/media\/(\d+)\.(jpg|mp4)$/, (req, m) => {
    const size = Number(m[1]);
    return { status: 200, headers: { "content-type": m[2] === "jpg" ? "image/jpeg" : "video/mp4" }, text: "x".repeat(size) };
  });
  await server.start();
  return { server, url: (size: number, ext: "jpg" | "mp4") => `${server.url}/media/${size}.${ext}`, stop: () => server.stop() };
}
