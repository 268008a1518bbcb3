import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the process logger. Notification text and tokens never go into log fields at info level;
 * the redact list is a second line of defence for fields that might carry secrets.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'intune-notify' },
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'clientSecret', '*.clientSecret'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
