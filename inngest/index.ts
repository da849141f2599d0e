import { sys001Ping } from "./functions/system/sys-001-ping";
import { sys002RuntimeRetention } from "./functions/system/sys-002-runtime-retention";
import { mkt107Publish } from "./functions/content-flywheel/mkt-107-publish";
import { mkt107Sweep } from "./functions/content-flywheel/mkt-107-sweep";
import { mkt107ExpandRecurrences } from "./functions/content-flywheel/mkt-107-expand-recurrences";

/** Every Inngest function of the app, served by app/api/inngest/route.ts. */
export const functions = [
  sys001Ping,
  sys002RuntimeRetention,
  mkt107Publish,
  mkt107Sweep,
  mkt107ExpandRecurrences,
];
