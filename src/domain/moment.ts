import { AttuneError } from './errors';
import type { PersonId } from './people';
import { activePrinciples, type PrincipleKey, type PrincipleVocabulary } from './principles';
import type { StillImage } from './clips/still-image';

/**
 * Marks on a clip, all as times on the one encrypted source (nothing is cut or re-encoded):
 * a **moment** is a time range a trainee picked as "better than usual" (VIG suggests up to three short ones a
 * cycle, each at most ten seconds — beyond that is allowed, with a warning); a **still** is a time point; a
 * **comment** is a supervisor's or trainee's time-coded remark. Moments and comments carry principle tags,
 * each with the vocabulary version it was made with, so later edits to the vocabulary do not rewrite history.
 */
export interface PrincipleTag {
  readonly vocabularyId: string;
  readonly vocabularyVersion: number;
  readonly key: PrincipleKey;
  /** One of the principle's elements, or null for the principle as a whole. */
  readonly element: string | null;
}

export interface Moment {
  readonly id: string;
  readonly clipId: string;
  readonly enrolmentId: string;
  readonly cycleId: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly tags: readonly PrincipleTag[];
  readonly note: string | null;
  readonly createdBy: PersonId;
  readonly createdAt: string;
}

export interface Still {
  readonly id: string;
  readonly clipId: string;
  readonly enrolmentId: string;
  readonly atMs: number;
  readonly caption: string | null;
  readonly createdBy: PersonId;
  readonly createdAt: string;
  /** The frame itself, encrypted in the vault under the clip's key; absent until the tab sends it. */
  readonly image?: StillImage;
}

export interface ClipComment {
  readonly id: string;
  readonly clipId: string;
  readonly enrolmentId: string;
  readonly atMs: number;
  readonly endMs: number | null;
  readonly text: string;
  readonly tags: readonly PrincipleTag[];
  readonly authorId: PersonId;
  readonly createdAt: string;
}

export interface MomentRules {
  readonly maxPerCycle: number;
  readonly maxDurationMs: number;
}

export const defaultMomentRules: MomentRules = { maxPerCycle: 3, maxDurationMs: 10_000 };

export interface MomentWarning {
  readonly code: 'longer_than_suggested' | 'more_than_suggested_in_cycle';
  readonly message: string;
}

/** Warnings for a moment among the cycle's other moments (the new one excluded from `others`). */
export function momentWarnings(input: { moment: Pick<Moment, 'startMs' | 'endMs'>; othersInCycle: number; rules?: MomentRules }): MomentWarning[] {
  const rules = input.rules ?? defaultMomentRules;
  const out: MomentWarning[] = [];
  if (input.moment.endMs - input.moment.startMs > rules.maxDurationMs) {
    out.push({ code: 'longer_than_suggested', message: `Moments work best when they are at most ${rules.maxDurationMs / 1000} seconds long.` });
  }
  if (input.othersInCycle + 1 > rules.maxPerCycle) {
    out.push({ code: 'more_than_suggested_in_cycle', message: `A shared review usually uses at most ${rules.maxPerCycle} moments; this cycle now has ${input.othersInCycle + 1}.` });
  }
  return out;
}

/** Twelve hours: longer than any clip Attune stores. */
const maxMs = 12 * 60 * 60 * 1000;

export function timeMs(input: unknown, field: string): number {
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input > maxMs) {
    throw new AttuneError('invalid_input', `${field} must be a time in whole milliseconds from the start of the clip.`, [field]);
  }
  return input;
}

export function timeRange(input: { startMs: unknown; endMs: unknown }): { startMs: number; endMs: number } {
  const startMs = timeMs(input.startMs, 'startMs');
  const endMs = timeMs(input.endMs, 'endMs');
  if (endMs <= startMs) throw new AttuneError('invalid_input', 'A moment must end after it starts.', ['endMs']);
  return { startMs, endMs };
}

export function optionalText(input: unknown, options: { field: string; max: number }): string | null {
  if (input === undefined || input === null || input === '') return null;
  if (typeof input !== 'string') throw new AttuneError('invalid_input', `${options.field} must be text.`, [options.field]);
  if (Array.from(input).length > options.max) throw new AttuneError('invalid_input', `${options.field} can be at most ${options.max} characters.`, [options.field]);
  return cleanText(input) || null;
}

export function requiredText(input: unknown, options: { field: string; max: number }): string {
  const text = optionalText(input, options);
  if (!text) throw new AttuneError('invalid_input', `Write something in ${options.field}.`, [options.field]);
  return text;
}

// Keeps line breaks and tabs in longer text; removes other control and direction-override characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const unsafeInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const cleanText = (s: string): string => s.normalize('NFC').replace(unsafeInText, '').trim();

const maxTags = 12;

/** Reads principle tags against the vocabulary in force (its principles not retired); each tag records that vocabulary's id and version. */
export function principleTags(input: unknown, vocabulary: PrincipleVocabulary): PrincipleTag[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input) || input.length > maxTags) throw new AttuneError('invalid_input', `Give at most ${maxTags} principle tags.`, ['tags']);
  const seen = new Set<string>();
  const tags: PrincipleTag[] = [];
  for (const raw of input as unknown[]) {
    const t = typeof raw === 'string' ? { key: raw } : raw;
    if (typeof t !== 'object' || t === null) throw new AttuneError('invalid_input', 'Each tag names a principle.', ['tags']);
    const { key, element } = t as { key?: unknown; element?: unknown };
    const usable = activePrinciples(vocabulary);
    const principle = usable.find((p) => p.key === key);
    if (typeof key !== 'string' || !principle) {
      throw new AttuneError('invalid_input', `Tags must be principles of attuned interaction in use (${usable.map((p) => p.key).join(', ')}).`, ['tags']);
    }
    if (element !== undefined && element !== null && (typeof element !== 'string' || !principle.elements.includes(element))) {
      throw new AttuneError('invalid_input', `That element is not part of "${principle.label}".`, ['tags']);
    }
    const tag: PrincipleTag = { vocabularyId: vocabulary.id, vocabularyVersion: vocabulary.version, key: principle.key, element: typeof element === 'string' ? element : null };
    const id = `${tag.key}/${tag.element ?? ''}`;
    if (!seen.has(id)) tags.push(tag);
    seen.add(id);
  }
  return tags;
}
