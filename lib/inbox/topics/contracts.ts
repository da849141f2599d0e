import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { Platform } from "@/lib/db/generated/enums";
import { topicsQuerySchema } from "./schemas";

/** Topics of the inbox (issue 15, seed 003 feature 3.1): the daily 03:00 clustering's latest run. */

export const topicDto = z
  .object({
    id: z.string(),
    label: z.string(),
    keywords: z.array(z.string()),
    size: z.number().int(),
    publication: z.object({ id: z.string(), title: z.string().nullable() }).nullable().meta({ description: "Set for a post's own topics (posts with >= 20 comments)" }),
    samples: z
      .array(z.object({ kind: z.enum(["message", "comment"]), id: z.string(), text: z.string(), platform: z.enum(Platform), conversationId: z.string().nullable() }))
      .meta({ description: "The members closest to the topic's centre (at most 3)" }),
  })
  .meta({ id: "InboxTopic" });
export type TopicDto = z.infer<typeof topicDto>;

export const getInboxTopicsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/topics",
  tag: "Inbox",
  access: "org",
  summary: "Topics of the last 24 hours or 7 days (the latest daily clustering), global and per post",
  query: topicsQuerySchema,
  response: z.object({ period: z.enum(["24h", "7d"]), windowStart: isoDateTime().nullable(), windowEnd: isoDateTime().nullable(), topics: z.array(topicDto), postTopics: z.array(topicDto) }),
});
