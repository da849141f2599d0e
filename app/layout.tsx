import type { Metadata } from "next";
import { getLocale, getMessages, getNow, getTimeZone } from "next-intl/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MarketingEngine", template: "%s · MarketingEngine" },
  description: "Your marketing, run by cooperating AI agents — with you approving what matters.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // `now` is passed down so relative times render the same on the server and in the browser.
  const [locale, messages, timeZone, now] = await Promise.all([getLocale(), getMessages(), getTimeZone(), getNow()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <Providers locale={locale} messages={messages} timeZone={timeZone} now={now}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
