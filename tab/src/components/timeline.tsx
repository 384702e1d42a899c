import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import type { ClipComment, Moment, Still } from '../api';
import { formatClock, spokenClock } from '../format';
import { principleColour, principles, tagList } from '../principles';
import { useShared } from '../styles';

/** A moment's colour: its principle's, stripes for several, neutral for none. */
function fill(tags: readonly { key: Moment['tags'][number]['key'] }[]): string {
  if (tags.length === 0) return tokens.colorNeutralForeground3;
  if (tags.length === 1) return principleColour(tags[0]!.key);
  const step = 100 / tags.length;
  return `linear-gradient(90deg, ${tags.map((t, i) => `${principleColour(t.key)} ${i * step}% ${(i + 1) * step}%`).join(', ')})`;
}

/**
 * The clip's timeline: moments as coloured spans (by principle), comments and stills as ticks, and the
 * playhead. A moment is a button that plays from its start; comments and stills are listed with their own
 * buttons under the player, so the ticks here are for the mouse only. Clicking the track seeks.
 */
export function Timeline(props: { durationMs: number | null; timeMs: number; moments: readonly Moment[]; comments: readonly ClipComment[]; stills: readonly Still[]; onSeek: (ms: number) => void }) {
  const { durationMs, timeMs, moments, comments, stills, onSeek } = props;
  const styles = useStyles();
  const shared = useShared();
  const d = durationMs && durationMs > 0 ? durationMs : Math.max(1000, ...moments.map((m) => m.endMs), ...comments.map((c) => c.atMs), ...stills.map((s) => s.atMs));
  const at = (ms: number): string => `${Math.min(100, Math.max(0, (ms / d) * 100))}%`;

  const seekFromPointer = (e: MouseEvent<HTMLDivElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    onSeek(Math.round(((e.clientX - rect.left) / rect.width) * d));
  };

  return (
    <div className={styles.wrap}>
      <div role="group" aria-label="Timeline: moments coloured by principle" className={styles.timeline} data-testid="timeline">
        <div className={styles.track} onClick={seekFromPointer} data-testid="timeline-track">
          <div className={styles.ticks} aria-hidden="true">
            {comments.map((c) => (
              <span key={c.id} className={styles.comment} style={{ left: at(c.atMs), background: c.tags[0] ? principleColour(c.tags[0].key) : tokens.colorNeutralForeground2 }} data-testid="timeline-comment" />
            ))}
            {stills.map((s) => (
              <span key={s.id} className={styles.still} style={{ left: at(s.atMs) }} data-testid="timeline-still" />
            ))}
          </div>
          <div className={styles.bar} />
          {moments.map((m, i) => (
            <button
              key={m.id}
              type="button"
              className={styles.moment}
              style={{ left: at(m.startMs), width: `max(8px, calc(${at(m.endMs)} - ${at(m.startMs)}))`, background: fill(m.tags) }}
              aria-label={`Moment ${i + 1}: ${spokenClock(m.startMs)} to ${spokenClock(m.endMs)}, ${tagList(m.tags)}. Play from its start.`}
              title={`Moment ${i + 1}: ${formatClock(m.startMs)}–${formatClock(m.endMs)} · ${tagList(m.tags)}`}
              onClick={(e) => {
                e.stopPropagation();
                onSeek(m.startMs);
              }}
              data-testid="timeline-moment"
              data-start-ms={m.startMs}
            />
          ))}
          <span className={styles.playhead} style={{ left: at(timeMs) }} aria-hidden="true" data-testid="playhead" />
        </div>
        <div className={styles.scale} aria-hidden="true">
          <span>{formatClock(0)}</span>
          <span>{formatClock(d)}</span>
        </div>
      </div>
      <ul className={styles.legend} aria-label="Principle colours">
        {principles.map((p) => (
          <li key={p.key}>
            <span className={styles.swatch} style={{ background: principleColour(p.key) }} />
            {p.label}
          </li>
        ))}
      </ul>
      <span className={shared.visuallyHidden} aria-live="off">
        Playhead at {spokenClock(timeMs)}
      </span>
    </div>
  );
}

const useStyles = makeStyles({
  wrap: { marginTop: tokens.spacingVerticalM },
  timeline: { position: 'relative' },
  track: { position: 'relative', height: '44px', cursor: 'pointer', touchAction: 'manipulation' },
  ticks: { position: 'absolute', left: 0, right: 0, top: 0, height: '12px' },
  comment: { position: 'absolute', top: 0, width: '4px', height: '12px', marginLeft: '-2px', borderRadius: '2px', forcedColorAdjust: 'none' },
  still: {
    position: 'absolute',
    top: '2px',
    width: '8px',
    height: '8px',
    marginLeft: '-4px',
    transform: 'rotate(45deg)',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralForeground1}`,
  },
  bar: { position: 'absolute', left: 0, right: 0, top: '22px', height: '8px', borderRadius: '4px', backgroundColor: tokens.colorNeutralBackground5, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  moment: {
    position: 'absolute',
    top: '16px',
    height: '20px',
    minWidth: '8px',
    padding: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground1}`,
    cursor: 'pointer',
    // Principle colours are data, like a chart's: kept under forced colours, with a system-coloured edge.
    forcedColorAdjust: 'none',
    '@media (forced-colors: active)': { border: `${tokens.strokeWidthThin} solid CanvasText` },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  playhead: { position: 'absolute', top: 0, bottom: 0, width: '2px', marginLeft: '-1px', backgroundColor: tokens.colorNeutralForeground1, pointerEvents: 'none', forcedColorAdjust: 'none', '@media (forced-colors: active)': { backgroundColor: 'Highlight' } },
  scale: { ...typographyStyles.caption1, display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground2 },
  legend: {
    ...typographyStyles.caption1,
    listStyleType: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0 0`,
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
  },
  swatch: { forcedColorAdjust: 'none', display: 'inline-block', width: '12px', height: '12px', borderRadius: '2px', marginRight: tokens.spacingHorizontalXS, verticalAlign: 'middle', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground1}` },
});
