import { makeStyles, Switch, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PrincipleKey } from '../api';
import { principles } from '../principles';

/** Single-key shortcuts can be switched off (WCAG 2.1.4), for speech input and people who type by accident; remembered on this device. */
const shortcutsKey = 'attune.shortcuts';
function shortcutsOnAtStart(): boolean {
  try {
    return localStorage.getItem(shortcutsKey) !== 'off';
  } catch {
    return true;
  }
}

/** Whether single-key shortcuts are on, and the switch for them (remembered on this device where it can be). */
export function useShortcutSetting(): [boolean, (on: boolean) => void] {
  const [shortcuts, setShortcuts] = useState(shortcutsOnAtStart);
  const toggle = (on: boolean): void => {
    setShortcuts(on);
    try {
      localStorage.setItem(shortcutsKey, on ? 'on' : 'off');
    } catch {
      // Not remembered; still switched for this page.
    }
  };
  return [shortcuts, toggle];
}

/** What the review keys do; `onMarkMoment` is null where the person may not mark moments (M then does nothing). */
export interface ReviewKeys {
  readonly enabled: boolean;
  readonly onComment: () => void;
  readonly onJump: (direction: 1 | -1) => void;
  readonly onTag: (key: PrincipleKey) => void;
  readonly onMarkMoment: (() => void) | null;
}

/** Keyboard shortcuts on the whole page, unless they are switched off, the person is typing or a modifier is held. */
export function useReviewShortcuts({ enabled, onComment, onJump, onTag, onMarkMoment }: ReviewKeys): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      const key = e.key.toLowerCase();
      const principle = principles.find((p) => p.shortcut === key);
      if (key === 'c') onComment();
      else if (key === 'n') onJump(1);
      else if (key === 'p') onJump(-1);
      else if (key === 'm' && onMarkMoment) onMarkMoment();
      else if (principle) onTag(principle.key);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onComment, onJump, onTag, onMarkMoment, enabled]);
}

/** The list of shortcuts, with the switch that turns the single-key ones off. */
export function ShortcutHelp({ shortcuts, onToggle, canMarkMoments }: { shortcuts: boolean; onToggle: (on: boolean) => void; canMarkMoments: boolean }) {
  const styles = useStyles();
  return (
    <details className={styles.shortcuts}>
      <summary>Keyboard shortcuts</summary>
      <Switch checked={shortcuts} onChange={(_, d) => onToggle(d.checked)} label="Single-key shortcuts" data-testid="shortcuts-switch" />
      <ul>
        <li>
          <kbd>C</kbd> comment at the current time
        </li>
        {principles.map((p) => (
          <li key={p.key}>
            <kbd>{p.shortcut}</kbd> tag the current time “{p.label}”
          </li>
        ))}
        <li>
          <kbd>N</kbd> / <kbd>P</kbd> next / previous moment
        </li>
        {canMarkMoments && (
          <li>
            <kbd>M</kbd> mark a moment starting here
          </li>
        )}
        <li>
          <kbd>Space</kbd> play or pause (on the video)
        </li>
      </ul>
    </details>
  );
}

const useStyles = makeStyles({
  shortcuts: { ...typographyStyles.caption1, '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink }, '& kbd': { fontFamily: tokens.fontFamilyMonospace, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusSmall, padding: '0 4px' } },
});
