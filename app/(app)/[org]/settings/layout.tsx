import type { ReactNode } from "react";
import { SectionHeader } from "@/components/sections/section-intro";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <div data-testid="page-settings">
      <SectionHeader section="settings" />
      <SettingsTabs org={org} />
      {children}
    </div>
  );
}
