/**
 * `npm run bench`: measures how fast the bot responds to card actions and messages over HTTP against the
 * simulated tenant on 127.0.0.1, and its memory after the run. Every request runs one after another,
 * so the numbers are latencies, not throughput.
 */
import { performance } from 'node:perf_hooks';
import { startHarness, operators, type Harness } from '../support/bot-harness.js';
import { findAction } from '../support/card-query.js';
import { openCompose } from '../support/device-steps.js';
import { click, reachReview } from '../support/group-steps.js';

const rounds = Number(process.env.BENCH_ROUNDS || 40);

type Samples = Map<string, number[]>;

async function timed<T>(samples: Samples, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const list = samples.get(name) ?? [];
  list.push(performance.now() - started);
  samples.set(name, list);
  return result;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function deviceRound(harness: Harness, samples: Samples, round: number): Promise<void> {
  await timed(samples, 'message: help', () => harness.message('help'));
  await timed(samples, 'message: notify device LT- (142 matches, paged)', () => harness.message('notify device LT-'));
  const { compose } = await timed(samples, 'device search + pick', () => openCompose(harness));
  const draftId = findAction(compose, 'Send').data.draftId;
  await timed(samples, 'invoke: device.send', () => harness.invoke('device.send', { draftId, title: `Bench ${round}`, body: 'Benchmark body' }));
}

async function groupRound(harness: Harness, samples: Samples, round: number): Promise<void> {
  const { draftId } = await timed(samples, 'group wizard up to review (1 group)', () => reachReview(harness, { title: `Bench ${round}`, body: 'Benchmark body' }));
  await timed(samples, 'invoke: groups.create', () => click(harness, 'groups.create', { draftId }));
}

async function main(): Promise<void> {
  const samples: Samples = new Map();
  let clockOffsetMs = 0;
  const harness = await startHarness({ logLevel: 'warn', now: () => new Date(Date.now() + clockOffsetMs) });
  try {
    for (let round = 0; round < rounds; round += 1) {
      // Moving the bot's clock an hour on every 10 rounds keeps the device and tenant quotas from refusing the sends.
      if (round > 0 && round % 10 === 0) {
        clockOffsetMs += 61 * 60_000;
      }
      await deviceRound(harness, samples, round);
      await groupRound(harness, samples, round);
    }
    await harness.message('help', { user: operators.hana });
  } finally {
    await harness.close();
  }

  // With --expose-gc (npm run bench passes it) the heap figure is what stays live, not garbage waiting for collection.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const rows = [...samples].map(([name, values]) => `| ${name} | ${values.length} | ${percentile(values, 0.5).toFixed(1)} | ${percentile(values, 0.95).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`);
  process.stdout.write(
    [
      `Node ${process.version}, ${rounds} rounds, bot + simulated tenant + fake connector in one process`,
      '',
      '| step | n | p50 ms | p95 ms | max ms |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `After the run: RSS ${mebibytes(memory.rss)} MiB, heap used ${mebibytes(memory.heapUsed)} MiB, external ${mebibytes(memory.external)} MiB, array buffers ${mebibytes(memory.arrayBuffers)} MiB`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

function mebibytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
