import type { ReactNode } from "react";
import { LocaleToggle } from "@/components/auth/locale-toggle";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-br from-slate-50 via-white to-brand-50">
      <header className="flex items-center justify-between px-6 py-5">
        <span className="text-lg font-semibold">
          Marketing<span className="text-brand-600">Engine</span>
        </span>
        <LocaleToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-16">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
