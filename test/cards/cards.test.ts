import { describe, expect, it } from 'vitest';

import { cancelledCard } from '../../cards/cancelled.js';
import { deviceComposeCard, type DeviceComposeCardData } from '../../cards/device-compose.js';
import { deviceOutcomeCard } from '../../cards/device-outcome.js';
import { deviceResultsCard, type DeviceResultsCardData } from '../../cards/device-results.js';
import { deviceSearchCard } from '../../cards/device-search.js';
import { deviceSendingCard } from '../../cards/device-sending.js';
import { groupAssignmentsCard, type GroupAssignmentsCardData } from '../../cards/group-assignments.js';
import { groupBasicsCard, type GroupBasicsCardData } from '../../cards/group-basics.js';
import { groupOutcomeCard } from '../../cards/group-outcome.js';
import { groupReviewCard, type GroupReviewCardData } from '../../cards/group-review.js';
import { groupSendingCard } from '../../cards/group-sending.js';
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

const basicsData: GroupBasicsCardData = {
  draftId: 'draft-g',
  title: '',
  body: '',
  limits: { title: 50, body: 500 },
  counts: { title: 0, body: 0 },
};

const basicsWithErrors: GroupBasicsCardData = {
  ...basicsData,
  title: 'x'.repeat(51),
  body: 'Building closed.',
  errors: { title: 'Title is too long: 51 characters, at most 50.', body: 'Body contains a control character.', form: 'Fix the fields below.' },
  counts: { title: 51, body: 16 },
};

const assignmentsData: GroupAssignmentsCardData = {
  draftId: 'draft-g',
  selected: [{ id: 'g-sales', name: 'Sales' }],
  maxGroups: 25,
  query: 'S',
  searched: true,
  results: [
    { id: 'g-sales', name: 'Sales', description: 'Everyone in sales', selected: true },
    { id: 'g-support', name: 'Support', description: 'First-line support', selected: false },
    { id: 'g-staff', name: 'Staff', description: '', selected: false },
  ],
  resultsTruncated: false,
};

const assignmentsFresh: GroupAssignmentsCardData = {
  draftId: 'draft-g',
  selected: [],
  maxGroups: 25,
  query: '',
  searched: false,
  results: [],
  resultsTruncated: false,
};

const fullSelection = Array.from({ length: 25 }, (_, index) => ({ id: `g-${index}`, name: `Group ${index}` }));

const reviewData: GroupReviewCardData = {
  draftId: 'draft-g',
  title: 'Building closed',
  body: 'The office is closed on Friday.',
  groups: [
    { id: 'g-sales', name: 'Sales', users: 12, devices: 0 },
    { id: 'g-lab', name: 'Lab', users: 1, devices: 3, warning: 'Only devices are members of this group besides one user.' },
  ],
  quota: { used: 3, limit: 25 },
};

const reviewFull: GroupReviewCardData = {
  ...reviewData,
  quota: { used: 25, limit: 25, nextSlotAt: '10:42 UTC' },
  error: 'The tenant has reached its hourly limit.',
};

const groupNames = [{ name: 'Sales' }, { name: 'Lab' }];

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
    ['group basics', groupBasicsCard(basicsData)],
    ['group basics with errors', groupBasicsCard(basicsWithErrors)],
    ['group assignments fresh', groupAssignmentsCard(assignmentsFresh)],
    ['group assignments with results', groupAssignmentsCard(assignmentsData)],
    [
      'group assignments truncated',
      groupAssignmentsCard({ ...assignmentsData, resultsTruncated: true, message: 'Added Sales.', error: 'Support no longer exists.' }),
    ],
    ['group assignments no match', groupAssignmentsCard({ ...assignmentsData, results: [] })],
    ['group assignments empty query', groupAssignmentsCard({ ...assignmentsData, query: '', results: [] })],
    ['group assignments full', groupAssignmentsCard({ ...assignmentsData, selected: fullSelection })],
    ['group review', groupReviewCard(reviewData)],
    ['group review quota full', groupReviewCard(reviewFull)],
    ['group review without groups', groupReviewCard({ ...reviewData, groups: [] })],
    ['group sending', groupSendingCard({ title: 'Building closed', body: 'Closed on Friday.', groups: groupNames })],
    [
      'group outcome sent',
      groupOutcomeCard({ outcome: 'sent', title: 'T', body: 'B', groups: groupNames, at: '10:00 UTC', requestId: 'req-g' }),
    ],
    ['group outcome sent without id', groupOutcomeCard({ outcome: 'sent', title: 'T', body: 'B', groups: groupNames, at: '10:00 UTC' })],
    [
      'group outcome failed',
      groupOutcomeCard({ outcome: 'failed', title: 'T', body: 'B', groups: groupNames, at: '10:00 UTC', message: 'A group was deleted.', draftId: 'draft-g' }),
    ],
    ['group outcome failed without draft', groupOutcomeCard({ outcome: 'failed', title: 'T', body: 'B', groups: groupNames, at: '10:00 UTC' })],
    ['group outcome unknown', groupOutcomeCard({ outcome: 'unknown', title: 'T', body: 'B', groups: groupNames, at: '10:00 UTC', draftId: 'draft-g' })],
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
    [
      'group basics',
      groupBasicsCard({
        ...basicsWithErrors,
        title,
        body,
        errors: { title: text('title error'), body: text('body error'), form: text('form error') },
      }),
      [text('title error'), text('body error'), text('form error')],
    ],
    [
      'group assignments',
      groupAssignmentsCard({
        ...assignmentsData,
        selected: [{ id: 'g1', name: text('selected') }],
        query: text('query'),
        results: [
          { id: 'g1', name: text('selected'), description: text('selected description'), selected: true },
          { id: 'g2', name: text('result'), description: text('description'), selected: false },
        ],
        resultsTruncated: true,
        message: text('message'),
        error: text('error'),
      }),
      [text('selected'), text('selected description'), text('result'), text('description'), text('query'), text('message'), text('error')],
    ],
    [
      'group review',
      groupReviewCard({
        ...reviewFull,
        title,
        body,
        groups: [{ id: 'g1', name: text('group'), users: 2, devices: 1, warning: text('warning') }],
        error: text('error'),
      }),
      [title, body, text('group'), text('warning'), text('error')],
    ],
    [
      'group sending',
      groupSendingCard({ title, body, groups: [{ name: text('group one') }, { name: text('group two') }] }),
      [title, body, text('group one'), text('group two')],
    ],
    [
      'group outcome sent',
      groupOutcomeCard({ outcome: 'sent', title, body, groups: [{ name: text('group') }], at: text('at'), requestId: text('id') }),
      [title, body, text('group'), text('at'), text('id')],
    ],
    [
      'group outcome failed',
      groupOutcomeCard({ outcome: 'failed', title, body, groups: [{ name: text('group') }], at: 'now', message: text('message'), draftId: 'draft-g' }),
      [title, body, text('group'), text('message')],
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

  it('group search keeps the raw query', () => {
    const card = groupAssignmentsCard({ ...assignmentsData, query: hostile('query') });
    expect(inputWithId(card, 'query')?.value).toBe(hostile('query'));
  });

  it('basics inputs keep raw values', () => {
    const card = groupBasicsCard({ ...basicsData, title: dated, body: hostile('body') });
    expect(inputWithId(card, 'title')?.value).toBe(dated);
    expect(inputWithId(card, 'body')?.value).toBe(hostile('body'));
  });

  it('review text stays literal', () => {
    const card = groupReviewCard({ ...reviewData, title: dated, body: longBody });
    const renderedText = renderWithLibrary(card).text.replaceAll('\u2060', '');
    expect(renderedText).toContain(dated);
    expect(textRuns(card)).toContain(longBody);
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
    expect(text).toContain('did not confirm this send');
    expect(text).toContain("Don't resend it blindly");
  });

  it('unknown offers no actions', () => {
    expect(executeActions(deviceOutcomeCard({ ...base, outcome: 'unknown', draftId: 'draft-1' }))).toEqual([]);
  });

  it('unknown is not a confirmation', () => {
    expect(textRuns(deviceOutcomeCard({ ...base, outcome: 'unknown' })).join(' ')).not.toContain('Sent to');
  });
});

// ---------------------------------------------------------------- group wizard

const groupVerbs = [
  'groups.basics.next',
  'groups.cancel',
  'groups.search',
  'groups.add',
  'groups.remove',
  'groups.back',
  'groups.assignments.next',
  'groups.create',
  'groups.edit',
];

describe('group cards', () => {
  const cases = representativeCards().filter(([name]) => name.startsWith('group'));

  it('covers every group card', () => {
    expect(cases).toHaveLength(17);
  });

  it.each(cases)('%s uses only group verbs', (_name, card) => {
    const unknown = executeActions(card).filter((action) => !groupVerbs.includes(String(action.verb)));
    expect(unknown).toEqual([]);
  });

  it.each(cases)('%s sends the draft id', (_name, card) => {
    for (const action of executeActions(card)) {
      expect(action.data).toMatchObject({ draftId: 'draft-g' });
    }
  });

  it.each([
    ['basics', groupBasicsCard(basicsData), 'Step 1 of 3: Basics'],
    ['assignments', groupAssignmentsCard(assignmentsData), 'Step 2 of 3: Assignments'],
    ['review', groupReviewCard(reviewData), 'Step 3 of 3: Review + Create'],
  ] as const)('%s names its step', (_name, card, step) => {
    const blocks = textBlocks(card);
    expect(blocks[0]).toBe('Notify groups');
    expect(blocks[1]).toBe(step);
  });

  it.each([
    ['basics', groupBasicsCard(basicsData)],
    ['assignments', groupAssignmentsCard(assignmentsData)],
    ['review', groupReviewCard(reviewData)],
  ] as const)('%s cancel sends no inputs', (_name, card) => {
    const cancel = actionTitled(card, 'Cancel');
    expect(cancel?.verb).toBe('groups.cancel');
    expect(cancel?.data).toEqual({ verb: 'groups.cancel', draftId: 'draft-g' });
    expect(cancel?.associatedInputs).toBe('none');
  });
});

describe('groupBasicsCard', () => {
  const fresh = groupBasicsCard(basicsData);
  const withErrors = groupBasicsCard(basicsWithErrors);

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
    expect(inputWithId(withErrors, 'title')?.value).toBe(basicsWithErrors.title);
    expect(inputWithId(withErrors, 'body')?.value).toBe(basicsWithErrors.body);
  });

  it('shows the limits', () => {
    const blocks = textBlocks(fresh);
    expect(blocks).toContain('Up to 50 characters');
    expect(blocks).toContain('Up to 500 characters');
  });

  it('shows counters when re-shown', () => {
    const blocks = textBlocks(withErrors);
    expect(blocks).toContain('51/50 characters');
    expect(blocks).toContain('16/500 characters');
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
    const error = objectsOfType(withErrors, 'TextRun').find((run) => run.text === basicsWithErrors.errors?.body);
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
    expect(objectsOfType(fresh, 'TextRun')).toEqual([]);
  });

  it('has a Next action', () => {
    const next = actionTitled(fresh, 'Next');
    expect(next?.verb).toBe('groups.basics.next');
    expect(next?.data).toEqual({ verb: 'groups.basics.next', draftId: 'draft-g' });
    expect(next?.associatedInputs).toBeUndefined();
  });

  it('orders Next before Cancel', () => {
    expect(executeActions(fresh).map((action) => action.title)).toEqual(['Next', 'Cancel']);
  });
});

describe('groupAssignmentsCard', () => {
  const card = groupAssignmentsCard(assignmentsData);
  const fresh = groupAssignmentsCard(assignmentsFresh);
  const resultRow = (target: AdaptiveCard, description: string) =>
    objectsOfType(target, 'ColumnSet').find((row) => containsRun(row, description)) ?? {};

  it('counts the selection', () => {
    expect(textBlocks(card)).toContain('Selected groups (1 of 25)');
  });

  it('lists selected groups', () => {
    const selectedRow = objectsOfType(card, 'ColumnSet')[0] ?? {};
    expect(textRuns(selectedRow)).toEqual(['Sales']);
  });

  it('offers Remove per group', () => {
    const removes = executeActions(groupAssignmentsCard({ ...assignmentsData, selected: [...assignmentsData.selected, { id: 'g-lab', name: 'Lab' }] }))
      .filter((action) => action.verb === 'groups.remove');
    expect(removes.map((action) => action.data)).toEqual([
      { verb: 'groups.remove', draftId: 'draft-g', groupId: 'g-sales' },
      { verb: 'groups.remove', draftId: 'draft-g', groupId: 'g-lab' },
    ]);
  });

  it('titles remove buttons Remove', () => {
    const removes = executeActions(card).filter((action) => action.verb === 'groups.remove');
    expect(removes.map((action) => action.title)).toEqual(['Remove']);
  });

  it('remove sends no inputs', () => {
    const removes = executeActions(card).filter((action) => action.verb === 'groups.remove');
    expect(removes.every((action) => action.associatedInputs === 'none')).toBe(true);
  });

  it('says when nothing is selected', () => {
    expect(textBlocks(fresh)).toContain('No groups selected yet.');
    expect(textBlocks(fresh)).toContain('Selected groups (0 of 25)');
  });

  it('omits the empty note', () => {
    expect(textBlocks(card)).not.toContain('No groups selected yet.');
  });

  it('explains group targeting', () => {
    expect(textBlocks(fresh)).toContain(
      "Intune sends to the users in these groups. Nested groups are included but don't count toward the 25; devices in the groups are ignored.",
    );
  });

  it('labels the query input', () => {
    const input = inputWithId(card, 'query');
    expect(input?.label).toContain('Group');
    expect(input?.value).toBe('S');
  });

  it('has a Search action', () => {
    const search = actionTitled(card, 'Search');
    expect(search?.verb).toBe('groups.search');
    expect(search?.data).toEqual({ verb: 'groups.search', draftId: 'draft-g' });
    expect(search?.associatedInputs).toBeUndefined();
  });

  it('names the searched query', () => {
    const matches = objectsOfType(card, 'RichTextBlock').find((block) => containsRun(block, 'Matches for: '));
    expect(textRuns(matches ?? {})).toEqual(['Matches for: ', 'S']);
  });

  it('omits the query before a search', () => {
    const unsearched = groupAssignmentsCard({ ...assignmentsData, searched: false });
    expect(textRuns(unsearched)).not.toContain('Matches for: ');
  });

  it('shows each result', () => {
    const runs = textRuns(card);
    expect(runs).toContain('Support');
    expect(runs).toContain('First-line support');
    expect(runs).toContain('Staff');
  });

  it('omits an empty description', () => {
    expect(textRuns(resultRow(card, 'Staff'))).toEqual(['Staff']);
  });

  it('offers Add for unselected results', () => {
    const adds = executeActions(card).filter((action) => action.verb === 'groups.add');
    expect(adds.map((action) => action.data)).toEqual([
      { verb: 'groups.add', draftId: 'draft-g', groupId: 'g-support' },
      { verb: 'groups.add', draftId: 'draft-g', groupId: 'g-staff' },
    ]);
  });

  it('add sends no inputs', () => {
    const adds = executeActions(card).filter((action) => action.verb === 'groups.add');
    expect(adds.map((action) => [action.title, action.associatedInputs])).toEqual([
      ['Add', 'none'],
      ['Add', 'none'],
    ]);
  });

  it('marks selected results', () => {
    const row = resultRow(card, 'Everyone in sales');
    expect(textBlocks(row)).toEqual(['Selected']);
    expect(executeActions(row)).toEqual([]);
  });

  it('hides results before a search', () => {
    const unsearched = groupAssignmentsCard({ ...assignmentsData, searched: false });
    expect(executeActions(unsearched).filter((action) => action.verb === 'groups.add')).toEqual([]);
    expect(textRuns(unsearched)).not.toContain('Support');
  });

  it('says when nothing matches', () => {
    const empty = groupAssignmentsCard({ ...assignmentsData, results: [] });
    expect(textBlocks(empty)).toContain('No group matches this search.');
  });

  it('omits no-match before a search', () => {
    expect(textBlocks(fresh)).not.toContain('No group matches this search.');
  });

  it('says when truncated', () => {
    const truncated = groupAssignmentsCard({ ...assignmentsData, resultsTruncated: true });
    expect(textBlocks(truncated)).toContain('Showing the first 3 matches, refine the search.');
  });

  it('omits truncation note', () => {
    expect(textBlocks(card).join(' ')).not.toContain('Showing the first');
  });

  it('warns when the selection is full', () => {
    const full = groupAssignmentsCard({ ...assignmentsData, selected: fullSelection });
    expect(textBlocks(full)).toContain('Selected groups (25 of 25)');
    expect(textBlocks(full)).toContain('That is the maximum: remove a group before adding another.');
  });

  it('omits the full warning', () => {
    expect(textBlocks(card).join(' ')).not.toContain('maximum');
  });

  it('shows message and error on top', () => {
    const withNotes = groupAssignmentsCard({ ...assignmentsData, message: 'Added Support.', error: 'Lab no longer exists.' });
    const body = bodyElements(withNotes);
    const heading = body.findIndex((element) => String(element.text).startsWith('Selected groups'));
    const error = body.findIndex((element) => containsRun(element, 'Lab no longer exists.'));
    const message = body.findIndex((element) => containsRun(element, 'Added Support.'));
    expect(error).toBeGreaterThan(-1);
    expect(error).toBeLessThan(heading);
    expect(message).toBeGreaterThan(-1);
    expect(message).toBeLessThan(heading);
  });

  it('colours message and error', () => {
    const withNotes = groupAssignmentsCard({ ...assignmentsData, message: 'Added Support.', error: 'Lab no longer exists.' });
    const runs = objectsOfType(withNotes, 'TextRun');
    expect(runs.find((run) => run.text === 'Lab no longer exists.')?.color).toBe('Attention');
    expect(runs.find((run) => run.text === 'Added Support.')?.color).toBe('Accent');
  });

  it('has a Back action', () => {
    const back = actionTitled(card, 'Back');
    expect(back?.verb).toBe('groups.back');
    expect(back?.data).toEqual({ verb: 'groups.back', draftId: 'draft-g', step: 'basics' });
    expect(back?.associatedInputs).toBe('none');
  });

  it('has a Next action', () => {
    const next = actionTitled(card, 'Next');
    expect(next?.verb).toBe('groups.assignments.next');
    expect(next?.data).toEqual({ verb: 'groups.assignments.next', draftId: 'draft-g' });
    expect(next?.associatedInputs).toBe('none');
  });

  it('ends with Back, Next, Cancel', () => {
    const last = bodyElements(card).at(-1) ?? {};
    expect(executeActions(last).map((action) => action.title)).toEqual(['Back', 'Next', 'Cancel']);
  });
});

describe('groupReviewCard', () => {
  const card = groupReviewCard(reviewData);
  const full = groupReviewCard(reviewFull);

  it('shows the exact text', () => {
    const runs = textRuns(card);
    expect(runs).toContain('Building closed');
    expect(runs).toContain('The office is closed on Friday.');
  });

  it('shows each group', () => {
    const runs = textRuns(card);
    expect(runs).toContain('Sales');
    expect(runs).toContain('Lab');
  });

  it('counts users', () => {
    const blocks = textBlocks(card);
    expect(blocks).toContain('12 users');
    expect(blocks).toContain('1 user');
  });

  it('counts ignored devices', () => {
    expect(textBlocks(card)).toContain('3 devices (ignored)');
  });

  it('omits zero devices', () => {
    const sales = objectsOfType(card, 'Container').find((container) => containsRun(container, 'Sales')) ?? {};
    expect(textBlocks(sales).join(' ')).not.toContain('devices');
  });

  it('colours warnings', () => {
    const warning = objectsOfType(card, 'TextRun').find((run) => run.text === reviewData.groups[1]?.warning);
    expect(warning?.color).toBe('Warning');
  });

  it('shows the quota', () => {
    expect(textBlocks(card)).toContain('Group notifications sent in this tenant in the last hour: 3 of 25');
  });

  it('colours a full quota', () => {
    const quota = objectsOfType(full, 'TextBlock').find((block) => String(block.text).startsWith('Group notifications sent'));
    expect(quota?.color).toBe('Attention');
  });

  it('shows the next slot', () => {
    expect(textBlocks(full)).toContain('The next slot opens at 10:42 UTC.');
  });

  it('omits the next slot', () => {
    expect(textBlocks(card).join(' ')).not.toContain('next slot');
  });

  it('warns about Android', () => {
    expect(textBlocks(card)).toContain("On Android, other apps may be able to read notification content: don't include sensitive information.");
  });

  it('notes delivery limits', () => {
    expect(textBlocks(card).join(' ')).toContain("Intune doesn't guarantee delivery, and notifications may be delayed");
  });

  it('puts the error on top', () => {
    const body = bodyElements(full);
    const error = body.findIndex((element) => containsRun(element, 'hourly limit'));
    const title = body.findIndex((element) => containsRun(element, 'Building closed'));
    expect(error).toBeGreaterThan(-1);
    expect(error).toBeLessThan(title);
  });

  it('colours the error', () => {
    const error = objectsOfType(full, 'TextRun').find((run) => run.text === reviewFull.error);
    expect(error?.color).toBe('Attention');
  });

  it('drops an absent error', () => {
    expect(objectsOfType(card, 'TextRun').filter((run) => run.color === 'Attention')).toEqual([]);
  });

  it('has a Create action', () => {
    const create = actionTitled(card, 'Create');
    expect(create?.verb).toBe('groups.create');
    expect(create?.data).toEqual({ verb: 'groups.create', draftId: 'draft-g' });
  });

  it('has a Back action', () => {
    const back = actionTitled(card, 'Back');
    expect(back?.verb).toBe('groups.back');
    expect(back?.data).toEqual({ verb: 'groups.back', draftId: 'draft-g', step: 'assignments' });
  });

  it('orders Create, Back, Cancel', () => {
    expect(executeActions(card).map((action) => action.title)).toEqual(['Create', 'Back', 'Cancel']);
  });
});

describe('groupSendingCard', () => {
  const card = groupSendingCard({ title: 'Building closed', body: 'Closed on Friday.', groups: groupNames });

  it('says Sending', () => {
    expect(textBlocks(card)).toContain('Sending…');
  });

  it('shows the exact text', () => {
    expect(textRuns(card)).toContain('Building closed');
    expect(textRuns(card)).toContain('Closed on Friday.');
  });

  it('names the groups', () => {
    expect(textRuns(card)).toContain('Sales');
    expect(textRuns(card)).toContain('Lab');
  });

  it('names an unnamed group', () => {
    expect(textRuns(groupSendingCard({ title: 't', body: 'b', groups: [{ name: '' }] }))).toContain('(unnamed group)');
  });

  it('has no actions', () => {
    expect(executeActions(card)).toEqual([]);
  });
});

describe('groupOutcomeCard', () => {
  const base = { title: 'Building closed', body: 'Closed on Friday.', groups: groupNames, at: '10:00 UTC' };

  it('confirms a send', () => {
    expect(textBlocks(groupOutcomeCard({ ...base, outcome: 'sent' }))).toContain('Sent to 2 groups');
  });

  it('confirms a send to one group', () => {
    expect(textBlocks(groupOutcomeCard({ ...base, groups: [{ name: 'Sales' }], outcome: 'sent' }))).toContain('Sent to 1 group');
  });

  it('shows what was sent', () => {
    const runs = textRuns(groupOutcomeCard({ ...base, outcome: 'sent' }));
    expect(runs).toContain('Sales');
    expect(runs).toContain('Lab');
    expect(runs).toContain('Building closed');
    expect(runs).toContain('Closed on Friday.');
    expect(runs).toContain('10:00 UTC');
  });

  it('shows the request id', () => {
    expect(textRuns(groupOutcomeCard({ ...base, outcome: 'sent', requestId: 'req-g' }))).toContain('req-g');
  });

  it('omits a missing request id', () => {
    expect(textRuns(groupOutcomeCard({ ...base, outcome: 'sent' })).join(' ')).not.toContain('request-id');
  });

  it('sent has no actions', () => {
    expect(executeActions(groupOutcomeCard({ ...base, outcome: 'sent', draftId: 'draft-g' }))).toEqual([]);
  });

  it('failed shows the message', () => {
    const card = groupOutcomeCard({ ...base, outcome: 'failed', message: 'One of the groups no longer exists.' });
    expect(textRuns(card)).toContain('One of the groups no longer exists.');
  });

  it('failed offers Edit and retry', () => {
    const retry = actionTitled(groupOutcomeCard({ ...base, outcome: 'failed', draftId: 'draft-g' }), 'Edit and retry');
    expect(retry?.verb).toBe('groups.edit');
    expect(retry?.data).toEqual({ verb: 'groups.edit', draftId: 'draft-g' });
  });

  it('failed without draft has no actions', () => {
    expect(executeActions(groupOutcomeCard({ ...base, outcome: 'failed' }))).toEqual([]);
  });

  it('failed has a default message', () => {
    expect(textRuns(groupOutcomeCard({ ...base, outcome: 'failed' }))).toContain('The notification was not sent.');
  });

  it('failed is not a confirmation', () => {
    expect(textBlocks(groupOutcomeCard({ ...base, outcome: 'failed' })).join(' ')).not.toContain('Sent to');
  });

  it('unknown explains the timeout', () => {
    const text = textBlocks(groupOutcomeCard({ ...base, outcome: 'unknown' })).join(' ');
    expect(text).toContain('Outcome unknown');
    expect(text).toContain('did not confirm this send');
    expect(text).toContain("Don't resend it blindly");
  });

  it('unknown offers no actions', () => {
    expect(executeActions(groupOutcomeCard({ ...base, outcome: 'unknown', draftId: 'draft-g' }))).toEqual([]);
  });

  it('unknown is not a confirmation', () => {
    expect(textBlocks(groupOutcomeCard({ ...base, outcome: 'unknown' })).join(' ')).not.toContain('Sent to');
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
