/**
 * The principles of attuned interaction and guidance, as versioned reference data a service can edit.
 * Tags store the vocabulary version they were made with.
 */
export interface PrincipleVocabulary {
  readonly id: string;
  readonly version: number;
  readonly principles: readonly { readonly key: PrincipleKey; readonly label: string; readonly elements: readonly string[] }[];
}

export type PrincipleKey =
  | 'being_attentive'
  | 'encouraging_initiatives'
  | 'receiving_initiatives'
  | 'developing_attuned_interactions'
  | 'guiding'
  | 'deepening_discussion';

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
