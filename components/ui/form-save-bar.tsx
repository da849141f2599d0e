import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * The bottom of an edit form: Save, then what happened ("saved", or an error not shown beside a field).
 * `sticky` keeps it in view under long forms (brand settings).
 */
export function FormSaveBar({ label, pending, saved, error, sticky, testId, errorTestId }: { label: ReactNode; pending: boolean; saved: ReactNode; error: ReactNode; sticky?: boolean; testId: string; errorTestId?: string }) {
  return (
    <div className={cn("flex flex-wrap items-center gap-3", sticky ? "sticky bottom-0 border-t border-slate-200 bg-white/95 py-3" : "border-t border-slate-100 pt-4")}>
      <Button type="submit" disabled={pending} data-testid={testId}>
        {label}
      </Button>
      {saved ? (
        <span className="text-sm text-emerald-700" role="status">
          {saved}
        </span>
      ) : null}
      {error ? (
        <span className="text-sm text-red-600" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
