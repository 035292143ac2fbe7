import { afterEach, describe, expect, it, vi } from "vitest";
import {
  notifyingWrites,
  onTabMessage,
  postTabMessage,
  type TabMessage,
} from "../../lib/api-client/tab-channel.ts";

/**
 * The messages between tabs (docs/contract.md#tabs-states-and-text-on-the-task-page). Node has
 * BroadcastChannel too: a second channel of the same name plays the other tab.
 */
function otherTab(): { messages: TabMessage[]; close: () => void } {
  const channel = new BroadcastChannel("ownlist");
  const messages: TabMessage[] = [];
  channel.onmessage = (event: MessageEvent<TabMessage>) => messages.push(event.data);
  return { messages, close: () => channel.close() };
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe("messages between tabs", () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it("tells other tabs about a write that succeeded, never about a read or a refusal", async () => {
    const tab = otherTab();
    closers.push(tab.close);
    const answers = [
      new Response("{}", { status: 201 }),
      new Response("[]"),
      new Response("", { status: 422 }),
    ];
    const fetcher = notifyingWrites(() => Promise.resolve(answers.shift() as Response), "user-1");

    await fetcher("/api/user-1/tasks", { method: "POST" });
    await fetcher("/api/user-1/tasks");
    await fetcher("/api/user-1/tasks/x", { method: "PATCH" });

    // One sender's messages arrive in order: once this one is in, every earlier one is too.
    postTabMessage({ type: "signed-out" });
    await until(() => tab.messages.length > 0 && tab.messages.at(-1)?.type === "signed-out");
    expect(tab.messages).toEqual([
      { type: "tasks-changed", userId: "user-1" },
      { type: "signed-out" },
    ]);
  });

  it("hands listeners only well-formed messages", async () => {
    const heard: TabMessage[] = [];
    closers.push(onTabMessage((message) => heard.push(message)));
    const sender = new BroadcastChannel("ownlist");
    closers.push(() => sender.close());

    sender.postMessage({ type: "tasks-changed" }); // no user: ignored
    sender.postMessage("signed-out"); // not an object: ignored
    sender.postMessage({ type: "signed-out" });

    // Messages of one sender arrive in order: the last one in means the others were seen.
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ type: "signed-out" }]);
  });
});
