import { createServer } from 'node:net';

/** A TCP port of the dev stack with the environment variable that sets it. */
export interface DevPort {
  variable: 'PORT' | 'DEV_SIM_PORT' | 'DEV_PLAYGROUND_PORT';
  port: number;
}

export interface DevPorts {
  botPort: number;
  simPort: number;
  playgroundPort: number;
}

/**
 * Reads PORT (default 3978), DEV_SIM_PORT (default 4000) and DEV_PLAYGROUND_PORT (default 56150).
 * The bot and the simulated tenant report the port they got, so 0 works for them. The Playground
 * URL is printed from DEV_PLAYGROUND_PORT, so that one must be a real port.
 * Throws an Error listing every invalid value with its fix.
 */
export function readDevPorts(env: NodeJS.ProcessEnv): DevPorts {
  const problems: string[] = [];
  const ports = {
    botPort: readPort(env, 'PORT', 3978, 0, problems),
    simPort: readPort(env, 'DEV_SIM_PORT', 4000, 0, problems),
    playgroundPort: readPort(env, 'DEV_PLAYGROUND_PORT', 56150, 1, problems),
  };
  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
  return ports;
}

function readPort(env: NodeJS.ProcessEnv, variable: DevPort['variable'], fallback: number, min: number, problems: string[]): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }

  const text = raw.trim();
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= min && port <= 65535)) {
    const zeroHint = min === 0 ? ' (0 picks a free one)' : '';
    problems.push(`${variable} must be a TCP port number from 1 to 65535${zeroHint}, not ${JSON.stringify(raw)}`);
  }
  return port;
}

/**
 * Checks that every fixed port can be bound on 127.0.0.1 right now, and that no two variables name
 * the same port. Port 0 is skipped because the system picks a free one.
 * Throws an Error with one line per problem, each naming the variable to change.
 */
export async function checkPortsFree(ports: DevPort[]): Promise<void> {
  const problems: string[] = [];
  const fixed = ports.filter(({ port }) => port !== 0);
  for (const [index, { variable, port }] of fixed.entries()) {
    const earlier = fixed.slice(0, index).find((other) => other.port === port);
    if (earlier !== undefined) {
      problems.push(`${earlier.variable} and ${variable} are both ${port}: set ${variable} to a different port.`);
      continue;
    }
    const problem = await tryListen(port);
    if (problem !== undefined) {
      problems.push(describePortProblem(variable, port, problem));
    }
  }

  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
}

/** Explains a listen error code for a port set by `variable`, with the fix. */
export function describePortProblem(variable: DevPort['variable'], port: number, code: string): string {
  if (code === 'EADDRINUSE') {
    return `${variable} ${port} is already in use on 127.0.0.1: stop the other process or set ${variable} to a free port.`;
  }
  if (code === 'EACCES') {
    return `${variable} ${port} needs privileges this process does not have: set ${variable} to 1024 or higher.`;
  }
  return `${variable} ${port} cannot be used on 127.0.0.1 (${code}): set ${variable} to another port.`;
}

/** Binds the port on 127.0.0.1 and releases it. Returns the error code, or undefined when the port is free. */
async function tryListen(port: number): Promise<string | undefined> {
  const server = createServer();
  const code = await new Promise<string | undefined>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'unknown error'));
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  if (code === undefined) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return code;
}
