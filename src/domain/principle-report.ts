import type { PrincipleTag } from './moment';
import { tagLabel, type PrincipleKey, type PrincipleVocabulary } from './principles';

/**
 * Which principles a trainee notices, month by month: the principles tagged on the moments they picked. It
 * feeds supervision ("you mostly see Being attentive; look for Guiding"). Tags count under their key, whatever
 * version they were made with, so a renamed principle stays one row; a retired one stays, marked retired.
 */
export interface PrincipleReport {
  /** Columns: the vocabulary in force in its order, then keys only older tags use. */
  readonly principles: readonly { readonly key: PrincipleKey; readonly label: string; readonly retired: boolean }[];
  /** One row per calendar month (UTC) with a moment, oldest first; counts are in `principles` order. */
  readonly months: readonly { readonly month: string; readonly moments: number; readonly counts: readonly number[] }[];
  readonly totals: readonly number[];
  readonly moments: number;
}

export function principleReport(input: { moments: readonly { readonly createdAt: string; readonly tags: readonly PrincipleTag[] }[]; inForce: PrincipleVocabulary; catalogue: readonly PrincipleVocabulary[] }): PrincipleReport {
  const columns = input.inForce.principles.map((p) => ({ key: p.key, label: p.label, retired: p.retired === true }));
  for (const m of input.moments) {
    for (const t of m.tags) if (!columns.some((c) => c.key === t.key)) columns.push({ key: t.key, label: tagLabel(input.catalogue, t), retired: true });
  }
  const byMonth = new Map<string, { moments: number; counts: number[] }>();
  for (const m of input.moments) {
    const month = m.createdAt.slice(0, 7);
    const row = byMonth.get(month) ?? { moments: 0, counts: columns.map(() => 0) };
    row.moments += 1;
    // A moment counts once per principle, even when tagged with several of its elements.
    for (const key of new Set(m.tags.map((t) => t.key))) row.counts[columns.findIndex((c) => c.key === key)]! += 1;
    byMonth.set(month, row);
  }
  const months = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, r]) => ({ month, moments: r.moments, counts: r.counts }));
  const totals = columns.map((_, i) => months.reduce((sum, m) => sum + (m.counts[i] ?? 0), 0));
  return { principles: columns, months, totals, moments: input.moments.length };
}
