import type { InjectOptions } from "fastify";

export interface RouteCase {
  name: string;
  request: InjectOptions & { url: string };
}

/**
 * Every route under /api, plus requests that would fail routing, content-type, size, parsing or
 * validation if authentication did not come first — each for the given user and task.
 */
export function everyApiRequest(userId: string, taskId: string): RouteCase[] {
  const tasks = `/api/${userId}/tasks`;
  const task = `${tasks}/${taskId}`;
  const json = { "content-type": "application/json" };
  return [
    { name: "GET tasks", request: { method: "GET", url: tasks } },
    { name: "POST tasks", request: { method: "POST", url: tasks, payload: { title: "New" } } },
    { name: "GET task", request: { method: "GET", url: task } },
    { name: "PUT task", request: { method: "PUT", url: task, payload: { title: "Replaced" } } },
    { name: "PATCH task", request: { method: "PATCH", url: task, payload: { title: "Patched" } } },
    { name: "DELETE task", request: { method: "DELETE", url: task } },
    { name: "PATCH complete", request: { method: "PATCH", url: `${task}/complete` } },
    { name: "GET export", request: { method: "GET", url: `/api/${userId}/export` } },
    {
      name: "GET export as CSV",
      request: { method: "GET", url: `/api/${userId}/export?format=csv` },
    },
    {
      name: "POST import",
      request: {
        method: "POST",
        url: `/api/${userId}/import`,
        payload: "title\nImported\n",
        headers: { "content-type": "text/csv" },
      },
    },
    {
      name: "POST import, dry run",
      request: {
        method: "POST",
        url: `/api/${userId}/import?dry_run=true`,
        payload: "title\nImported\n",
        headers: { "content-type": "text/csv" },
      },
    },
    { name: "unknown path (404)", request: { method: "GET", url: `/api/${userId}/nothing` } },
    { name: "unknown /api root (404)", request: { method: "GET", url: "/api" } },
    { name: "wrong method (405)", request: { method: "DELETE", url: tasks } },
    { name: "a method no route has (405)", request: { method: "PROPFIND", url: tasks } },
    { name: "HEAD", request: { method: "HEAD", url: task } },
    { name: "undecodable URL (400)", request: { method: "GET", url: `/api/${userId}/tasks/%zz` } },
    {
      name: "overlong path segment (400)",
      request: { method: "GET", url: `${tasks}/${"x".repeat(150)}` },
    },
    { name: "trailing slash (404)", request: { method: "GET", url: `${tasks}/` } },
    { name: "plain OPTIONS (405)", request: { method: "OPTIONS", url: tasks } },
    {
      name: "non-JSON body (415)",
      request: {
        method: "POST",
        url: tasks,
        payload: "title=x",
        headers: { "content-type": "text/plain" },
      },
    },
    {
      name: "body over 64 KiB (413)",
      request: {
        method: "POST",
        url: tasks,
        payload: JSON.stringify({ title: "x".repeat(70_000) }),
        headers: json,
      },
    },
    {
      name: "malformed JSON (400)",
      request: { method: "POST", url: tasks, payload: "{not json", headers: json },
    },
    {
      name: "invalid field (422)",
      request: { method: "PATCH", url: task, payload: { completed: "yes" } },
    },
    {
      name: "invalid query (422)",
      request: { method: "GET", url: `${tasks}?limit=0&sort=nonsense` },
    },
  ];
}
