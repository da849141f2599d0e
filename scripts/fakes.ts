/**
 * Start every platform fake standalone so a developer can point the app at them:
 *   npm run fakes            (ports 4010-4015 on 127.0.0.1; `-- --port=5010` to move them)
 * then copy the printed settings into .env and restart `npm run dev`. The fakes auto-consent on
 * their authorize pages, so "Connect …" completes end to end without any real account.
 */
import { LINKEDIN_CLIENT } from "@/tests/fakes/linkedin";
import { META_CLIENT } from "@/tests/fakes/meta";
import { createPlatformFakes } from "@/tests/fakes/platforms";
import { TIKTOK_CLIENT } from "@/tests/fakes/tiktok";
import { X_CLIENT } from "@/tests/fakes/x";
import { GOOGLE_CLIENT } from "@/tests/fakes/google";
import { TIKTOK_BUSINESS } from "@/tests/fakes/tiktok-business";

const base = Number(process.argv.find((a) => a.startsWith("--port="))?.slice(7) ?? 4010); // npm run fakes -- --port=5010
const fakes = createPlatformFakes();
const urls: Record<string, string> = {};
let i = 0;
for (const [name, f] of Object.entries(fakes)) urls[name] = await f.server.start(base + i++);

console.log("Platform fakes are running. Settings for .env:\n");
console.log(`PLATFORM_BASE_URLS='${JSON.stringify(urls)}'`);
console.log(`LINKEDIN_CLIENT_ID=${LINKEDIN_CLIENT.clientId}\nLINKEDIN_CLIENT_SECRET=${LINKEDIN_CLIENT.clientSecret}`);
console.log(`META_APP_ID=${META_CLIENT.clientId}\nMETA_APP_SECRET=${META_CLIENT.clientSecret}`);
console.log(`TIKTOK_CLIENT_KEY=${TIKTOK_CLIENT.clientId}\nTIKTOK_CLIENT_SECRET=${TIKTOK_CLIENT.clientSecret}`);
console.log(`X_CLIENT_ID=${X_CLIENT.clientId}\nX_CLIENT_SECRET=${X_CLIENT.clientSecret}`);
console.log(
  `GOOGLE_ADS_CLIENT_ID=${GOOGLE_CLIENT.clientId}\nGOOGLE_ADS_CLIENT_SECRET=${GOOGLE_CLIENT.clientSecret}\nGOOGLE_ADS_DEVELOPER_TOKEN=${GOOGLE_CLIENT.developerToken}`,
);
console.log(`TIKTOK_ADS_APP_ID=${TIKTOK_BUSINESS.appId}\nTIKTOK_ADS_SECRET=${TIKTOK_BUSINESS.secret}`);
const stop = async () => {
  await Promise.all(Object.values(fakes).map((f) => f.server.stop()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
