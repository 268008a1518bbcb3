import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSeed } from '../../bot/sim-tenant/index.js';

interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
}

const config = parse(readFileSync(new URL('../../.m365agentsplayground.yml', import.meta.url), 'utf8')) as {
  tenantId: string;
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
};
const seed = loadSeed();

describe('Agents Playground config', () => {
  it('uses the simulated tenant', () => {
    expect(config.tenantId).toBe(seed.tenantId);
  });

  it('has exactly five users besides the current one', () => {
    expect(config.users).toHaveLength(5);
  });

  it('has only users of the simulated tenant', () => {
    for (const user of [config.currentUser, ...config.users]) {
      const seeded = seed.users.find((candidate) => candidate.id === user.aadObjectId);
      expect(seeded?.userPrincipalName, user.name).toBe(user.userPrincipleName);
      expect(seeded?.displayName, user.name).toBe(user.name);
    }
  });

  it('covers the five operator roles', () => {
    expect(config.users.map((user) => user.name)).toEqual(['Hana Helpdesk', 'Ben Broadcaster', 'Ava Approver', 'Noah Norole', 'Iris Admin']);
  });
});
