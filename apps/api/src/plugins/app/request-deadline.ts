import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { serviceUnavailable } from "./problems/to-problem.ts";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * Aborts when the request's deadline passes (docs/contract.md#request-deadline). Pass it to
     * the repository, which sends nothing more to PostgreSQL after it and cancels what runs.
     */
    deadline: AbortSignal;
  }
}

export interface RequestDeadlineOptions {
  /** API_REQUEST_DEADLINE_MS. */
  deadlineMs: number;
}

const TIMER = Symbol("deadlineTimer");
type Timed = FastifyRequest & { [TIMER]?: NodeJS.Timeout };

/**
 * One timer per request, started once the api has the whole request (past the admission queue
 * and the body upload, which have bounds of their own) and cleared with the response. Its abort
 * reason is the 503 the request answers with.
 */
export default fp<RequestDeadlineOptions>(
  async function requestDeadline(app, { deadlineMs }) {
    app.decorateRequest("deadline", null as unknown as AbortSignal);
    app.addHook("preValidation", (request: Timed, _reply, done) => {
      const controller = new AbortController();
      request.deadline = controller.signal;
      request[TIMER] = setTimeout(() => {
        controller.abort(
          serviceUnavailable(
            "The request did not finish within its deadline. Retry shortly.",
            "deadline_exceeded",
          ),
        );
      }, deadlineMs);
      done();
    });
    const clear = (request: Timed, _reply: unknown, done: () => void) => {
      clearTimeout(request[TIMER]);
      done();
    };
    app.addHook("onResponse", clear);
    app.addHook("onRequestAbort", (request: Timed, done) => clear(request, undefined, done));
  },
  { name: "request-deadline", dependencies: ["problems"] },
);
