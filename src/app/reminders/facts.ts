import { clipReviewDays, noReminderFacts, type Instant, type ReminderFacts, type ReminderPreferences, type SentReminder, type UnreachablePerson } from '../../domain/reminders/due';
import { sentOf, type OutboxRow } from '../../domain/reminders/delivery';
import { withDefaultRules, type ReminderRules } from '../../domain/reminders/rules';
import { personId, type PersonId } from '../../domain/people';
import type { Clip } from '../../domain/clips/clip';
import type { Enrolment } from '../../domain/practice';
import type { ClipStore } from '../../ports/clip-store';
import { enrolmentPartition, type DataStore, type Versioned } from '../../ports/data-store';
import type { ReminderStore, StoredMute, StoredSnooze, Undeliverable } from '../../ports/reminders';
import type { AppDeps } from '../deps';
import { conversationsOf } from '../conversations/card-deliveries';

/** Everything dueReminders reads, loaded from storage in one go. */
export interface ReminderWorld {
  readonly facts: ReminderFacts;
  readonly rules: ReadonlyMap<string, ReminderRules>;
  readonly people: ReadonlyMap<PersonId, ReminderPreferences>;
  readonly snoozes: readonly StoredSnooze[];
  readonly mutes: readonly StoredMute[];
  readonly outbox: readonly Versioned<OutboxRow>[];
  readonly sent: readonly SentReminder[];
  readonly firstSeen: ReadonlyMap<string, Instant>;
  readonly undeliverable: ReadonlyMap<PersonId, Undeliverable>;
}

const values = async <T>(p: Promise<Versioned<T>[]>): Promise<T[]> => (await p).map((v) => v.value);

/** Where the facts come from: the data store, the clip records (uploads, clips) and who cannot be reached. */
export interface ReminderFactSources extends AppDeps {
  readonly store: DataStore;
  /** Null where clip records are not at hand (clip reminders then have nothing to go on). */
  readonly clips: Pick<ClipStore, 'clips' | 'uploads'> | null;
  readonly reminders: Pick<ReminderStore, 'undeliverable'>;
}

/**
 * The records reminders are derived from: every enrolment's, or only those of `enrolmentIds` (a card's own).
 * A person Teams refused counts as unreachable until a newer conversation with the bot is stored.
 */
export async function loadReminderFacts(deps: ReminderFactSources, scope: { enrolmentIds?: readonly string[] } = {}): Promise<ReminderFacts> {
  const s = deps.store;
  const enrolments = scope.enrolmentIds
    ? (await Promise.all(scope.enrolmentIds.map((id) => s.enrolments.get({ partition: enrolmentPartition, id })))).flatMap((e) => (e ? [e.value] : []))
    : await values(s.enrolments.list());
  const clips = deps.clips;
  const perEnrolment = await Promise.all(
    enrolments.map(async (e) => {
      const [sessions, records, planned, contracts, cases, uploads, clipRows, cycles, meetings] = await Promise.all([
        values(s.supervision.list(e.id)),
        values(s.supervisionRecords.list(e.id)),
        values(s.plannedSupervision.list(e.id)),
        values(s.contracts.list(e.id)),
        values(s.cases.list(e.id)),
        clips ? values(clips.uploads.list(e.id)) : [],
        clips ? values(clips.clips.list(e.id)) : [],
        values(s.cycles.list(e.id)),
        values(s.meetings.list(e.id)),
      ]);
      return { sessions, records, planned, contracts, cases, uploads, clips: clipRows, cycles, meetings };
    }),
  );
  const clipViews = await clipViewsOf(deps, { clips: perEnrolment.flatMap((x) => x.clips), enrolments });
  const [services, refused, pathways] = await Promise.all([values(s.services.list()), values(deps.reminders.undeliverable.list()), values(s.pathways.list())]);
  const conversations = await conversationsOf(deps, refused.map((u) => u.personId));
  const unreachable: UnreachablePerson[] = refused
    .filter((u) => {
      const c = conversations.get(u.personId);
      return !c || u.conversationStoredAt >= c.storedAt;
    })
    .map((u) => ({ personId: u.personId, at: u.at, httpStatus: u.httpStatus }));
  return {
    ...noReminderFacts,
    enrolments,
    sessions: perEnrolment.flatMap((x) => x.sessions),
    records: perEnrolment.flatMap((x) => x.records),
    planned: perEnrolment.flatMap((x) => x.planned),
    contracts: perEnrolment.flatMap((x) => x.contracts),
    cases: perEnrolment.flatMap((x) => x.cases),
    uploads: perEnrolment.flatMap((x) => x.uploads),
    clips: perEnrolment.flatMap((x) => x.clips),
    cycles: perEnrolment.flatMap((x) => x.cycles),
    meetings: perEnrolment.flatMap((x) => x.meetings),
    pathways,
    clipViews,
    services,
    unreachable,
  };
}

const auditPage = 100;

/**
 * Who opened which clip, as far back as the clips that may still be waiting for review: the audit's
 * `view_clip` entries (written once when a playback starts), read per trainee, newest first, only while
 * some of that trainee's clips are young enough to count and not yet seen opened by their supervisor.
 */
async function clipViewsOf(deps: ReminderFactSources, input: { clips: readonly Clip[]; enrolments: readonly Enrolment[] }): Promise<{ clipId: string; personId: PersonId }[]> {
  const since = new Date(deps.clock.now().getTime() - clipReviewDays * 86_400_000).toISOString();
  const waiting = new Map<PersonId, Set<string>>();
  for (const e of input.enrolments) {
    const ids = input.clips.filter((c) => c.enrolmentId === e.id && c.state === 'available' && c.uploadedAt >= since).map((c) => c.id);
    if (ids.length) waiting.set(e.traineeId, new Set([...(waiting.get(e.traineeId) ?? []), ...ids]));
  }
  const views: { clipId: string; personId: PersonId }[] = [];
  await Promise.all(
    [...waiting].map(async ([traineeId, clipIds]) => {
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const page = await deps.audit.page({ subject: traineeId, limit: auditPage, cursor });
        for (const entry of page.entries) {
          if (entry.action === 'view_clip' && entry.outcome === 'allowed' && entry.actor && entry.object.kind === 'clip' && clipIds.has(entry.object.id)) views.push({ clipId: entry.object.id, personId: personId(entry.actor) });
        }
        const oldest = page.entries.at(-1)?.at;
        if (!page.next || (oldest !== undefined && oldest < since)) break;
        cursor = page.next;
      }
    }),
  );
  return views.sort((a, b) => a.clipId.localeCompare(b.clipId) || a.personId.localeCompare(b.personId));
}

export async function loadReminderWorld(deps: ReminderFactSources & { readonly reminders: ReminderStore }): Promise<ReminderWorld> {
  const r = deps.reminders;
  const facts = await loadReminderFacts(deps);
  const [rules, prefs, snoozes, mutes, outbox, seen, undeliverable] = await Promise.all([values(r.rules.list()), values(r.preferences.list()), values(r.snoozes.list()), values(r.mutes.list()), r.outbox.list(), values(r.firstSeen.list()), values(r.undeliverable.list())]);
  return {
    facts,
    rules: new Map(rules.map((x) => [x.serviceId, withDefaultRules(x.rules)])),
    people: new Map(prefs.map(({ personId, ...p }) => [personId, p])),
    snoozes,
    mutes,
    outbox,
    sent: outbox.map((o) => sentOf(o.value)),
    firstSeen: new Map(seen.map((f) => [f.subject, f.at])),
    undeliverable: new Map(undeliverable.map((u) => [u.personId, u])),
  };
}
