/**
 * The principles of attuned interaction and guidance, as versioned reference data a service can edit.
 * Tags store the vocabulary version they were made with, so a label renamed or a principle retired in a later
 * version never rewrites what an old tag says. A saved version is never changed: editing saves the next one.
 */
export interface Principle {
  readonly key: PrincipleKey;
  readonly label: string;
  readonly elements: readonly string[];
  /** Kept so old tags and reports still read, but no longer offered for new tags. */
  readonly retired?: boolean;
}

export interface PrincipleVocabulary {
  readonly id: string;
  readonly version: number;
  readonly principles: readonly Principle[];
}

export interface VocabularyRef {
  readonly id: string;
  readonly version: number;
}

/** A principle's stable key (`being_attentive`): tags store it; its label may change between versions. */
export type PrincipleKey = string;

export const principleKeyPattern = /^[a-z][a-z0-9_]{0,59}$/;
export const vocabularyIdPattern = /^[a-z0-9-]{1,60}$/;

/** The keys of the published headings (the built-in vocabulary). */
export const principleKeys: readonly PrincipleKey[] = [
  'being_attentive',
  'encouraging_initiatives',
  'receiving_initiatives',
  'developing_attuned_interactions',
  'guiding',
  'deepening_discussion',
];

/** Kennedy, Landor & Todd (2011) headings, in their published order. */
export const defaultVocabulary: PrincipleVocabulary = {
  id: 'attuned-interaction',
  version: 1,
  principles: [
    {
      key: 'being_attentive',
      label: 'Being attentive',
      elements: [
        'Turning towards',
        'Looking interested with friendly posture',
        'Giving time and space for the other',
        'Wondering about what they are doing, thinking or feeling',
        'Enjoying watching',
      ],
    },
    {
      key: 'encouraging_initiatives',
      label: 'Encouraging initiatives',
      elements: ['Waiting', 'Listening actively', 'Showing emotional warmth', 'Naming positively what you see, think or feel'],
    },
    {
      key: 'receiving_initiatives',
      label: 'Receiving initiatives',
      elements: ['Showing you have heard, noticed the initiative', 'Receiving with body language', 'Being friendly and/or playful', 'Returning eye contact, smiling, nodding in response'],
    },
    {
      key: 'developing_attuned_interactions',
      label: 'Developing attuned interactions',
      elements: ['Receiving and then responding', 'Checking the other is following you', 'Taking turns to make the interaction flow', 'Co-operating, helping each other'],
    },
    {
      key: 'guiding',
      label: 'Guiding',
      elements: ['Scaffolding', 'Extending, building on their response', 'Judging the amount of support', 'Giving information when needed'],
    },
    {
      key: 'deepening_discussion',
      label: 'Deepening discussion',
      elements: ['Supporting goal setting', 'Sharing viewpoints', 'Collaborative discussion and problem solving', 'Naming differences of opinion'],
    },
  ],
};

/** The principles a new tag may use: the version's principles that are not retired, in order. */
export const activePrinciples = (v: PrincipleVocabulary): readonly Principle[] => v.principles.filter((p) => !p.retired);

export const sameVocabulary = (a: VocabularyRef, b: VocabularyRef): boolean => a.id === b.id && a.version === b.version;

/** The vocabulary versions a service can read: the built-in one and every saved version, each once, by id then version. */
export function vocabularyCatalogue(saved: readonly PrincipleVocabulary[]): PrincipleVocabulary[] {
  const all = saved.some((v) => sameVocabulary(v, defaultVocabulary)) ? [...saved] : [defaultVocabulary, ...saved];
  return all.sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** The version a ref names, or null (an unknown ref is a stored-data problem the caller decides about). */
export const findVocabulary = (catalogue: readonly PrincipleVocabulary[], ref: VocabularyRef): PrincipleVocabulary | null => catalogue.find((v) => sameVocabulary(v, ref)) ?? null;

/**
 * How a tag reads: the label of its principle in the vocabulary version it was made with. A tag whose version is
 * unknown falls back to the latest version that has the key, then to the key itself, so it always says something.
 */
export function tagLabel(catalogue: readonly PrincipleVocabulary[], tag: { vocabularyId: string; vocabularyVersion: number; key: string }): string {
  const own = findVocabulary(catalogue, { id: tag.vocabularyId, version: tag.vocabularyVersion })?.principles.find((p) => p.key === tag.key);
  if (own) return own.label;
  const later = [...catalogue].reverse().find((v) => v.principles.some((p) => p.key === tag.key));
  return later?.principles.find((p) => p.key === tag.key)?.label ?? tag.key;
}

/** A draft as an admin sends it: the server numbers the version. */
export interface VocabularyDraft {
  readonly id: string;
  readonly principles: readonly Principle[];
}

/**
 * Problems with a draft, given the latest saved version of the same id (null for a new copy). A principle of the
 * previous version may be renamed or retired, never dropped: old tags and reports keep a name for it.
 */
export function vocabularyProblems(draft: VocabularyDraft, previous: PrincipleVocabulary | null): string[] {
  const problems: string[] = [];
  if (!vocabularyIdPattern.test(draft.id)) problems.push('The vocabulary id may hold lower-case letters, digits and hyphens only (at most 60).');
  const keys = new Set<string>();
  const labels = new Set<string>();
  for (const p of draft.principles) {
    if (!principleKeyPattern.test(p.key)) problems.push(`"${p.key}" is not a usable principle key (lower-case letters, digits and underscores).`);
    if (keys.has(p.key)) problems.push(`The key "${p.key}" is used twice.`);
    keys.add(p.key);
    const label = p.label.trim();
    if (!label) problems.push(`The principle "${p.key}" needs a name.`);
    if (labels.has(label.toLowerCase())) problems.push(`Two principles are called "${label}".`);
    labels.add(label.toLowerCase());
    if (new Set(p.elements).size !== p.elements.length) problems.push(`"${label}" lists an element twice.`);
    if (p.elements.some((e) => !e.trim())) problems.push(`"${label}" has an empty element.`);
  }
  if (!draft.principles.some((p) => !p.retired)) problems.push('Keep at least one principle in use.');
  if (draft.principles.length > 20) problems.push('A vocabulary has at most 20 principles.');
  for (const p of previous?.principles ?? []) {
    if (!keys.has(p.key)) problems.push(`"${p.label}" was in version ${previous?.version ?? 0}: retire it rather than remove it, so old tags still read.`);
  }
  return problems;
}

/** The next version of a draft: the same id after the latest saved version, or version 1 for a new id. */
export function nextVocabulary(draft: VocabularyDraft, previous: PrincipleVocabulary | null): PrincipleVocabulary {
  return {
    id: draft.id,
    version: (previous?.version ?? 0) + 1,
    principles: draft.principles.map((p) => ({ key: p.key, label: p.label.trim(), elements: p.elements.map((e) => e.trim()), ...(p.retired ? { retired: true } : {}) })),
  };
}

/** A key for a new principle from its name: "Sharing joy" → "sharing_joy" (made unique against the keys taken). */
export function keyForLabel(label: string, taken: readonly string[]): PrincipleKey {
  const base = (label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^[^a-z]+/, '') || 'principle').slice(0, 50);
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}
