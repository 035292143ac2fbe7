export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-3xl font-semibold">Ownlist</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Your tasks, yours alone.</p>
    </main>
  );
}
