import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { cardChangeFor, cardViewOf, doneItemKeys, isSpent, outboxRowOf, type DeliveryState, type OutboxRow } from '../../../src/domain/reminders/delivery';
import { openKey, type ReminderItem } from '../../../src/domain/reminders/due';
import { renderReminderCard } from '../../../bot/cards/reminder-cards';
import { traineeId } from '../../fakes/domain-builders';

const item = (n: number): ReminderItem => ({ key: `record.write|s${n}|0`, subject: `record:e:s${n}`, about: { kind: 'record.write', enrolmentId: 'e', heldOn: `2026-05-0${n}`, sessionId: `s${n}`, plannedId: null } });
const digest = (state: DeliveryState, items = [item(1), item(2), item(3)]): OutboxRow => ({
  ...outboxRowOf({ key: 'record.write|digest|p|2026-05-10', ruleId: 'record.write', personId: traineeId, localDate: '2026-05-10', dueAt: '2026-05-10T08:00:00.000Z', itemKeys: items.map((i) => i.key), items }, { epoch: 1, at: '2026-05-10T08:00:00.000Z' }),
  state,
});
const openFor = (...ns: number[]): ReadonlySet<string> => new Set(ns.map((n) => openKey('record.write', item(n).subject)));
const delivered = (extra: Partial<Extract<DeliveryState, { status: 'delivered' }>> = {}): DeliveryState => ({ status: 'delivered', activityId: 'act-1', at: '2026-05-10T08:00:01.000Z', closing: false, ...extra });
const day = 86_400_000;

describe('Unit › reminder delivery (what a sent card needs next)', () => {
  it('knows which of a card’s items are done for its own rule', () => {
    assert.deepEqual(doneItemKeys(digest(delivered()), openFor(1, 3)), [item(2).key]);
    // Open for another rule only still counts as done for this one.
    assert.deepEqual(doneItemKeys(digest(delivered()), new Set([openKey('record.cosign', item(1).subject)])).length, 3);
  });

  it('updates a partly done digest once per change, closes it when all is done, and leaves others alone', () => {
    assert.equal(cardChangeFor(digest(delivered()), openFor(1, 2, 3)), null, 'nothing done');
    assert.deepEqual(cardChangeFor(digest(delivered()), openFor(1, 3)), { kind: 'update', doneItems: [item(2).key] });
    assert.equal(cardChangeFor(digest(delivered({ doneItems: [item(2).key] })), openFor(1, 3)), null, 'already shown');
    assert.deepEqual(cardChangeFor(digest(delivered({ doneItems: [item(2).key] })), openFor(3)), { kind: 'update', doneItems: [item(1).key, item(2).key] });
    assert.deepEqual(cardChangeFor(digest(delivered({ doneItems: [item(2).key] })), openFor()), { kind: 'close' });
    assert.equal(cardChangeFor(digest(delivered({ closing: true })), openFor()), null, 'a close is already queued');
    assert.equal(cardChangeFor(digest(delivered({ activityId: null })), openFor()), null, 'no activity to update');
    assert.equal(cardChangeFor(digest({ status: 'queued', enqueuedAt: '2026-05-10T08:00:00.000Z' }), openFor()), null);
  });

  it('removes finished rows only after keepDays, and never a row about something still open', () => {
    const now = Date.parse('2026-05-10T08:00:00.000Z');
    const at = '2026-05-10T08:00:00.000Z';
    const keep = { keepDays: 30 };
    const states: DeliveryState[] = [{ status: 'closed', activityId: 'a', at }, { status: 'cancelled', at }, { status: 'dead', reason: 'x', at }, { status: 'undeliverable', httpStatus: 403, at }, delivered({ at })];
    for (const s of states) {
      assert.equal(isSpent(digest(s), openFor(), { nowMs: now + 29 * day, ...keep }), false, `${s.status} is kept for 30 days`);
      assert.equal(isSpent(digest(s), openFor(), { nowMs: now + 30 * day, ...keep }), true, `${s.status} goes after 30 days`);
    }
    for (const s of [{ status: 'dead', reason: 'x', at } as const, { status: 'undeliverable', httpStatus: 404, at } as const, delivered({ at })]) {
      assert.equal(isSpent(digest(s), openFor(2), { nowMs: now + 400 * day, ...keep }), false, `${s.status} about an open thing stays: it keeps the occurrence from coming back`);
    }
    assert.equal(isSpent(digest({ status: 'queued', enqueuedAt: at }), openFor(), { nowMs: now + 400 * day, ...keep }), false);
    assert.equal(isSpent(digest({ status: 'sending', by: 'x', until: at }), openFor(), { nowMs: now + 400 * day, ...keep }), false);
    assert.equal(isSpent(digest(delivered({ at, closing: true })), openFor(), { nowMs: now + 400 * day, ...keep }), false, 'its close is still queued');
  });

  it('draws a partly done digest with the done items ticked and no buttons for them', () => {
    const row = digest(delivered());
    const card = JSON.stringify(renderReminderCard(cardViewOf(row, 'due', { doneItems: [item(2).key] })));
    assert.match(card, /1 of 3 done\./);
    assert.match(card, /The session on 2026-05-02: done ✓/);
    assert.doesNotMatch(card, /Write the record \(2026-05-02\)/);
    assert.match(card, /Write the record \(2026-05-01\)/);
    assert.match(card, /Write the record \(2026-05-03\)/);
    assert.deepEqual(cardViewOf(row, 'done', { doneItems: [item(2).key] }).doneItems, undefined, 'a done card shows everything done');
  });
});
