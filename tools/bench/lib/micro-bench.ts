/**
 * A small, honest micro-benchmark loop: candidates run in interleaved rounds (so that drift on a
 * shared machine hits all of them alike), each round bounded in time, and the median round is
 * kept. Inputs cycle through many values so no candidate profits from a cache.
 */
export interface Candidate {
  name: string;
  /** One operation on the i-th input; may be async (awaited one at a time). */
  run: (index: number) => unknown;
}

export interface CandidateResult {
  name: string;
  nsPerOp: number;
  opsPerSecond: number;
  rounds: number[];
}

export async function measureCandidates(
  candidates: Candidate[],
  options: { rounds: number; roundMs: number; warmupMs: number },
): Promise<CandidateResult[]> {
  for (const candidate of candidates) await runFor(candidate, options.warmupMs);
  const rounds = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const candidate of candidates) {
      rounds.get(candidate.name)!.push(await runFor(candidate, options.roundMs));
    }
  }
  return candidates.map(({ name }) => {
    const perRound = rounds.get(name)!;
    const nsPerOp = median(perRound);
    return { name, nsPerOp, opsPerSecond: 1e9 / nsPerOp, rounds: perRound };
  });
}

/** Runs one candidate for about `ms` milliseconds; returns nanoseconds per operation. */
async function runFor(candidate: Candidate, ms: number): Promise<number> {
  const BATCH = 500;
  const deadline = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
  const start = process.hrtime.bigint();
  let operations = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < BATCH; i++) {
      const result = candidate.run(operations + i);
      if (result instanceof Promise) await result;
    }
    operations += BATCH;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / operations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
