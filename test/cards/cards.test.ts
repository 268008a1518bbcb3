import { describe, expect, it } from 'vitest';

import { cancelledCard } from '../../cards/cancelled.js';
import { deviceComposeCard, type DeviceComposeCardData } from '../../cards/device-compose.js';
import { deviceOutcomeCard } from '../../cards/device-outcome.js';
import { deviceResultsCard, type DeviceResultsCardData } from '../../cards/device-results.js';
import { deviceSearchCard } from '../../cards/device-search.js';
import { deviceSendingCard } from '../../cards/device-sending.js';
import { helpCard, type HelpCardData } from '../../cards/help.js';
import { noticeCard } from '../../cards/notice.js';
import { renderCard } from '../../cards/render.js';
import type { AdaptiveCard, DeviceFacts } from '../../cards/types.js';
import { libraryProblems, renderWithLibrary } from './card-library.js';
import {
  actionTitled,
  allObjects,
  bodyElements,
  containsRun,
  executeActions,
  inputWithId,
  objectsOfType,
  textBlocks,
  textRuns,
  typeOutline,
} from './card-walk.js';

// ---------------------------------------------------------------- data

const device: DeviceFacts = { name: 'LT-0042', user: 'ada@contoso.example', platform: 'iOS' };

/** Text that a careless card would interpret: template syntax, markdown, HTML, quotes, newlines, astral emoji. */
const hostileParts = [
  'Emoji 😀🎉𝄞',
  '${x}',
  '${$root.draftId}',
  '${device.name}',
  '**md** _em_ [link](https://example.com) # heading',
  '<b>html</b><script>alert(1)</script>&amp;',
  `"double" 'single' \`back\``,
  'line one\nline two\r\nline three',
];
const hostile = (field: string): string => `${field}: ${hostileParts.join(' | ')}`;

const longTitle = `${'Restart 😀 '.repeat(6)}end`;
const longBody = `${'Please restart your device today. 🔄\n'.repeat(14)}end`;
const dated = '{{DATE(2025-01-01T10:00:00Z, SHORT)}} {{TIME(2025-01-01T10:00:00Z)}}';

const helpData: HelpCardData = {
  items: [
    { command: 'help', description: 'Lists the commands.' },
    { command: 'notify device', description: 'Sends a notification to one device.', action: { title: 'Notify a device', verb: 'device.start' } },
    { command: 'history', description: 'Shows recent notifications.', action: { title: 'History', verb: 'history.show' } },
  ],
  note: 'In a channel, @mention the bot first.',
};

const resultsData: DeviceResultsCardData = {
  query: 'LT',
  searchId: 'search-1',
  devices: [
    { id: 'dev-ios', name: 'LT-0042', user: 'ada@contoso.example', platform: 'iOS', lastSync: '2025-01-01 09:00', eligible: true },
    {
      id: 'dev-win',
      name: 'LT-0043',
      user: 'bo@contoso.example',
      platform: 'Windows',
      lastSync: '2025-01-01 08:00',
      eligible: false,
      reason: "Windows devices can't receive custom notifications.",
    },
    { id: 'dev-and', name: 'LT-0044', user: 'cy@contoso.example', platform: 'Android (personally-owned work profile)', lastSync: '', eligible: true },
  ],
  truncated: false,
};

const composeData: DeviceComposeCardData = {
  draftId: 'draft-1',
  device,
  title: '',
  body: '',
  limits: { title: 50, body: 500 },
  counts: { title: 0, body: 0 },
  quota: { used: 3, limit: 10 },
  androidCaution: false,
};

const composeWithErrors: DeviceComposeCardData = {
  ...composeData,
  device: { ...device, platform: 'Android (personally-owned work profile)' },
  title: 'x'.repeat(51),
  body: 'Please restart.',
  errors: { title: 'Title is too long: 51 characters, at most 50.', body: 'Body contains a control character.', form: 'Fix the fields below.' },
  counts: { title: 51, body: 15 },
  quota: { used: 10, limit: 10, nextSlotAt: '10:42 UTC' },
  androidCaution: true,
};

/** Builds every card with representative data, including empty lists and optional parts left out. */
function representativeCards(): Array<[string, AdaptiveCard]> {
  return [
    ['help', helpCard(helpData)],
    ['help without items', helpCard({ items: [] })],
    ['device search', deviceSearchCard({ query: '' })],
    ['device search with error', deviceSearchCard({ query: 'zz', error: 'Enter at least 2 characters.', message: 'Nothing found yet.' })],
    ['device results', deviceResultsCard(resultsData)],
    ['device results truncated', deviceResultsCard({ ...resultsData, truncated: true, message: 'Some devices are hidden.' })],
    ['device results empty', deviceResultsCard({ ...resultsData, devices: [] })],
    ['device compose', deviceComposeCard(composeData)],
    ['device compose with errors', deviceComposeCard(composeWithErrors)],
    ['device sending', deviceSendingCard({ device, title: 'Restart', body: 'Please restart.' })],
    ['device outcome sent', deviceOutcomeCard({ outcome: 'sent', device, title: 'Restart', body: 'Please restart.', at: '10:00 UTC', requestId: 'req-1' })],
    ['device outcome sent without id', deviceOutcomeCard({ outcome: 'sent', device, title: 'Restart', body: 'Please restart.', at: '10:00 UTC' })],
    ['device outcome failed', deviceOutcomeCard({ outcome: 'failed', device, title: 'T', body: 'B', at: '10:00 UTC', message: 'Device not found.', draftId: 'draft-1' })],
    ['device outcome failed without draft', deviceOutcomeCard({ outcome: 'failed', device, title: 'T', body: 'B', at: '10:00 UTC' })],
    ['device outcome unknown', deviceOutcomeCard({ outcome: 'unknown', device, title: 'T', body: 'B', at: '10:00 UTC', draftId: 'draft-1' })],
    ['notice info', noticeCard({ title: 'Note', text: 'Something to know.', tone: 'info' })],
    ['notice good', noticeCard({ title: 'Done', text: 'It worked.', tone: 'good' })],
    ['notice warning', noticeCard({ title: 'Careful', text: 'Check this.', tone: 'warning' })],
    ['notice attention', noticeCard({ title: 'Denied', text: 'You lack a role.', tone: 'attention' })],
    ['cancelled', cancelledCard({ what: 'Notification to LT-0042' })],
    ['cancelled without detail', cancelledCard({ what: '' })],
  ];
}

/**
 * Builds cards whose every user-supplied field comes from `text(field)`, each with the values that
 * must show in TextRuns. The tests build them with plain and with hostile text and compare the two.
 */
function userTextCards(text: (field: string) => string): Array<[string, AdaptiveCard, string[]]> {
  const title = text('title');
  const body = text('body');
  const named: DeviceFacts = { name: text('name'), user: text('user'), platform: text('platform') };
  return [
    [
      'help',
      helpCard({ items: [{ command: text('command'), description: text('description') }], note: text('note') }),
      [text('command'), text('description'), text('note')],
    ],
    [
      'device search',
      deviceSearchCard({ query: text('query'), error: text('error'), message: text('message') }),
      [text('error'), text('message')],
    ],
    [
      'device results',
      deviceResultsCard({
        query: text('query'),
        searchId: 'search-1',
        devices: [
          { id: 'd1', name: named.name, user: named.user, platform: named.platform, lastSync: text('sync'), eligible: true },
          { id: 'd2', name: 'n', user: 'u', platform: 'p', lastSync: 's', eligible: false, reason: text('reason') },
        ],
        truncated: true,
        message: text('message'),
      }),
      [text('query'), named.name, named.user, named.platform, text('sync'), text('reason'), text('message')],
    ],
    [
      'device compose',
      deviceComposeCard({
        ...composeWithErrors,
        device: named,
        title,
        body,
        errors: { title: text('title error'), body: text('body error'), form: text('form error') },
      }),
      [named.name, named.user, named.platform, text('title error'), text('body error'), text('form error')],
    ],
    ['device sending', deviceSendingCard({ device: named, title, body }), [title, body, named.name]],
    [
      'device outcome sent',
      deviceOutcomeCard({ outcome: 'sent', device: named, title, body, at: text('at'), requestId: text('id') }),
      [title, body, text('at'), text('id')],
    ],
    [
      'device outcome failed',
      deviceOutcomeCard({ outcome: 'failed', device: named, title, body, at: 'now', message: text('message'), draftId: 'draft-1' }),
      [title, body, text('message'), named.user],
    ],
    ['notice', noticeCard({ title: text('title'), text: text('text'), tone: 'attention' }), [text('title'), text('text')]],
    ['cancelled', cancelledCard({ what: text('what') }), [text('what')]],
  ];
}

/** Strings a markdown or HTML interpretation would change; none may reach a TextBlock. */
const markers = ['${x}', '**md**', '<b>', '😀', '\n'];

function lines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

// ---------------------------------------------------------------- every card

describe('every card', () => {
  const cases = representativeCards();

  it.each(cases)('%s parses cleanly', (_name, card) => {
    expect(libraryProblems(card)).toEqual([]);
  });

  it.each(cases)('%s declares version 1.5', (_name, card) => {
    expect(card.version).toBe('1.5');
  });

  it.each(cases)('%s declares the schema', (_name, card) => {
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  });

  it.each(cases)('%s has no template left', (_name, card) => {
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it.each(cases)('%s has no template keywords left', (_name, card) => {
    const keys = allObjects(card).flatMap((object) => Object.keys(object));
    expect(keys.filter((key) => key.startsWith('$') && key !== '$schema')).toEqual([]);
  });

  it.each(cases)('%s has no null values', (_name, card) => {
    const nullKeys = allObjects(card).flatMap((object) => Object.entries(object).filter(([, value]) => value === null));
    expect(nullKeys).toEqual([]);
  });

  it.each(cases)('%s uses only Action.Execute in ActionSets', (_name, card) => {
    const actionTypes = objectsOfType(card, 'ActionSet').flatMap((set) => (set.actions as Array<{ type: string }>).map((action) => action.type));
    expect(actionTypes.every((type) => type === 'Action.Execute')).toBe(true);
    expect(card.actions).toBeUndefined();
  });

  it.each(cases)('%s gives each action a verb', (_name, card) => {
    for (const action of executeActions(card)) {
      expect(typeof action.verb).toBe('string');
      expect(action.verb).not.toBe('');
      expect(action.data).toMatchObject({ verb: action.verb });
    }
  });

  it.each(cases)('%s falls back to Action.Submit', (_name, card) => {
    for (const action of executeActions(card)) {
      const fallback = action.fallback as Record<string, unknown>;
      expect(fallback.type).toBe('Action.Submit');
      expect(fallback.title).toBe(action.title);
      expect(fallback.data).toEqual(action.data);
      expect(fallback.associatedInputs).toBe(action.associatedInputs);
      expect(libraryProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions: [fallback] }] })).toEqual([]);
    }
  });

  it.each(cases)('%s renders', (_name, card) => {
    expect(renderWithLibrary(card).text).not.toBe('');
  });
});

// ---------------------------------------------------------------- user text stays literal

describe('hostile text', () => {
  const cases = userTextCards(hostile);
  const plainCases = userTextCards((field) => field);

  it.each(cases)('%s parses cleanly', (_name, card) => {
    expect(libraryProblems(card)).toEqual([]);
  });

  it.each(cases)('%s shows each value in a TextRun', (_name, card, values) => {
    const runs = textRuns(card);
    for (const value of values) {
      expect(runs.some((run) => run.includes(value))).toBe(true);
    }
  });

  it.each(cases)('%s keeps values out of TextBlocks', (_name, card) => {
    for (const text of textBlocks(card)) {
      for (const marker of markers) {
        expect(text).not.toContain(marker);
      }
    }
  });

  it.each(cases)('%s sends no value through markdown', (_name, card) => {
    const { markdownInputs } = renderWithLibrary(card);
    for (const text of markdownInputs) {
      for (const marker of markers) {
        expect(text).not.toContain(marker);
      }
    }
  });

  it.each(cases)('%s renders each value literally', (_name, card, values) => {
    const { text } = renderWithLibrary(card);
    for (const line of values.flatMap(lines)) {
      expect(text).toContain(line);
    }
  });

  it.each(cases.map(([name, card], index) => [name, card, plainCases[index]?.[1] ?? {}] as const))(
    '%s keeps the card structure',
    (_name, card, plainCard) => {
      expect(typeOutline(card)).toEqual(typeOutline(plainCard));
    },
  );

  it('search keeps the raw query', () => {
    expect(inputWithId(deviceSearchCard({ query: hostile('query') }), 'query')?.value).toBe(hostile('query'));
  });

  it('title run equals the input', () => {
    const title = hostile('title');
    const card = deviceSendingCard({ device, title, body: 'b' });
    expect(textRuns(card)).toContain(title);
  });

  it('body run equals the input', () => {
    const body = hostile('body');
    const card = deviceOutcomeCard({ outcome: 'sent', device, title: 't', body, at: 'now' });
    expect(textRuns(card)).toContain(body);
  });

  it('compose inputs keep raw values', () => {
    const card = deviceComposeCard({ ...composeData, title: dated, body: hostile('body') });
    expect(inputWithId(card, 'title')?.value).toBe(dated);
    expect(inputWithId(card, 'body')?.value).toBe(hostile('body'));
  });

  it('date functions stay literal', () => {
    const card = deviceSendingCard({ device, title: dated, body: 'b' });
    const shown = renderWithLibrary(card).text.replaceAll('\u2060', '');
    expect(shown).toContain(dated);
  });

  it('long astral text stays whole', () => {
    const card = deviceOutcomeCard({ outcome: 'sent', device, title: longTitle, body: longBody, at: 'now' });
    expect(textRuns(card)).toContain(longTitle);
    expect(textRuns(card)).toContain(longBody);
  });

  it('templating ignores data expressions', () => {
    const card = deviceSendingCard({ device: { ...device, name: '${$root.title}' }, title: 'secret title', body: '${title}' });
    expect(textRuns(card)).toContain('${$root.title}');
    expect(textRuns(card)).toContain('${title}');
    expect(textRuns(card).filter((run) => run === 'secret title')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- per card

describe('helpCard', () => {
  it('lists every command', () => {
    const runs = textRuns(helpCard(helpData));
    for (const item of helpData.items) {
      expect(runs).toContain(item.command);
      expect(runs).toContain(item.description);
    }
  });

  it('adds buttons for actions', () => {
    const actions = executeActions(helpCard(helpData));
    expect(actions.map((action) => [action.title, action.verb])).toEqual([
      ['Notify a device', 'device.start'],
      ['History', 'history.show'],
    ]);
  });

  it('button data is the verb', () => {
    expect(actionTitled(helpCard(helpData), 'History')?.data).toEqual({ verb: 'history.show' });
  });

  it('shows the note', () => {
    expect(textRuns(helpCard(helpData))).toContain(helpData.note);
  });

  it('omits the missing note', () => {
    expect(objectsOfType(helpCard({ items: helpData.items }), 'RichTextBlock')).toHaveLength(helpData.items.length * 2);
  });
});

describe('deviceSearchCard', () => {
  const card = deviceSearchCard({ query: 'ada', error: 'Enter at least 2 characters.', message: 'Search again.' });

  it('labels the query input', () => {
    const input = inputWithId(card, 'query');
    expect(input?.label).toContain('Device');
    expect(input?.value).toBe('ada');
  });

  it('has a Search action', () => {
    const search = actionTitled(card, 'Search');
    expect(search?.verb).toBe('device.search');
    expect(search?.data).toEqual({ verb: 'device.search' });
  });

  it('shows the error under the input', () => {
    const body = bodyElements(card);
    const inputIndex = body.findIndex((element) => element.id === 'query');
    const errorIndex = body.findIndex((element) => containsRun(element, 'Enter at least 2 characters.'));
    expect(errorIndex).toBe(inputIndex + 1);
    expect(objectsOfType(body[errorIndex] ?? {}, 'TextRun')[0]?.color).toBe('Attention');
  });

  it('shows the message', () => {
    expect(textRuns(card)).toContain('Search again.');
  });

  it('drops error and message when absent', () => {
    expect(objectsOfType(deviceSearchCard({ query: '' }), 'RichTextBlock')).toHaveLength(0);
  });
});

describe('deviceResultsCard', () => {
  const card = deviceResultsCard(resultsData);

  it('shows each device', () => {
    const runs = textRuns(card);
    for (const result of resultsData.devices) {
      expect(runs).toContain(result.name);
      expect(runs).toContain(result.user);
      expect(runs).toContain(result.platform);
    }
  });

  it('offers Notify for eligible devices', () => {
    const picks = executeActions(card).filter((action) => action.verb === 'device.pick');
    expect(picks.map((action) => action.data)).toEqual([
      { verb: 'device.pick', searchId: 'search-1', deviceId: 'dev-ios' },
      { verb: 'device.pick', searchId: 'search-1', deviceId: 'dev-and' },
    ]);
  });

  it('titles pick buttons Notify', () => {
    const picks = executeActions(card).filter((action) => action.verb === 'device.pick');
    expect(picks.every((action) => action.title === 'Notify')).toBe(true);
  });

  it('pick ignores the refine box', () => {
    const picks = executeActions(card).filter((action) => action.verb === 'device.pick');
    expect(picks.every((action) => action.associatedInputs === 'none')).toBe(true);
  });

  it('explains ineligible devices', () => {
    expect(textRuns(card)).toContain("Windows devices can't receive custom notifications.");
  });

  it('gives ineligible devices no action', () => {
    const windows = objectsOfType(card, 'Container').find((container) => containsRun(container, 'LT-0043'));
    expect(windows).toBeDefined();
    expect(objectsOfType(windows ?? {}, 'Action.Execute')).toEqual([]);
  });

  it('marks eligible devices', () => {
    const ios = objectsOfType(card, 'Container').find((container) => containsRun(container, 'LT-0042'));
    expect(textBlocks(ios ?? {})).toContain('Can receive custom notifications.');
  });

  it('defaults a missing reason', () => {
    const bare = deviceResultsCard({ ...resultsData, devices: [{ id: 'x', name: 'X', user: 'u', platform: 'macOS', lastSync: '', eligible: false }] });
    expect(textRuns(bare)).toContain("This device can't receive custom notifications.");
  });

  it('prefills the refine box', () => {
    const input = inputWithId(card, 'query');
    expect(input?.value).toBe('LT');
    expect(input?.label).toContain('Device');
  });

  it('has a Search action', () => {
    expect(actionTitled(card, 'Search')?.verb).toBe('device.search');
  });

  it('says when truncated', () => {
    const truncated = deviceResultsCard({ ...resultsData, truncated: true });
    expect(textBlocks(truncated).join(' ')).toContain('Showing the first 3 matches, refine the search');
  });

  it('omits truncation note', () => {
    expect(textBlocks(card).join(' ')).not.toContain('Showing the first');
  });

  it('says when empty', () => {
    const empty = deviceResultsCard({ ...resultsData, devices: [] });
    expect(textBlocks(empty).join(' ')).toContain('No device');
    expect(executeActions(empty).map((action) => action.title)).toEqual(['Search']);
  });
});

describe('deviceComposeCard', () => {
  const fresh = deviceComposeCard(composeData);
  const withErrors = deviceComposeCard(composeWithErrors);

  it('labels the Title input', () => {
    const input = inputWithId(fresh, 'title');
    expect(input?.label).toBe('Title');
    expect(input?.maxLength).toBe(50);
  });

  it('labels the Body input', () => {
    const input = inputWithId(fresh, 'body');
    expect(input?.label).toBe('Body');
    expect(input?.isMultiline).toBe(true);
    expect(input?.maxLength).toBe(500);
  });

  it('keeps typed values', () => {
    expect(inputWithId(withErrors, 'title')?.value).toBe(composeWithErrors.title);
    expect(inputWithId(withErrors, 'body')?.value).toBe(composeWithErrors.body);
  });

  it('shows the device facts', () => {
    const runs = textRuns(fresh);
    expect(runs).toContain(device.name);
    expect(runs).toContain(device.user);
    expect(runs).toContain(device.platform);
  });

  it('shows the limits', () => {
    const blocks = textBlocks(fresh);
    expect(blocks).toContain('Up to 50 characters');
    expect(blocks).toContain('Up to 500 characters');
  });

  it('shows counters when re-shown', () => {
    const blocks = textBlocks(withErrors);
    expect(blocks).toContain('51/50 characters');
    expect(blocks).toContain('15/500 characters');
  });

  it('colours an exceeded counter', () => {
    const counter = objectsOfType(withErrors, 'TextBlock').find((block) => block.text === '51/50 characters');
    expect(counter?.color).toBe('Attention');
  });

  it('puts field errors under their fields', () => {
    const body = bodyElements(withErrors);
    const titleInput = body.findIndex((element) => element.id === 'title');
    const titleError = body.findIndex((element) => containsRun(element, 'Title is too long'));
    const bodyInput = body.findIndex((element) => element.id === 'body');
    const bodyError = body.findIndex((element) => containsRun(element, 'control character'));
    expect(titleInput).toBeLessThan(titleError);
    expect(titleError).toBeLessThan(bodyInput);
    expect(bodyInput).toBeLessThan(bodyError);
  });

  it('colours field errors', () => {
    const error = objectsOfType(withErrors, 'TextRun').find((run) => run.text === composeWithErrors.errors?.title);
    expect(error?.color).toBe('Attention');
  });

  it('puts the form error on top', () => {
    const body = bodyElements(withErrors);
    const formError = body.findIndex((element) => containsRun(element, 'Fix the fields below.'));
    const titleInput = body.findIndex((element) => element.id === 'title');
    expect(formError).toBeGreaterThan(-1);
    expect(formError).toBeLessThan(titleInput);
  });

  it('drops absent errors', () => {
    const attention = objectsOfType(fresh, 'TextRun').filter((run) => run.color === 'Attention');
    expect(attention).toEqual([]);
  });

  it('shows the quota', () => {
    expect(textBlocks(fresh)).toContain('This device has received 3 of 10 notifications this hour.');
  });

  it('shows the next slot', () => {
    expect(textBlocks(withErrors)).toContain('The next slot opens at 10:42 UTC.');
  });

  it('omits the next slot', () => {
    expect(textBlocks(fresh).join(' ')).not.toContain('next slot');
  });

  it('warns about Android', () => {
    expect(textBlocks(withErrors)).toContain(
      "Other apps on Android devices may be able to read notification content: don't include sensitive information.",
    );
  });

  it('omits the Android warning', () => {
    expect(textBlocks(fresh).join(' ')).not.toContain('Android');
  });

  it('has a Send action', () => {
    const send = actionTitled(fresh, 'Send');
    expect(send?.verb).toBe('device.send');
    expect(send?.data).toEqual({ verb: 'device.send', draftId: 'draft-1' });
    expect(send?.associatedInputs).toBeUndefined();
  });

  it('has a Cancel action', () => {
    const cancel = actionTitled(fresh, 'Cancel');
    expect(cancel?.verb).toBe('device.cancel');
    expect(cancel?.data).toEqual({ verb: 'device.cancel', draftId: 'draft-1' });
    expect(cancel?.associatedInputs).toBe('none');
  });
});

describe('deviceSendingCard', () => {
  const card = deviceSendingCard({ device, title: 'Restart', body: 'Please restart.' });

  it('says Sending', () => {
    expect(textBlocks(card)).toContain('Sending…');
  });

  it('shows the exact text', () => {
    expect(textRuns(card)).toContain('Restart');
    expect(textRuns(card)).toContain('Please restart.');
  });

  it('has no actions', () => {
    expect(executeActions(card)).toEqual([]);
  });
});

describe('deviceOutcomeCard', () => {
  const base = { device, title: 'Restart', body: 'Please restart.', at: '10:00 UTC' };

  it('confirms a send', () => {
    const card = deviceOutcomeCard({ ...base, outcome: 'sent', requestId: 'req-1' });
    expect(textRuns(card)).toContain('Sent to LT-0042 (ada@contoso.example)');
  });

  it('shows what was sent', () => {
    const runs = textRuns(deviceOutcomeCard({ ...base, outcome: 'sent' }));
    expect(runs).toContain('Restart');
    expect(runs).toContain('Please restart.');
    expect(runs).toContain('10:00 UTC');
  });

  it('shows the request id', () => {
    expect(textRuns(deviceOutcomeCard({ ...base, outcome: 'sent', requestId: 'req-1' }))).toContain('req-1');
  });

  it('omits a missing request id', () => {
    expect(textRuns(deviceOutcomeCard({ ...base, outcome: 'sent' })).join(' ')).not.toContain('request-id');
  });

  it('sent has no actions', () => {
    expect(executeActions(deviceOutcomeCard({ ...base, outcome: 'sent', draftId: 'draft-1' }))).toEqual([]);
  });

  it('failed shows the message', () => {
    const card = deviceOutcomeCard({ ...base, outcome: 'failed', message: 'The device no longer exists in Intune.' });
    expect(textRuns(card)).toContain('The device no longer exists in Intune.');
  });

  it('failed offers Edit and retry', () => {
    const retry = actionTitled(deviceOutcomeCard({ ...base, outcome: 'failed', draftId: 'draft-1' }), 'Edit and retry');
    expect(retry?.verb).toBe('device.edit');
    expect(retry?.data).toEqual({ verb: 'device.edit', draftId: 'draft-1' });
  });

  it('failed without draft has no actions', () => {
    expect(executeActions(deviceOutcomeCard({ ...base, outcome: 'failed' }))).toEqual([]);
  });

  it('failed has a default message', () => {
    expect(textRuns(deviceOutcomeCard({ ...base, outcome: 'failed' }))).toContain('The notification was not sent.');
  });

  it('unknown explains the timeout', () => {
    const text = textBlocks(deviceOutcomeCard({ ...base, outcome: 'unknown' })).join(' ');
    expect(text).toContain('Outcome unknown');
    expect(text).toContain('did not answer in time');
    expect(text).toContain("Don't resend it blindly");
  });

  it('unknown offers no actions', () => {
    expect(executeActions(deviceOutcomeCard({ ...base, outcome: 'unknown', draftId: 'draft-1' }))).toEqual([]);
  });

  it('unknown is not a confirmation', () => {
    expect(textRuns(deviceOutcomeCard({ ...base, outcome: 'unknown' })).join(' ')).not.toContain('Sent to');
  });
});

describe('noticeCard', () => {
  it.each([
    ['info', 'Accent'],
    ['good', 'Good'],
    ['warning', 'Warning'],
    ['attention', 'Attention'],
  ] as const)('%s tone colours the title', (tone, color) => {
    const title = objectsOfType(noticeCard({ title: 'T', text: 'x', tone }), 'TextRun').find((run) => run.text === 'T');
    expect(title?.color).toBe(color);
  });

  it('shows title and text', () => {
    const runs = textRuns(noticeCard({ title: 'Denied', text: 'You need the Help Desk Operator role.', tone: 'attention' }));
    expect(runs).toEqual(['Denied', 'You need the Help Desk Operator role.']);
  });
});

describe('cancelledCard', () => {
  it('says nothing was sent', () => {
    expect(textBlocks(cancelledCard({ what: 'Notification to LT-0042' }))).toContain('Cancelled. Nothing was sent.');
  });

  it('names what was cancelled', () => {
    expect(textRuns(cancelledCard({ what: 'Notification to LT-0042' }))).toContain('Notification to LT-0042');
  });
});

describe('renderCard', () => {
  it('returns independent copies', () => {
    const first = renderCard('cancelled', { what: { show: true, text: 'a' } });
    (first.body as unknown[]).length = 0;
    const second = renderCard('cancelled', { what: { show: true, text: 'a' } });
    expect((second.body as unknown[]).length).toBe(2);
  });

  it('drops parts switched off', () => {
    const card = renderCard('cancelled', { what: { show: false, text: '' } });
    expect((card.body as unknown[]).length).toBe(1);
  });
});
