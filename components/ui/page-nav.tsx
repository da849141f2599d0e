import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** "Previous · Page 2 of 5 · Next" under a paged list; links keep the list's filters (hrefOf builds them). */
export function PageNav({ page, pages, hrefOf, labels, testId }: { page: number; pages: number; hrefOf: (page: number) => string; labels: { previous: string; next: string; page: string }; testId: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="flex items-center justify-between gap-3 text-sm" data-testid={testId} aria-label={labels.page}>
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} className={buttonClass("secondary")} rel="prev" data-testid={`${testId}-previous`}>
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{labels.page}</span>
      {page < pages ? (
        <Link href={hrefOf(page + 1)} className={buttonClass("secondary")} rel="next" data-testid={`${testId}-next`}>
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
