import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Ownlist",
  description: "Your tasks, yours alone.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts need this response's CSP nonce, which a page
  // prerendered at build time could not carry (docs/decisions/019).
  await connection();
  return (
    <html lang="en" className="scheme-light-dark">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
