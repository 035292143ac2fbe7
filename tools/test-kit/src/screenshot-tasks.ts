import type { TaskCreate } from "@ownlist/contract";

function day(today: Date, offset: number): string {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The list shown in the screenshots: what a real week looks like, dated relative to today. Newest
 * first, as the list shows them by default.
 */
export function screenshotTasks(today: Date): TaskCreate[] {
  return [
    {
      title: "Prepare slides for Monday's review",
      description: "Q3 numbers, two customer quotes, and the roadmap slide",
      priority: "high",
      due_date: day(today, 2),
      tags: ["work"],
    },
    {
      title: "Renew passport",
      priority: "high",
      due_date: day(today, -3),
      tags: ["admin", "travel"],
    },
    { title: "Call the plumber about the kitchen leak", due_date: day(today, 0), tags: ["home"] },
    { title: "Buy oat milk, bread and coffee", tags: ["groceries"], completed: true },
    { title: "Book a table for Friday", due_date: day(today, 5), tags: ["family"] },
    { title: "Reply to Jonas about the offsite", completed: true, tags: ["work"] },
    { title: "Read chapter 4 of Dune", priority: "low", tags: ["book-club"] },
    { title: "Water the plants", priority: "low", completed: true },
  ];
}
