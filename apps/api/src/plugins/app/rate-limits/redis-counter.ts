import type { FastifyBaseLogger } from "fastify";
import { Redis, type Result } from "ioredis";
import { FixedWindowCounter, secondsFor, type Wait, type WindowCounter } from "./fixed-window.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    ownlistHit(key: string, windowMs: number): Result<[number, number], Context>;
    ownlistPeek(key: string): Result<[number, number], Context>;
  }
}

/**
 * One round trip per check, atomic in Redis: the first hit of a window starts its expiry, every
 * later hit only counts. Returns the count and the milliseconds left in the window. A key with
 * no expiry (should one ever be written by hand) is given one rather than counting forever.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** The count and the milliseconds left, without counting; {0, 0} for a key with no window. */
const PEEK = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/**
 * No request waits longer than this on Redis: past it the answer is counted in this process
 * instead (a hung Redis, a lost network). Well above a round trip on a LAN, well below what a
 * person notices.
 */
const COMMAND_TIMEOUT_MS = 250;
/** While Redis is unreachable, one request at most this often tries it again. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * The rate limits' shared store (decision 041): one Redis for every api replica, so a limit
 * holds across them. Fails open to per-process counting (docs/contract.md#limits): while Redis is
 * unreachable each replica counts on its own, as one process always does, and says so once.
 */
export class RedisRateLimitStore {
  readonly client: Redis;
  private down = false;
  private probing = false;
  private retryAt = 0;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      // A command never waits for a connection: without one it fails at once, and the request is
      // counted in this process.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 1_000,
      // Reconnect for ever, backing off to once a second: the store comes back by itself.
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    this.client.defineCommand("ownlistHit", { numberOfKeys: 1, lua: HIT });
    this.client.defineCommand("ownlistPeek", { numberOfKeys: 1, lua: PEEK });
    // The outage is logged from the failures of the requests it affects (once); the client's own
    // reconnection errors would repeat every second.
    this.client.on("error", () => undefined);
  }

  /** Connects; an unreachable Redis at start is an outage like any other, not a failed start. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      this.failed(error, false);
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
    return Promise.resolve();
  }

  /** A counter for one limit, keyed under `prefix`. */
  counter(prefix: string, max: number, windowMs: number): WindowCounter {
    const local = new FixedWindowCounter(max, windowMs);
    return {
      hit: (key) =>
        this.ask(
          () => this.client.ownlistHit(prefix + key, windowMs),
          ([count, ttl]) => (count > max ? secondsFor(ttl) : undefined),
          () => local.hit(key),
        ),
      blocked: (key) =>
        this.ask(
          () => this.client.ownlistPeek(prefix + key),
          ([count, ttl]) => (count >= max && ttl > 0 ? secondsFor(ttl) : undefined),
          () => local.blocked(key),
        ),
    };
  }

  /** Asks Redis, or (while it is down, or when it fails now) the process's own counter. */
  private ask(
    command: () => Promise<[number, number]>,
    decide: (reply: [number, number]) => Wait,
    locally: () => Wait,
  ): Wait | Promise<Wait> {
    let probe = false;
    if (this.down) {
      if (this.probing || Date.now() < this.retryAt) return locally();
      this.probing = probe = true;
    }
    return command().then(
      (reply) => {
        if (probe) this.recovered();
        return decide(reply);
      },
      (error: unknown) => {
        this.failed(error, probe);
        return locally();
      },
    );
  }

  private failed(error: unknown, probe: boolean) {
    if (probe) this.probing = false;
    this.retryAt = Date.now() + PROBE_INTERVAL_MS;
    if (this.down) return;
    this.down = true;
    this.log.error(
      { reason: "rate_limit_store_unreachable", err: error },
      "rate-limit store unreachable: each api process counts on its own until it is back",
    );
  }

  private recovered() {
    this.down = false;
    this.probing = false;
    this.log.warn({ reason: "rate_limit_store_recovered" }, "rate-limit store reachable again");
  }
}
