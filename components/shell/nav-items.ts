import { Bot, Inbox, LayoutDashboard, LineChart, Megaphone, MessagesSquare, PenSquare, Settings, CheckSquare, Users } from "lucide-react";

/** The sidebar, in the order a marketer works: look, make, approve, amplify, convert, talk, plan, automate, measure. */
export const NAV_ITEMS = [
  { key: "warRoom", href: "war-room", icon: LayoutDashboard },
  { key: "content", href: "content", icon: PenSquare },
  { key: "approvals", href: "approvals", icon: CheckSquare },
  { key: "campaigns", href: "campaigns", icon: Megaphone },
  { key: "leads", href: "leads", icon: Users },
  { key: "inbox", href: "inbox", icon: Inbox },
  { key: "assistant", href: "assistant", icon: MessagesSquare },
  { key: "agents", href: "agents", icon: Bot },
  { key: "analytics", href: "analytics", icon: LineChart },
  { key: "settings", href: "settings", icon: Settings },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];
