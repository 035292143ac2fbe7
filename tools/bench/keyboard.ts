/// <reference lib="dom" />
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchChromium } from "@ownlist/test-kit/browser";
import { createTasks, signUp } from "@ownlist/test-kit/seed";
import { startThrowAwayStack } from "@ownlist/test-kit/throw-away-stack";

/**
 * `npm run bench:keyboard` (issue 17): what one `j` costs on the task page with many tasks
 * loaded, run by hand, never as a timed test. The real app (production build, throw-away
 * database), one person with BENCH_KEYBOARD_TASKS tasks (default 1,000) seeded through the api,
 * every page of them loaded in Debian's Chromium, then `j` pressed BENCH_KEYBOARD_STEPS times
 * (default 200), one press after the other.
 *
 * Each step is measured in the page, without the wait for the display's next frame:
 * - script: from the keydown reaching the window (capture) to the end of that task, React's
 *   render and commit and the focus move included (a message posted from the keydown runs
 *   right after);
 * - rendering: the frame that follows — from its requestAnimationFrame callback to the next
 *   task after it (style, layout, paint);
 * - step: the two added, the main thread's work for one press.
 *
 * BENCH_KEYBOARD_PROFILE=1 also records a CPU profile of the presses and prints the functions
 * with the most time of their own. Prints Markdown (docs/benchmarks/keyboard.md records runs).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const log = (line: string) => console.error(`[bench:keyboard] ${line}`);
const taskCount = Number(process.env.BENCH_KEYBOARD_TASKS ?? 1_000);
const steps = Number(process.env.BENCH_KEYBOARD_STEPS ?? 200);
const profile = process.env.BENCH_KEYBOARD_PROFILE === "1";

interface Step {
  script: number;
  rendering: number;
  /** aria-posinset of the focused row (rows are windowed: decision 043). */
  position: number | null;
}

declare global {
  interface Window {
    __benchSteps?: Step[];
  }
}

/**
 * Runs in the page: times every keydown as described above. A string, not a function: tsx
 * would wrap the named functions inside in a `__name` helper the page does not have.
 */
const PROBE = `(() => {
  window.__benchSteps = [];
  const afterTask = (then) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(null);
  };
  window.addEventListener("keydown", () => {
    const start = performance.now();
    afterTask((scriptEnd) => {
      requestAnimationFrame(() => {
        const frameStart = performance.now();
        afterTask((frameEnd) => {
          const active = document.activeElement?.closest("[data-task-id]");
          window.__benchSteps.push({
            script: scriptEnd - start,
            rendering: frameEnd - frameStart,
            position: Number(active?.getAttribute("aria-posinset") ?? Number.NaN),
          });
          window.dispatchEvent(new Event("bench-step"));
        });
      });
    });
  }, { capture: true });
})()`;

/** Resolves once the probe has recorded step STEP. */
const WAIT_FOR_STEP = `new Promise((done) => {
  const check = () => {
    if (window.__benchSteps.length < STEP) return;
    window.removeEventListener("bench-step", check);
    done(true);
  };
  window.addEventListener("bench-step", check);
  check();
})`;

/** The "Load more (N more)" label, or null once everything is loaded (rows are windowed). */
const loadMoreLabel = async (page: Page) => {
  const more = page.getByRole("button", { name: /^Load more/ });
  return (await more.count()) === 0 ? null : more.textContent();
};

/** Loads every page of the list with its "Load more" button (focused and pressed, no scroll). */
async function loadEveryPage(page: Page): Promise<void> {
  for (;;) {
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="task-list"]')?.getAttribute("aria-busy") !== "true",
    );
    const more = page.getByRole("button", { name: /^Load more/ });
    if ((await more.count()) === 0) return;
    const before = await loadMoreLabel(page);
    await more.evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (label) =>
        !Array.from(document.querySelectorAll("button"), (b) => b.textContent).some(
          (text) => text === label || text === "Loading…",
        ),
      before,
    );
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const stack = await startThrowAwayStack({
    root,
    label: "bench-keyboard",
    env: { AUTH_RATE_LIMIT_MAX: "10000" },
    output: log,
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
    const password = `pw-${randomBytes(12).toString("base64url")}`;
    const { id: userId } = await signUp(context, stack.webUrl, { name: "Bench", email, password });
    log(`seeding ${taskCount} tasks through the api`);
    const tags = ["home", "work", "errands", "reading", "health"];
    await createTasks(
      context,
      stack,
      userId,
      Array.from({ length: taskCount }, (_, i) => ({
        title: `Task ${i + 1}: ${"something to do ".repeat(1 + (i % 4))}`.trim(),
        description: i % 3 === 0 ? `Notes for task ${i + 1}` : undefined,
        priority: (["low", "medium", "high"] as const)[i % 3],
        due_date: i % 2 === 0 ? `2026-12-${String(1 + (i % 28)).padStart(2, "0")}` : undefined,
        tags: [tags[i % tags.length]!, tags[(i + 2) % tags.length]!],
      })),
    );

    const page = await context.newPage();
    await page.goto(`${stack.webUrl}/tasks`);
    await page.locator('[data-testid="task-list"] li[data-task-id]').first().waitFor();
    await loadEveryPage(page);
    const loaded = await page
      .locator('[data-testid="task-list"] li[data-task-id]')
      .first()
      .getAttribute("aria-setsize");
    if (Number(loaded) !== taskCount || (await loadMoreLabel(page)) !== null) {
      throw new Error(`${loaded} tasks loaded, not ${taskCount}`);
    }
    log(`${taskCount} tasks loaded; pressing j ${steps} times`);

    // The first press lands on the first row (from outside the list); then the measured ones.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-posinset") === "1");
    await page.evaluate(PROBE);
    const cdp = await context.newCDPSession(page);
    if (profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    // The renderer's main-thread CPU time over the presses: unlike the wall times above it does
    // not grow when other work on the machine takes the cores away.
    await cdp.send("Performance.enable");
    const threadTime = async () =>
      (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")
        ?.value ?? Number.NaN;
    const cpuBefore = await threadTime();
    for (let step = 1; step <= steps; step++) {
      await page.keyboard.press("j");
      // Waits for the probe's event, not by polling (polling would spend CPU while it waits).
      await page.evaluate(WAIT_FOR_STEP.replace("STEP", String(step)));
    }
    const cpuPerPress = (((await threadTime()) - cpuBefore) * 1000) / steps;
    const measured = await page.evaluate(() => window.__benchSteps!);
    measured.forEach((step, index) => {
      const expected = Math.min(index + 2, taskCount);
      if (step.position !== expected) throw new Error(`step ${index + 1}: focus on the wrong row`);
    });

    const lines = [
      `${taskCount} tasks loaded, ${steps} presses of j; Chromium ${browser.version()}, 1280×800`,
      "",
      "| per press | median | p95 | max |",
      "|---|--:|--:|--:|",
    ];
    const columns = {
      "script (keydown → React commit, focus moved)": measured.map((s) => s.script),
      "rendering (the frame after: style, layout, paint)": measured.map((s) => s.rendering),
      "step (both)": measured.map((s) => s.script + s.rendering),
    };
    for (const [name, values] of Object.entries(columns)) {
      lines.push(
        `| ${name} | ${ms(quantile(values, 0.5))} | ${ms(quantile(values, 0.95))} | ${ms(Math.max(...values))} |`,
      );
    }

    lines.push(
      "",
      `renderer main thread, CPU time per press (all its work, the probe's included): ${ms(cpuPerPress)}`,
    );
    if (profile) {
      const { profile: cpu } = (await cdp.send("Profiler.stop")) as unknown as {
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
      };
      const self = new Map<string, number>();
      const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
      cpu.samples.forEach((id, index) => {
        const frame = byId.get(id)!.callFrame;
        const file = frame.url.split("/").pop() ?? "";
        const name = `${frame.functionName || "(anonymous)"} ${file}${file ? `:${frame.lineNumber + 1}` : ""}`;
        self.set(name, (self.get(name) ?? 0) + (cpu.timeDeltas[index] ?? 0) / 1000);
      });
      lines.push("", "| function (self time, all presses) | ms |", "|---|--:|");
      for (const [name, total] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
        lines.push(`| \`${name.trim()}\` | ${total.toFixed(0)} |`);
      }
    }
    lines.push(
      "",
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"}, Node ${process.version}, ` +
        `load average before ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, ` +
        `after ${loadavg()
          .map((n) => n.toFixed(2))
          .join(" ")}`,
    );
    console.log(lines.join("\n"));
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
