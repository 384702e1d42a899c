import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/** The look the lists of a clip's marks share (moments, stills, comments): one bordered card per mark. */
export const useMarkListStyles = makeStyles({
  item: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  itemHead: { ...typographyStyles.body1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  note: { ...typographyStyles.body1, margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});
