import { tokens } from '@fluentui/react-components';
import type { PrincipleKey, PrincipleVocabulary } from '../../src/contract/http';

/**
 * The principles of attuned interaction as the tab shows them: the vocabulary Attune tags with (its version
 * is stored on every tag), a colour for each on the timeline, and the number key that tags the current time.
 * Colour is never the only sign: every marker also has a name, and the legend and lists spell it out.
 *
 * The vocabulary is the server's: it comes with `GET /api/config`, and App sets it here (`setVocabulary`)
 * before any page is shown, so the tab never carries a copy of its own that could fall out of step. The
 * configuration also carries every earlier version, so a tag reads by the version it was made with
 * (`tagLabel`): renaming or retiring a principle later never changes what an old tag says.
 */
export interface Principle {
  readonly key: PrincipleKey;
  readonly label: string;
  readonly elements: readonly string[];
  /** The number key that tags the current time with it. */
  readonly shortcut: string;
}

/** The principles in force and not retired, in the vocabulary's order (empty until the configuration has arrived). */
export const principles: Principle[] = [];
const labels = new Map<string, string>();
const versionLabels = new Map<string, string>();
const order = new Map<string, number>();
const versionKey = (id: string, version: number, key: string): string => `${id}@${version}/${key}`;

/** Takes the vocabulary the server sent (and every version tags may name): called once at start-up, before any page renders. */
export function setVocabulary(vocabulary: PrincipleVocabulary, versions: readonly PrincipleVocabulary[] = []): void {
  const active = vocabulary.principles.filter((p) => !p.retired);
  principles.splice(0, principles.length, ...active.map((p, i) => ({ key: p.key, label: p.label, elements: p.elements, shortcut: i < 9 ? String(i + 1) : '' })));
  labels.clear();
  versionLabels.clear();
  for (const v of [...versions, vocabulary]) {
    for (const p of v.principles) {
      versionLabels.set(versionKey(v.id, v.version, p.key), p.label);
      labels.set(p.key, p.label);
      if (!order.has(p.key)) order.set(p.key, order.size);
    }
  }
  // The version in force names a key last, so an untagged-version lookup reads as it does now.
  for (const p of vocabulary.principles) labels.set(p.key, p.label);
}

/** Theme-aware palette tokens (they change with light, dark and high contrast); added principles take the rest in turn. */
const colourOf: Record<string, string> = {
  being_attentive: tokens.colorPaletteBlueBorderActive,
  encouraging_initiatives: tokens.colorPaletteDarkOrangeBorderActive,
  receiving_initiatives: tokens.colorPaletteForestBorderActive,
  developing_attuned_interactions: tokens.colorPaletteBerryBorderActive,
  guiding: tokens.colorPaletteMarigoldBorderActive,
  deepening_discussion: tokens.colorPaletteGrapeBorderActive,
};

const moreColours = [tokens.colorPaletteTealBorderActive, tokens.colorPaletteCranberryBorderActive, tokens.colorPaletteLavenderBorderActive, tokens.colorPaletteBrownBorderActive, tokens.colorPaletteSteelBorderActive, tokens.colorPalettePlatinumBorderActive];

export const principleColour = (key: PrincipleKey): string => colourOf[key] ?? moreColours[(order.get(key) ?? 0) % moreColours.length] ?? tokens.colorNeutralStroke1;

export const principleLabel = (key: string): string => labels.get(key) ?? key;

/** How a stored tag reads: its principle's name in the vocabulary version the tag was made with. */
export const tagLabel = (tag: { key: string; vocabularyId?: string; vocabularyVersion?: number }): string =>
  (tag.vocabularyId !== undefined && tag.vocabularyVersion !== undefined ? versionLabels.get(versionKey(tag.vocabularyId, tag.vocabularyVersion, tag.key)) : undefined) ?? principleLabel(tag.key);

/** "Being attentive, Guiding", or "No principle tagged". */
export const tagList = (tags: readonly { key: string; vocabularyId?: string; vocabularyVersion?: number }[]): string => (tags.length ? tags.map(tagLabel).join(', ') : 'No principle tagged');
