import type { Logger } from '../log.js';
import type { BackgroundWork } from './turn.js';

/** Tracks work that runs after a turn ended, so shutdown and tests can wait for it. */
export class BackgroundTasks implements BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const task = work().catch((error: unknown) => {
      this.log.error({ err: error, task: name }, 'background task failed');
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Resolves when every task started so far, and any they started, has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }
}
