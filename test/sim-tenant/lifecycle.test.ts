import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startSimTenant, type RecordedRequest } from '../../bot/sim-tenant/index.js';
import { getJson, ids, postJson, useSimTenant, type GraphErrorBody } from './sim-client.js';

const context = useSimTenant();
const sendUrl = () => `${context.sim.url}/beta/deviceManagement/managedDevices/${ids.hanaIphone}/sendCustomNotificationToCompanyPortal`;
const sendBody = JSON.stringify({ notificationTitle: 'a', notificationBody: 'b' });

describe('startSimTenant', () => {
  it('listens on 127.0.0.1', () => {
    expect(context.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(context.sim.tenantId).toBe('4f1c2a7e-9b3d-4e5f-8a6b-1c2d3e4f5a6b');
  });

  it('echoes client-request-id', async () => {
    const { response } = await getJson(`${context.sim.url}/v1.0/users/${ids.hana}`, { 'client-request-id': 'abc-123' });

    expect(response.headers.get('client-request-id')).toBe('abc-123');
    expect(response.headers.get('request-id')).not.toBe('abc-123');
  });

  it('answers unknown routes with 404', async () => {
    const { status, body } = await getJson<GraphErrorBody>(`${context.sim.url}/beta/deviceManagement/nothingHere`);

    expect(status).toBe(404);
    expect(body.error.innerError['request-id']).toMatch(/\S/);
  });

  it('answers paths without a version with 404', async () => {
    const { status } = await getJson(`${context.sim.url}/deviceManagement/managedDevices`);

    expect(status).toBe(404);
  });

  it('records requests with redacted authorization', async () => {
    await getJson(`${context.sim.url}/v1.0/users/${ids.hana}?$select=id`, { Authorization: 'Bearer secret-token' });

    const recorded = context.sim.requests[0];
    expect(recorded).toMatchObject({ method: 'GET', path: `/v1.0/users/${ids.hana}`, search: '?$select=id' });
    expect(recorded?.headers.authorization).toBe('Bearer [redacted]');
  });

  it('serves recorded requests over HTTP', async () => {
    await getJson(`${context.sim.url}/v1.0/users/${ids.hana}`);

    const { body } = await getJson<RecordedRequest[]>(`${context.sim.url}/_sim/requests`);

    expect(body.map((request) => request.path)).toEqual([`/v1.0/users/${ids.hana}`]);
  });

  it('reset clears state and restores the seed', async () => {
    const sent = context.sim.sent;
    context.sim.fail({ path: '/v1.0/*', status: 500 });
    await postJson(sendUrl(), sendBody);
    context.sim.seed.managedDevices.splice(0, 1);

    context.sim.reset();

    expect(sent).toHaveLength(0);
    expect(context.sim.requests).toHaveLength(0);
    expect(context.sim.seed.managedDevices[0]?.id).toBe(ids.hanaIphone);
    expect((await getJson(`${context.sim.url}/v1.0/users/${ids.hana}`)).status).toBe(200);
  });

  it('serves edits to the seed', async () => {
    context.sim.seed.managedDevices = context.sim.seed.managedDevices.filter((device) => device.id !== ids.hanaIphone);

    const { status } = await postJson(sendUrl(), sendBody);

    expect(status).toBe(404);
  });

  it('resets over HTTP', async () => {
    await postJson(sendUrl(), sendBody);

    const response = await fetch(`${context.sim.url}/_sim/reset`, { method: 'POST' });

    expect(response.status).toBe(204);
    expect(context.sim.sent).toHaveLength(0);
  });

  it('close cuts a pending delay short', async () => {
    const sim = await startSimTenant({ port: 0 });
    sim.fail({ path: '*', delayMs: 60_000 });
    const pending = fetch(`${sim.url}/v1.0/users/${ids.hana}`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    await sim.close();

    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('main.ts', () => {
  it('listens on loopback only and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/sim-tenant/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /Simulated tenant listening on (http:\/\/\S+)\n/.exec(output);
        if (match) {
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`main.ts exited with ${code} before listening`)));
    });

    const url = await listening;
    const { port, hostname } = new URL(url);
    const external = Object.values(networkInterfaces()).flat().find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    const externalResult = external === undefined ? 'refused' : await tryConnect(external, Number(port));
    const { status } = await getJson(`${url}/v1.0/users/${ids.hana}`);
    child.kill('SIGTERM');
    const [exitCode] = (await once(child, 'exit')) as [number | null];

    expect(hostname).toBe('127.0.0.1');
    expect(status).toBe(200);
    expect(externalResult).toBe('refused');
    expect(exitCode).toBe(0);
  });
});

function tryConnect(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
  });
}
