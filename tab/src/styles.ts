import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/** Styles several pages share: page headings, cards, lists and the screen-reader-only helper. */
export const useShared = makeStyles({
  title: { ...typographyStyles.title2, margin: `0 0 ${tokens.spacingVerticalS}` },
  lead: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalL}`, maxWidth: '70ch' },
  section: { marginBottom: tokens.spacingVerticalXXL },
  heading: { ...typographyStyles.title3, margin: `0 0 ${tokens.spacingVerticalM}` },
  subheading: { ...typographyStyles.subtitle2, margin: `0 0 ${tokens.spacingVerticalS}` },
  text: { ...typographyStyles.body1, maxWidth: '70ch' },
  muted: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  grid: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
  },
  plainList: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  /** A native select is as wide as its longest option; this keeps it inside a phone screen. */
  fitSelect: { maxWidth: '100%', '& select': { width: '100%', minWidth: 0, textOverflow: 'ellipsis' } },
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  table: {
    ...typographyStyles.body1,
    borderCollapse: 'collapse',
    width: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
    '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
    '& th': { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
