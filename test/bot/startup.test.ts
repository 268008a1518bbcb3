import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('bot process start', () => {
  it('exits with the variable name and fix when TENANT_ID is missing', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { env, encoding: 'utf8', timeout: 20_000 });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TENANT_ID is required: set it to the Entra tenant ID (a GUID) this bot serves');
    expect(result.stdout).toBe('');
  });
});
