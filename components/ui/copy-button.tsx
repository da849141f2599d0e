"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";

/** Copies a value (a webhook URL, a secret, a link) and says so. */
export function CopyButton({ value, testId }: { value: string; testId?: string }) {
  const tc = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      className="shrink-0"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard?.writeText(value);
        setCopied(true);
      }}
    >
      {copied ? tc("copied") : tc("copy")}
    </Button>
  );
}
