import { createRequire } from 'node:module';
import { Window } from 'happy-dom';

import type { AdaptiveCard } from '../../cards/types.js';

// The adaptivecards 3.0.6 `lib/` build uses extensionless ESM imports that plain Node can't resolve,
// so the tests load its UMD bundle instead. Rendering needs a DOM, which happy-dom provides.
interface LibraryEvent {
  message: string;
}

interface LibraryCard {
  parse(source: unknown, context: unknown): void;
  validateProperties(): { validationEvents: LibraryEvent[] };
  render(): { textContent: string | null } | undefined;
}

interface MarkdownResult {
  didProcess: boolean;
  outputHtml?: string;
}

interface AdaptiveCardsLibrary {
  AdaptiveCard: (new () => LibraryCard) & {
    onProcessMarkdown?: (text: string, result: MarkdownResult) => void;
  };
  SerializationContext: new (version: unknown) => {
    eventCount: number;
    getEventAt(index: number): LibraryEvent;
  };
  Versions: { v1_5: unknown };
}

let library: AdaptiveCardsLibrary | undefined;
let markdownInputs: string[] = [];

function installDom(): void {
  const window = new Window();
  const globals = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (!(key in globals)) {
      globals[key] = (window as unknown as Record<string, unknown>)[key];
    }
  }
  globals.window = window;
}

function loadLibrary(): AdaptiveCardsLibrary {
  if (library) {
    return library;
  }

  installDom();
  const require = createRequire(import.meta.url);
  library = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary;
  // Records every text the renderer would send through markdown, without processing it.
  library.AdaptiveCard.onProcessMarkdown = (text, result) => {
    markdownInputs.push(text);
    result.didProcess = false;
  };
  return library;
}

/** Parses and validates a card with the reference renderer; returns every message it reports. */
export function libraryProblems(card: AdaptiveCard): string[] {
  const ac = loadLibrary();
  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext(ac.Versions.v1_5);
  parsed.parse(card, context);

  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(`parse: ${context.getEventAt(index).message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validation: ${event.message}`);
  }
  return problems;
}

/** Renders a card to the DOM; returns its text and the texts the renderer sent through markdown. */
export function renderWithLibrary(card: AdaptiveCard): { text: string; markdownInputs: string[] } {
  const ac = loadLibrary();
  const parsed = new ac.AdaptiveCard();
  parsed.parse(card, new ac.SerializationContext(ac.Versions.v1_5));

  markdownInputs = [];
  const element = parsed.render();
  return { text: element?.textContent ?? '', markdownInputs };
}
