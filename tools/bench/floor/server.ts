import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { PROBLEM_CONTENT_TYPE } from "@ownlist/contract/problem-types";
import postgres from "postgres";
import { createRawHmacVerifier } from "../lib/raw-hmac.ts";
import { boundedInFlight } from "./bounded.ts";
import { createFloorQueries, type FloorQueries } from "./tasks-sql.ts";

/**
 * The two reference servers of `npm run bench`, bare `node:http` with nothing in between:
 *   FLOOR_MODE=http  answers every listing with its bytes precomputed at start (no auth, no db);
 *   FLOOR_MODE=db    does the api's work by hand: raw HMAC check, the SQL, JSON.stringify.
 * Both speak only the routes the benchmark drives. Not a server to copy: it validates little.
 */
const mode = process.env.FLOOR_MODE;
const port = Number(process.env.FLOOR_PORT);
const sql = postgres(process.env.DATABASE_URL ?? "", {
  max: Number(process.env.FLOOR_POOL ?? 10),
  onnotice: () => undefined,
});
const queries = createFloorQueries(sql);
const verify = createRawHmacVerifier(process.env.BETTER_AUTH_SECRET ?? "");
const ROUTE = /^\/api\/([^/]+)\/tasks(?:\/([0-9a-f-]{36})(\/complete)?)?$/;

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const handler: Handler = mode === "http" ? await createPrecomputedHandler(queries) : handleByHand;

// FLOOR_MAX_IN_FLIGHT (default unbounded): at most that many requests worked on at once.
const maxInFlight = Number(process.env.FLOOR_MAX_IN_FLIGHT ?? 0);
const admit =
  maxInFlight > 0 ? boundedInFlight(maxInFlight) : <T>(task: () => Promise<T>) => task();

const server = createServer((request, response) => {
  admit(() => handler(request, response)).catch(() => send(response, 500, '{"title":"Internal"}'));
});
server.keepAliveTimeout = 65_000;
// FLOOR_BACKLOG unset = Node's default (511), as a plain `listen()` and Fastify would have it.
const backlog = process.env.FLOOR_BACKLOG ? Number(process.env.FLOOR_BACKLOG) : undefined;
server.listen({ port, host: "127.0.0.1", backlog });

process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
});

async function handleByHand(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? "/";
  if (url === "/health") return send(response, 200, '{"status":"ok"}');
  const match = ROUTE.exec(url.split("?", 1)[0]!);
  if (!match) return send(response, 404, '{"title":"Not Found"}');
  const header = request.headers.authorization ?? "";
  const claims = header.slice(0, 7).toLowerCase() === "bearer " ? verify(header.slice(7)) : null;
  if (!claims) return send(response, 401, '{"title":"Unauthorized"}');
  const [, userId, taskId, complete] = match;
  if (claims.sub !== userId) return send(response, 403, '{"title":"Forbidden"}');

  if (request.method === "GET" && !taskId) {
    const page = await queries.listTasks(userId);
    return send(response, 200, JSON.stringify(page.tasks), page.total);
  }
  if (request.method === "POST" && !taskId) {
    const body = JSON.parse(await readBody(request)) as {
      title: string;
      priority?: string;
      tags?: string[];
    };
    const task = await queries.createTask(
      userId,
      body.title.trim(),
      body.priority ?? "medium",
      body.tags ?? [],
    );
    response.setHeader("location", `/api/${userId}/tasks/${task.id}`);
    return send(response, 201, JSON.stringify(task));
  }
  if (request.method === "PATCH" && taskId && complete) {
    const body = JSON.parse((await readBody(request)) || "{}") as { completed?: boolean };
    const task = await queries.setCompleted(userId, taskId, body.completed ?? true);
    return task
      ? send(response, 200, JSON.stringify(task))
      : send(response, 404, '{"title":"Not Found"}');
  }
  if (request.method === "DELETE" && taskId && !complete) {
    const deleted = await queries.deleteTask(userId, taskId);
    return deleted ? send(response, 204, "") : send(response, 404, '{"title":"Not Found"}');
  }
  return send(response, 405, '{"title":"Method Not Allowed"}');
}

/** Every user's listing, serialised once; writes answer with one fixed task. */
async function createPrecomputedHandler(floorQueries: FloorQueries): Promise<Handler> {
  const users = await sql<{ id: string }[]>`select id from "user"`;
  const listings = new Map<string, { body: Buffer; total: number }>();
  let sample = "{}";
  for (const { id } of users) {
    const page = await floorQueries.listTasks(id);
    listings.set(`/api/${id}/tasks`, { body: Buffer.from(JSON.stringify(page.tasks)), ...page });
    if (page.tasks[0]) sample = JSON.stringify(page.tasks[0]);
  }
  await sql.end();
  const sampleTask = Buffer.from(sample);
  return async (request, response) => {
    const url = request.url ?? "/";
    if (url === "/health") return send(response, 200, '{"status":"ok"}');
    if (request.method === "GET") {
      const listing = listings.get(url);
      return listing
        ? send(response, 200, listing.body, listing.total)
        : send(response, 404, '{"title":"Not Found"}');
    }
    request.resume();
    if (request.method === "POST") return send(response, 201, sampleTask);
    if (request.method === "PATCH") return send(response, 200, sampleTask);
    return send(response, 204, "");
  };
}

function send(response: ServerResponse, status: number, body: string | Buffer, total?: number) {
  const headers: Record<string, string | number> = {
    "cache-control": "no-store",
    "x-request-id": randomUUID(),
  };
  if (status !== 204) {
    headers["content-type"] =
      status < 400 ? "application/json; charset=utf-8" : PROBLEM_CONTENT_TYPE;
    headers["content-length"] = Buffer.byteLength(body);
  }
  if (total !== undefined) headers["x-total-count"] = total;
  response.writeHead(status, headers);
  response.end(status === 204 ? undefined : body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 65_536) request.destroy(new Error("body too large"));
    });
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}
