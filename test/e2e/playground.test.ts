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

async function sendChatMessage(text: string): Promise<void> {
  const { page } = browser;
  const chatBox = page.getByRole('textbox').first();
  await chatBox.waitFor({ timeout: 30_000 });
  await chatBox.fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

function latestCard(text: string) {
  return browser.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

describe('Agents Playground in Chromium', () => {
  it('walks a whole device send', async () => {
    const { page } = browser;
    const title = 'Restart needed 🔁';
    const body = 'Please restart your iPhone tonight.\nThanks, IT **helpdesk**';

    await page.goto(stack.playgroundUrl);
    await sendChatMessage('notify device HANA-IPHONE');

    const results = latestCard('Pick a device');
    await results.waitFor({ timeout: 20_000 });
    await expect.poll(() => results.innerText(), { timeout: 15_000 }).toContain('HANA-IPHONE-01');
    await results.getByRole('button', { name: 'Notify' }).first().click();

    const compose = latestCard('Send a custom notification');
    await compose.waitFor({ timeout: 20_000 });
    await compose.getByRole('textbox', { name: 'Title' }).fill(title);
    await compose.getByRole('textbox', { name: 'Body' }).fill(body);
    await compose.getByRole('button', { name: 'Send' }).click();

    const confirmation = latestCard('Sent to');
    await confirmation.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(dataDir, 'sent.png') });

    expect(await confirmation.innerText()).toContain('HANA-IPHONE-01');
    expect(await confirmation.innerText()).toContain(title);
    expect(await confirmation.innerText()).toContain('**helpdesk**');
    expect(stack.sim.sent).toHaveLength(1);
    expect(stack.sim.sent[0]!.notificationTitle).toBe(title);
    expect(stack.sim.sent[0]!.notificationBody).toBe(body);
  }, 90_000);

  it('walks the whole group wizard', async () => {
    const { page } = browser;
    const title = 'Maintenance tonight';
    const body = 'Wi-Fi is down from 22:00 to 23:00 UTC.';
    stack.sim.reset();

    await page.goto(stack.playgroundUrl);
    await sendChatMessage('notify groups');

    const basics = latestCard('Step 1 of 3');
    await basics.waitFor({ timeout: 20_000 });
    await basics.getByRole('textbox', { name: 'Title' }).fill(title);
    await basics.getByRole('textbox', { name: 'Body' }).fill(body);
    await basics.getByRole('button', { name: 'Next' }).click();

    const assignments = latestCard('Step 2 of 3');
    await assignments.waitFor({ timeout: 20_000 });
    await assignments.getByRole('textbox', { name: 'Group name' }).fill('Seattle');
    await assignments.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => latestCard('Step 2 of 3').innerText(), { timeout: 15_000 }).toContain('Seattle Office');
    await latestCard('Step 2 of 3').getByRole('button', { name: 'Add' }).first().click();
    await expect.poll(() => latestCard('Step 2 of 3').innerText(), { timeout: 15_000 }).toMatch(/1 of 25/);
    await latestCard('Step 2 of 3').getByRole('button', { name: 'Next' }).click();

    const review = latestCard('Step 3 of 3');
    await review.waitFor({ timeout: 20_000 });
    expect(await review.innerText()).toContain(body);
    await review.getByRole('button', { name: 'Create' }).click();

    const sent = latestCard('Sent to 1 group');
    await sent.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(dataDir, 'group-sent.png') });

    expect(stack.sim.sent).toHaveLength(1);
    expect(stack.sim.sent[0]!.groupIds).toEqual(['b1000000-0000-4000-8000-000000000023']);
    expect(stack.sim.sent[0]!.notificationTitle).toBe(title);
    expect(stack.sim.sent[0]!.notificationBody).toBe(body);
  }, 90_000);
});
