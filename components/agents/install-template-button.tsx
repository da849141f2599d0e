"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { installAgentTemplateEndpoint } from "@/lib/agents/contracts";

/** "Install" (or "Turn back on") an agent from the catalogue; the page refreshes with its new state. */
export function InstallTemplateButton({ org, slug, name, reenable, disabled }: { org: string; slug: string; name: string; reenable: boolean; disabled?: boolean }) {
  const t = useTranslations("agents.templates");
  const router = useRouter();
  const install = useMutation({
    mutationFn: () => callApi(installAgentTemplateEndpoint, { params: { org, slug }, body: {} }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button type="button" onClick={() => install.mutate()} disabled={disabled || install.isPending} aria-label={t(reenable ? "reenableLabel" : "installLabel", { name })} data-testid="template-install">
        {install.isPending ? t("installing") : t(reenable ? "reenable" : "install")}
      </Button>
      {install.error ? (
        <span className="text-xs text-red-600" role="alert">
          {install.error.message}
        </span>
      ) : null}
    </div>
  );
}
