"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-reads the server page every `everyMs` while `active` (a campaign being launched, or live without
 * its first figures yet), for at most `forMs`: the page then shows the new state without a reload.
 */
export function RefreshWhile({ active, everyMs = 3_000, forMs = 5 * 60_000 }: { active: boolean; everyMs?: number; forMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, forMs, router]);
  return null;
}
