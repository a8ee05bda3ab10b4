import fc from 'fast-check';

/**
 * The seed of every fuzz run: FUZZ_SEED replays a run (a failure prints it), otherwise a fixed
 * seed, so that every run of the suite generates the same cases.
 */
export const FUZZ_SEED = fuzzSeed(process.env.FUZZ_SEED);

function fuzzSeed(text: string | undefined): number {
  if (text === undefined || text === '') return 20231031;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got "${text}"`);
  return seed;
}

/**
 * Runs properties with the suite's seed and counts the cases they generated, so a suite can
 * assert how many ran. A failure names the seed and how to replay it.
 */
export class FuzzRun {
  /** Cases generated and checked so far (fast-check's own count, shrinking not included). */
  cases = 0;
  private readonly started = Date.now();

  constructor(private readonly options: { shrink: boolean } = { shrink: true }) {}

  async check<Ts>(property: fc.IRawProperty<Ts>, numRuns: number): Promise<void> {
    const details = await fc.check(property, { numRuns, seed: FUZZ_SEED, endOnFailure: !this.options.shrink });
    this.cases += details.numRuns;
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      // Generated values can be megabytes long: the seed and path replay them exactly, so the report is cut.
      const report = (fc.defaultReportMessage(details) ?? '').replace(/Counterexample: (.{2000}).*/s, 'Counterexample: $1…');
      throw new Error(
        `fuzz failure with FUZZ_SEED=${FUZZ_SEED} (run again with FUZZ_SEED=${FUZZ_SEED} to replay it)\n${report}\n${cause.slice(0, 4000)}`,
      );
    }
  }

  /** One line for the test log: what ran, with which seed, in how long. */
  summary(what: string): string {
    return `${what}: ${this.cases} generated cases, FUZZ_SEED=${FUZZ_SEED}, ${((Date.now() - this.started) / 1000).toFixed(1)} s`;
  }
}
