import { createGoogleFake } from "./google";
import { createLinkedinFake } from "./linkedin";
import { createMetaFake } from "./meta";
import { createTiktokFake } from "./tiktok";
import { createTiktokBusinessFake } from "./tiktok-business";
import { createXFake } from "./x";

/** Every platform / OAuth fake, not started (`npm run fakes` and the e2e server start them on their ports). */
export function createPlatformFakes() {
  return {
    linkedin: createLinkedinFake(),
    meta: createMetaFake(),
    tiktok: createTiktokFake(),
    x: createXFake(),
    google: createGoogleFake(),
    tiktok_business: createTiktokBusinessFake(),
  };
}
