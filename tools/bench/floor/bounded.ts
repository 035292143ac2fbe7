/**
 * Runs at most `limit` tasks at once; the rest wait in arrival order. Bounding in-flight work
 * keeps each event-loop turn short under saturation, and libuv accepts only one new connection
 * per turn (libuv PR #3696): with long turns, connections that arrive late wait seconds.
 */
export function boundedInFlight(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return (task) => {
    if (running < limit) {
      running++;
      return task().finally(release);
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() =>
      task().finally(release),
    );
  };
}
