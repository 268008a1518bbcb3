import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDevStack, type DevStack } from '../../bot/dev/stack.js';
import { createLogger } from '../../bot/log.js';
import { openBrowser, type Browser } from './browser.js';

let stack: DevStack;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'intune-notify-e2e-'));
  stack = await startDevStack({
    log: createLogger('warn'),
    env: { DATABASE_URL: `sqlite:${join(dataDir, 'bot.db')}`, LOG_LEVEL: 'warn' },
    botPort: await freePort(),
    playgroundPort: await freePort(),
    playgroundLogFile: join(dataDir, 'playground.log'),
  });
  browser = await openBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Agents Playground in Chromium', () => {
  it('walks a whole device send', async () => {
    const { page } = browser;
    const title = 'Restart needed 🔁';
    const body = 'Please restart your iPhone tonight.\nThanks, IT **helpdesk**';

    await page.goto(stack.playgroundUrl);
    const chatBox = page.getByRole('textbox').first();
    await chatBox.waitFor({ timeout: 30_000 });
    await chatBox.fill('notify device HANA-IPHONE');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const results = page.locator('.ac-adaptiveCard').filter({ hasText: 'Pick a device' }).last();
    await results.waitFor({ timeout: 20_000 });
    await expect.poll(() => results.innerText()).toContain('HANA-IPHONE-01');
    await results.getByRole('button', { name: 'Notify' }).first().click();

    const compose = page.locator('.ac-adaptiveCard').filter({ hasText: 'Send a custom notification' }).last();
    await compose.waitFor({ timeout: 20_000 });
    await compose.getByRole('textbox', { name: 'Title' }).fill(title);
    await compose.getByRole('textbox', { name: 'Body' }).fill(body);
    await compose.getByRole('button', { name: 'Send' }).click();

    const confirmation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Sent to' }).last();
    await confirmation.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(dataDir, 'sent.png') });

    expect(await confirmation.innerText()).toContain('HANA-IPHONE-01');
    expect(await confirmation.innerText()).toContain(title);
    expect(await confirmation.innerText()).toContain('**helpdesk**');
    expect(stack.sim.sent).toHaveLength(1);
    expect(stack.sim.sent[0]!.notificationTitle).toBe(title);
    expect(stack.sim.sent[0]!.notificationBody).toBe(body);
  }, 90_000);
});
