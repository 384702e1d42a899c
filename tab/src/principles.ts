import { tokens } from '@fluentui/react-components';
import { defaultVocabulary, type PrincipleKey } from '../../src/domain/principles';

/**
 * The principles of attuned interaction as the tab shows them: the vocabulary Attune tags with (its version
 * is stored on every tag), a colour for each on the timeline, and the number key that tags the current time.
 * Colour is never the only sign: every marker also has a name, and the legend and lists spell it out.
 */
export const vocabulary = defaultVocabulary;

export const principles = vocabulary.principles.map((p, i) => ({ ...p, shortcut: String(i + 1) }));

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

const labels = new Map<string, string>(vocabulary.principles.map((p) => [p.key, p.label]));
export const principleLabel = (key: string): string => labels.get(key) ?? key;

/** "Being attentive, Guiding", or "No principle tagged". */
export const tagList = (tags: readonly { key: string }[]): string => (tags.length ? tags.map((t) => principleLabel(t.key)).join(', ') : 'No principle tagged');
