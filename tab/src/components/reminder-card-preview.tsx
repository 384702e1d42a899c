import { makeStyles, tokens } from '@fluentui/react-components';
import { AdaptiveCard, HostConfig } from 'adaptivecards';
import { useCallback, useEffect, useRef } from 'react';
import type { Api } from '../api';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

/**
 * Colours as the Fluent theme's CSS variables: the card follows whichever theme the tab is in (Teams light,
 * dark or high contrast), as the Teams client draws cards in its own theme.
 */
function themedHostConfig(headingLevel: number): HostConfig {
  const text = (c: string, subtle: string) => ({ default: c, subtle });
  const foreground = {
    default: text(tokens.colorNeutralForeground1, tokens.colorNeutralForeground2),
    dark: text(tokens.colorNeutralForeground1, tokens.colorNeutralForeground2),
    light: text(tokens.colorNeutralForeground2, tokens.colorNeutralForeground3),
    accent: text(tokens.colorBrandForeground1, tokens.colorBrandForeground2),
    good: text(tokens.colorPaletteGreenForeground1, tokens.colorPaletteGreenForeground1),
    warning: text(tokens.colorPaletteDarkOrangeForeground1, tokens.colorPaletteDarkOrangeForeground1),
    attention: text(tokens.colorPaletteRedForeground1, tokens.colorPaletteRedForeground1),
  };
  const container = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });
  return new HostConfig({
    fontFamily: tokens.fontFamilyBase,
    supportsInteractivity: true,
    // The card's title is a heading under the page's own (an unset level leaves role=heading without aria-level).
    textBlock: { headingLevel },
    containerStyles: {
      default: container(tokens.colorNeutralBackground1),
      emphasis: container(tokens.colorNeutralBackground3),
      accent: container(tokens.colorBrandBackground2),
      good: container(tokens.colorPaletteGreenBackground1),
      attention: container(tokens.colorPaletteRedBackground1),
      warning: container(tokens.colorPaletteDarkOrangeBackground1),
    },
    actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline' } },
  });
}

const useStyles = makeStyles({
  frame: {
    maxWidth: '480px',
    // Teams wraps a card's buttons on a narrow card rather than cut them off.
    '& .ac-actionSet > div': { flexWrap: 'wrap', rowGap: tokens.spacingVerticalS },
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    '& .ac-pushButton': {
      fontFamily: tokens.fontFamilyBase,
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorNeutralBackground1,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
      cursor: 'default',
    },
  },
});

/** Draws Adaptive Card JSON with the `adaptivecards` library, as Teams would; its buttons do nothing here. */
export function AdaptiveCardView({ card, label, headingLevel = 3 }: { card: object; label: string; headingLevel?: number }) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ac = new AdaptiveCard();
    ac.hostConfig = themedHostConfig(headingLevel);
    ac.onExecuteAction = () => undefined;
    ac.parse(card);
    const rendered = ac.render();
    el.replaceChildren(...(rendered ? [rendered] : []));
    return () => el.replaceChildren();
  }, [card, headingLevel]);
  return <div ref={host} className={styles.frame} role="group" aria-label={label} data-testid="reminder-card-preview" />;
}

/** A rule's reminder card, drawn with sample data from the server's renderer. */
export function ReminderCardPreview({ api, ruleId, label }: { api: Api; ruleId: string; label: string }) {
  const load = useCallback((signal: AbortSignal) => api.reminderPreview(ruleId, signal), [api, ruleId]);
  const { result, retry } = useAsync(load);
  if (result.state === 'loading') return <Loading label="Drawing the card…" />;
  if (result.state === 'failed') return <ErrorPanel title="The card could not be drawn" error={result.error} onRetry={retry} />;
  return <AdaptiveCardView card={result.value.card} label={`Preview: ${label}`} />;
}
