import Link from "next/link";

/**
 * Every unknown address: Next's own 404 page styles itself inline, which the Content-Security-Policy
 * refuses (docs/decisions/019), so it showed unstyled. This one uses the app's stylesheet like
 * every page, inside the root layout, and is answered 404.
 */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-16">
      <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        The address may be mistyped, or the page may have moved.
      </p>
      <Link
        href="/"
        className="mt-6 self-start rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Go to Ownlist
      </Link>
    </main>
  );
}
