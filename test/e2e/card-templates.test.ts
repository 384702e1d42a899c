/**
 * Every card the bot can send (test/support/all-cards.ts: the existing cards and the reminder cards, each in
 * the states that change it) is parsed by the `adaptivecards` library in Chromium, where the library runs,
 * as Adaptive Cards 1.5 with a Teams host config: any parse event (an unknown element or action type, a
 * property value the schema does not allow, a property newer than 1.5) or validation failure fails the
 * card, and so does a card the library cannot draw. Checked in Node alongside: each card declares a version
 * of at most 1.5, and every Action.Execute verb is one the card action contract knows.
 *
 * The page and the library are served from a loopback server on 127.0.0.1: nothing leaves the machine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'mocha';
import type { Browser, Page } from 'playwright-core';
import type * as AdaptiveCardsLibrary from 'adaptivecards';
import type { AdaptiveCard } from '../../bot/cards/template';
import { cardVerbs } from '../../src/contract/cards';
import { everyCard } from '../support/all-cards';
import { launchBrowser, watchPage } from '../support/browser';

const library = readFileSync(new URL('../../node_modules/adaptivecards/dist/adaptivecards.js', import.meta.url), 'utf8');
const pageHtml = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Card templates</title><script src="/adaptivecards.js"></script></head><body><main id="cards"></main></body></html>';

/** What the library made of one card in the page. */
interface Verdict {
  /** Parse events (errors and warnings the library collects while parsing), as "event: message". */
  readonly parse: string[];
  /** Failures of validateProperties, as "event: message". */
  readonly validation: string[];
  /**
   * Properties of the card's JSON that the library leaves out when it writes the parsed card back (toJSON at
   * 1.5), as "Type.name=value": a name it does not know (a typo, or a property Teams would ignore) is dropped
   * silently at parse, so only this shows it. The library also leaves out values that are its defaults.
   */
  readonly dropped: string[];
  /** The drawn card: its height in pixels, and the titles of its buttons. */
  readonly drawn: { readonly height: number; readonly buttons: string[] } | null;
  readonly error: string | null;
}

/**
 * Runs in the page: parses the card as 1.5, validates it and draws it. It declares no function inside (tsx
 * would wrap one in a helper the page does not have), so it serialises as it is.
 */
function judge(input: { card: unknown }): Verdict {
  const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCardsLibrary }).AdaptiveCards;
  const parse: string[] = [];
  const validation: string[] = [];
  const dropped: string[] = [];
  try {
    const card = new AC.AdaptiveCard();
    // Teams' host config in the Adaptive Cards designer allows six actions in a row; the rest are the library's defaults.
    card.hostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });
    // The card may be no newer than 1.5 (the default maximum is the library's latest, 1.6).
    card.maxVersion = AC.Versions.v1_5;
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    card.parse(input.card, context);
    for (let i = 0; i < context.eventCount; i++) parse.push(`${AC.ValidationEvent[context.getEventAt(i).event]}: ${context.getEventAt(i).message}`);
    for (const e of card.validateProperties().validationEvents) validation.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
    // The card as given and as the library writes it back, side by side, walked with a stack (no inner function).
    const stack: [unknown, unknown, string][] = [[input.card, card.toJSON(new AC.SerializationContext(AC.Versions.v1_5)), 'AdaptiveCard']];
    while (stack.length) {
      const [given, written, type] = stack.pop()!;
      if (Array.isArray(given)) given.forEach((g, i) => stack.push([g, Array.isArray(written) ? (written as unknown[])[i] : undefined, type]));
      else if (given && typeof given === 'object') {
        const here = typeof (given as { type?: unknown }).type === 'string' ? String((given as { type: string }).type) : type;
        for (const [k, v] of Object.entries(given)) {
          if (written && typeof written === 'object' && k in written) stack.push([v, (written as Record<string, unknown>)[k], `${here}.${k}`]);
          else dropped.push(`${here}.${k}=${JSON.stringify(v)}`);
        }
      }
    }
    const host = document.createElement('section');
    document.getElementById('cards')!.append(host);
    const element = card.render(host);
    const drawn = element ? { height: element.getBoundingClientRect().height, buttons: [...element.querySelectorAll('button')].map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()) } : null;
    return { parse, validation, dropped, drawn, error: null };
  } catch (e) {
    return { parse, validation, dropped, drawn: null, error: String(e) };
  }
}

/**
 * What the library leaves out when it writes a card back because it is its default (or empty), not because
 * it does not know it: a toggle's "true"/"false" values, a compact choice set, an empty action list.
 */
const writtenAsDefault = new Set(['Input.Toggle.valueOn="true"', 'Input.Toggle.valueOff="false"', 'Input.ChoiceSet.style="compact"', 'AdaptiveCard.actions=[]']);

type Node = Record<string, unknown>;

/** Every object in a card's JSON (its body, actions, refresh, shown cards), depth first. */
function nodesOf(n: unknown): Node[] {
  if (Array.isArray(n)) return n.flatMap(nodesOf);
  if (!n || typeof n !== 'object') return [];
  return [n as Node, ...Object.values(n).flatMap(nodesOf)];
}

/** "1.5" → [1, 5]; null when it is not major.minor. */
function versionOf(v: unknown): [number, number] | null {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

describe('every bot card template, parsed, validated and drawn by adaptivecards in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const cards = everyCard();

  before(async () => {
    // Not res.writeHead(…).end(…): restify (loaded by other tests in this process) replaces writeHead with one that returns nothing.
    server = createServer((req, res) => {
      const [status, type, body] = req.url === '/' ? [200, 'text/html; charset=utf-8', pageHtml] : req.url === '/adaptivecards.js' ? [200, 'text/javascript; charset=utf-8', library] : [404, 'text/plain', ''];
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await browser.newPage();
    problems = watchPage(page, { origin });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'AdaptiveCards' in window);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const check = async (card: unknown): Promise<Verdict> => page.evaluate(judge, { card });

  it('has Action.Execute registered, as the library’s ExecuteAction', async () => {
    const registered = await page.evaluate(() => {
      const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCardsLibrary }).AdaptiveCards;
      const r = AC.GlobalRegistry.actions.findByName('Action.Execute');
      return { found: Boolean(r), isExecute: r ? r.objectType === AC.ExecuteAction : false, version: r?.schemaVersion.toString() ?? '' };
    });
    assert.deepEqual(registered, { found: true, isExecute: true, version: '1.4' });
  });

  it('reports what the checks must catch: a version above 1.5, an unknown type, a value the schema does not allow, a misspelt property', async () => {
    const base = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi' }] };
    const clean = await check(base);
    assert.deepEqual({ parse: clean.parse, validation: clean.validation, error: clean.error }, { parse: [], validation: [], error: null }, 'a plain 1.5 card is clean');
    assert.match((await check({ ...base, version: '1.6' })).validation.join('\n'), /UnsupportedCardVersion/);
    assert.match((await check({ ...base, body: [{ type: 'Bogus.Element', text: 'x' }] })).parse.join('\n'), /UnknownElementType/);
    assert.match((await check({ ...base, actions: [{ type: 'Action.Bogus', title: 'x' }] })).parse.join('\n'), /UnknownActionType/);
    assert.match((await check({ ...base, body: [{ type: 'TextBlock', text: 'x', color: 'Purple' }] })).parse.join('\n'), /InvalidPropertyValue/);
    assert.match((await check({ ...base, body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] })).validation.join('\n'), /DuplicateId/);
    assert.deepEqual((await check({ ...base, body: [{ type: 'TextBlock', text: 'x', wrapp: true }] })).dropped, ['TextBlock.wrapp=true'], 'a misspelt property');
    assert.deepEqual((await check(base)).dropped, [], 'nothing dropped from a plain card');
    const seven = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Execute', title: `A${i}`, verb: 'progress.show' }));
    assert.match((await check({ ...base, actions: seven })).validation.join('\n'), /TooManyActions/);
  });

  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: 1.5 at most, known verbs, parsed and validated with no error, and drawn`, async () => {
      const aboveVersion = (v: unknown): boolean => {
        const parsed = versionOf(v);
        return !parsed || parsed[0] > 1 || (parsed[0] === 1 && parsed[1] > 5);
      };
      const shown = nodesOf(card).filter((n) => n.type === 'AdaptiveCard' && n !== card && n.version !== undefined);
      const verbs = nodesOf(card).filter((n) => n.type === 'Action.Execute').map((n) => n.verb);
      const reported = problems.length;
      const verdict = await check(card);
      const titles = ((card as AdaptiveCard & { actions?: Node[] }).actions ?? []).map((a) => String(a.title));
      const failures = [
        ...(aboveVersion(card.version) ? [`declares version ${JSON.stringify(card.version)}: Teams cards here are 1.5 at most`] : []),
        ...shown.filter((c) => aboveVersion(c.version)).map((c) => `a shown card declares version ${JSON.stringify(c.version)}`),
        ...verbs.filter((v) => typeof v !== 'string' || !(cardVerbs as readonly string[]).includes(v)).map((v) => `Action.Execute verb ${JSON.stringify(v)} is not one the card action contract knows`),
        ...verdict.parse.map((p) => `parse: ${p}`),
        ...verdict.validation.map((v) => `validation: ${v}`),
        ...verdict.dropped.filter((d) => !writtenAsDefault.has(d)).map((d) => `dropped by the library at 1.5 (a name or value it does not know): ${d}`),
        ...(verdict.error ? [`threw: ${verdict.error}`] : []),
        ...(verdict.drawn ? [] : ['the library drew nothing']),
        ...(verdict.drawn && verdict.drawn.height <= 0 ? ['drawn with no height'] : []),
        ...titles.filter((t) => verdict.drawn && !verdict.drawn.buttons.includes(t)).map((t) => `action "${t}" not drawn as a button`),
        ...problems.slice(reported).map((p) => `page: ${p}`),
      ];
      assert.deepEqual(failures, [], `${name}:\n  ${failures.join('\n  ')}`);
    });
  }
});
