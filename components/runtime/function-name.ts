"use client";

import { useTranslations } from "next-intl";

/**
 * A workflow's name in the reader's language (runtime.functions.<id>); the registered name for
 * unknown ids. Registered ids carry the app id ("marketing-engine-sys-001-ping").
 */
export function useFunctionName(): (id: string, registered: string) => string {
  const t = useTranslations("runtime.functions");
  return (id, registered) => {
    const key = /(?:^|-)((?:mkt|sys)-\d{3}-[a-z0-9-]+)$/.exec(id)?.[1] ?? id;
    return t.has(key) ? t(key) : registered;
  };
}
