import { InboxLoading } from "@/components/inbox-insights/inbox-loading";

export default function InboxKpisLoading() {
  return <InboxLoading testId="inbox-kpis-loading" />;
}
