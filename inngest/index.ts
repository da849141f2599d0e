import { sys001Ping } from "./functions/system/sys-001-ping";
import { sys002RuntimeRetention } from "./functions/system/sys-002-runtime-retention";

/** Every Inngest function of the app, served by app/api/inngest/route.ts. */
export const functions = [sys001Ping, sys002RuntimeRetention];
