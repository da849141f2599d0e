import { InboxLoading } from "@/components/inbox-insights/inbox-loading";

export default function InboxTopicsLoading() {
  return <InboxLoading testId="inbox-topics-loading" />;
}
