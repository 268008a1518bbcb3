import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Ids of the turn being handled: activity, conversation, tenant and verb. */
export type TurnFields = Record<string, string | undefined>;

const turnFields = new AsyncLocalStorage<TurnFields>();

/**
 * Runs work with the turn's ids attached to every log line written meanwhile, including lines of the
 * Graph client and the permission check, which log through the process logger.
 */
export function withTurnFields<T>(fields: TurnFields, work: () => Promise<T>): Promise<T> {
  return turnFields.run(fields, work);
}

/**
 * Creates the process logger. The code puts no notification text or token into log fields at info
 * level, and the redact list is a second line of defence for fields that might carry secrets.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'intune-notify' },
    mixin: () => turnFields.getStore() ?? {},
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'clientSecret', '*.clientSecret'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
