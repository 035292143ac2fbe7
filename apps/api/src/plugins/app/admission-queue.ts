import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { sendProblem } from "./problems/send-problem.ts";
import { serviceUnavailable } from "./problems/to-problem.ts";

export interface AdmissionQueueOptions {
  /** Requests worked on at once (API_MAX_IN_FLIGHT); the rest wait in arrival order. */
  maxInFlight: number;
  /** Requests allowed to wait (API_MAX_QUEUE); beyond it a request is shed with 503. */
  maxQueue: number;
}

const HOLDS_SLOT = Symbol("holdsSlot");
const WAITING = Symbol("waiting");

type Waiter = { resume: () => void; cancelled: boolean };
type Tracked = FastifyRequest & { [HOLDS_SLOT]?: boolean; [WAITING]?: Waiter };

/**
 * The admission queue: a bounded FIFO of in-flight work (docs/benchmarks/README.md). A saturated Node server with
 * hundreds of requests under way spends each event-loop turn on all of them, and libuv accepts
 * one connection per turn: late connections starve for seconds. Working on at most `maxInFlight`
 * requests keeps turns short; the others wait in order. Only when the queue itself is past
 * `maxQueue` is a request shed (503 + Retry-After), so ordinary bursts are never refused.
 */
export default fp<AdmissionQueueOptions>(
  async function admissionQueue(app, { maxInFlight, maxQueue }) {
    let inFlight = 0;
    // An array with a moving head: shift() on a long array is O(n).
    let queue: Waiter[] = [];
    let head = 0;

    const release = (request: Tracked) => {
      const waiter = request[WAITING];
      if (waiter) waiter.cancelled = true;
      if (!request[HOLDS_SLOT]) return;
      request[HOLDS_SLOT] = false;
      while (head < queue.length) {
        const next = queue[head++] as Waiter;
        if (next.cancelled) continue;
        if (head > 1024 && head * 2 > queue.length) {
          queue = queue.slice(head);
          head = 0;
        }
        next.resume(); // the slot passes straight to the next in line
        return;
      }
      queue = [];
      head = 0;
      inFlight--;
    };

    app.addHook("onRequest", (request: Tracked, reply: FastifyReply, done) => {
      if (inFlight < maxInFlight) {
        inFlight++;
        request[HOLDS_SLOT] = true;
        return done();
      }
      if (queue.length - head >= maxQueue) {
        const problem = serviceUnavailable("The api is overloaded. Retry shortly.", "overloaded");
        return void sendProblem(request, reply, problem);
      }
      const waiter: Waiter = {
        cancelled: false,
        resume: () => {
          request[WAITING] = undefined;
          request[HOLDS_SLOT] = true;
          done();
        },
      };
      request[WAITING] = waiter;
      queue.push(waiter);
    });
    app.addHook("onResponse", (request: Tracked, _reply, done) => {
      release(request);
      done();
    });
    app.addHook("onRequestAbort", (request: Tracked, done) => {
      release(request);
      done();
    });
  },
  { name: "admission-queue", dependencies: ["problems"] },
);
