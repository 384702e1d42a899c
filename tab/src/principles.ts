import { tokens } from '@fluentui/react-components';
import type { PrincipleKey, PrincipleVocabulary } from '../../src/contract/http';

/**
 * The principles of attuned interaction as the tab shows them: the vocabulary Attune tags with (its version
 * is stored on every tag), a colour for each on the timeline, and the number key that tags the current time.
 * Colour is never the only sign: every marker also has a name, and the legend and lists spell it out.
 *
 * The vocabulary is the server's: it comes with `GET /api/config`, and App sets it here (`setVocabulary`)
 * before any page is shown, so the tab never carries a copy of its own that could fall out of step.
 */
export interface Principle {
  readonly key: PrincipleKey;
  readonly label: string;
  readonly elements: readonly string[];
  /** The number key that tags the current time with it. */
  readonly shortcut: string;
}

/** The principles in force, in the vocabulary's order (empty until the configuration has arrived). */
export const principles: Principle[] = [];
const labels = new Map<string, string>();

/** Takes the vocabulary the server sent: called once at start-up, before any page renders. */
export function setVocabulary(vocabulary: PrincipleVocabulary): void {
  principles.splice(0, principles.length, ...vocabulary.principles.map((p, i) => ({ key: p.key, label: p.label, elements: p.elements, shortcut: String(i + 1) })));
  labels.clear();
  for (const p of vocabulary.principles) labels.set(p.key, p.label);
}

/** Theme-aware palette tokens (they change with light, dark and high contrast). */
const colourOf: Record<PrincipleKey, string> = {
  being_attentive: tokens.colorPaletteBlueBorderActive,
  encouraging_initiatives: tokens.colorPaletteDarkOrangeBorderActive,
  receiving_initiatives: tokens.colorPaletteForestBorderActive,
  developing_attuned_interactions: tokens.colorPaletteBerryBorderActive,
  guiding: tokens.colorPaletteMarigoldBorderActive,
  deepening_discussion: tokens.colorPaletteGrapeBorderActive,
};

export const principleColour = (key: PrincipleKey): string => colourOf[key];

export const principleLabel = (key: string): string => labels.get(key) ?? key;

/** "Being attentive, Guiding", or "No principle tagged". */
export const tagList = (tags: readonly { key: string }[]): string => (tags.length ? tags.map((t) => principleLabel(t.key)).join(', ') : 'No principle tagged');
