import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useId } from 'react';
import type { Progress, ProgressPoint } from '../api';
import { formatDate, percent, projectionStatusLabel } from '../format';
import { useShared } from '../styles';
import { DataTable } from './data-table';

const dayMs = 86_400_000;
const monthDays = 30.44;

/** Months (fractional) from one calendar date to another. */
function monthsBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs / monthDays;
}

const width = 640;
const height = 260;
const pad = { left: 48, right: 16, top: 16, bottom: 40 };

/**
 * Progress over time as an SVG chart: the share complete month by month, the 18–24 month completion window
 * as a band, today, and the projection to the expected completion date. The chart is an image with a title
 * and a description that says what it shows in words; the same numbers are in a table underneath.
 */
export function ProgressChart({ progress, points }: { progress: Progress; points: readonly ProgressPoint[] }) {
  const styles = useStyles();
  const shared = useShared();
  const id = useId();
  const p = progress.projection;
  const start = p.startedOn;
  const windowFrom = monthsBetween(start, p.windowOpens);
  const windowTo = monthsBetween(start, p.windowCloses);
  const today = monthsBetween(start, progress.asOf);
  const projected = monthsBetween(start, p.projectedCompletion);
  const maxMonths = Math.ceil(Math.max(windowTo + 1, projected + 1, today + 1) / 3) * 3;

  const x = (months: number): number => pad.left + (Math.max(0, months) / maxMonths) * (width - pad.left - pad.right);
  const y = (fraction: number): number => pad.top + (1 - Math.min(1, Math.max(0, fraction))) * (height - pad.top - pad.bottom);

  const line = points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${x(monthsBetween(start, pt.date)).toFixed(1)},${y(pt.fractionComplete).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  const done = p.status === 'complete';
  const monthTicks = Array.from({ length: Math.floor(maxMonths / 3) + 1 }, (_, i) => i * 3);

  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const now = last ? percent(last.fractionComplete) : 0;
  const description =
    `${percent(0)}% at the start on ${formatDate(start)}, ${now}% complete on ${formatDate(progress.asOf)} (month ${Math.floor(today)}). ` +
    (done
      ? `Completed on ${formatDate(p.projectedCompletion)}.`
      : `At this pace you would complete on ${formatDate(p.projectedCompletion)}, month ${Math.ceil(projected)}. `) +
    ` The completion window runs from ${formatDate(p.windowOpens)} to ${formatDate(p.windowCloses)} (months ${Math.round(windowFrom)} to ${Math.round(windowTo)}). Status: ${projectionStatusLabel[p.status]}.`;

  return (
    <figure className={styles.figure} data-testid="progress-chart">
      <figcaption className={shared.subheading}>Progress over time</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className={styles.svg} role="img" aria-labelledby={`${titleId} ${descId}`} focusable="false">
        <title id={titleId}>Progress over time against the completion window</title>
        <desc id={descId} data-testid="progress-chart-description">
          {description}
        </desc>
        <rect x={x(windowFrom)} y={pad.top} width={Math.max(0, x(windowTo) - x(windowFrom))} height={height - pad.top - pad.bottom} className={styles.window} data-testid="chart-window" />
        <text x={(x(windowFrom) + x(windowTo)) / 2} y={height - pad.bottom - 8} textAnchor="middle" className={styles.label}>
          Completion window
        </text>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={pad.left} x2={width - pad.right} y1={y(f)} y2={y(f)} className={styles.grid} />
            <text x={pad.left - 6} y={y(f) + 4} textAnchor="end" className={styles.axis}>
              {f * 100}%
            </text>
          </g>
        ))}
        {monthTicks.map((m) => (
          <text key={m} x={x(m)} y={height - pad.bottom + 16} textAnchor="middle" className={styles.axis}>
            {m}
          </text>
        ))}
        <text x={(pad.left + width - pad.right) / 2} y={height - 6} textAnchor="middle" className={styles.axis}>
          Months since you started
        </text>
        <line x1={x(today)} x2={x(today)} y1={pad.top} y2={height - pad.bottom} className={styles.today} />
        <text x={x(today) + 4} y={height - pad.bottom - 6} className={styles.label}>
          Today
        </text>
        {!done && last && <line x1={x(today)} y1={y(last.fractionComplete)} x2={x(projected)} y2={y(1)} className={styles.projection} data-testid="chart-projection" />}
        <path d={line} className={styles.actual} data-testid="chart-line" />
        {points.map((pt) => (
          <circle key={pt.date} cx={x(monthsBetween(start, pt.date))} cy={y(pt.fractionComplete)} r={3} className={styles.point} />
        ))}
        <circle cx={x(projected)} cy={y(1)} r={5} className={styles.target} />
        <text x={Math.min(x(projected), width - pad.right - 4)} y={y(1) - 8} textAnchor={x(projected) > width - 120 ? 'end' : 'middle'} className={styles.label}>
          {done ? 'Completed' : 'Projected'} {formatDate(p.projectedCompletion)}
        </text>
      </svg>
      <ul className={styles.legend} aria-hidden="true">
        <li>
          <span className={styles.swatchActual} /> Your progress
        </li>
        {!done && (
          <li>
            <span className={styles.swatchProjection} /> Projection at your pace
          </li>
        )}
        <li>
          <span className={styles.swatchWindow} /> Completion window ({Math.round(windowFrom)}–{Math.round(windowTo)} months)
        </li>
      </ul>
      <details className={styles.details}>
        <summary>Show the data as a table</summary>
        <DataTable
          label="Progress month by month"
          caption="Share of the pathway complete, month by month"
          className={styles.table}
          attributes={{ 'data-testid': 'progress-table' }}
          rows={points}
          rowKey={(pt) => pt.date}
          rowAttributes={(pt) => ({ 'data-date': pt.date, 'data-fraction': pt.fractionComplete })}
          columns={[
            { header: 'Date', cell: (pt) => <time dateTime={pt.date}>{formatDate(pt.date)}</time> },
            { header: 'Month', cell: (pt) => Math.round(monthsBetween(start, pt.date)) },
            { header: 'Complete', cell: (pt) => <>{percent(pt.fractionComplete)}%</> },
            { header: 'Stage', cell: (pt) => (pt.stage === null ? 'All signed off' : `Stage ${pt.stage}`) },
          ]}
        />
      </details>
    </figure>
  );
}

const useStyles = makeStyles({
  figure: {
    margin: `0 0 ${tokens.spacingVerticalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
  },
  svg: { display: 'block', width: '100%', height: 'auto', maxHeight: '320px', overflow: 'visible' },
  // SVG keeps its own colours under forced colours (Windows high contrast), so each part says which system colour it takes.
  window: { fill: tokens.colorPaletteGreenBackground1, stroke: tokens.colorPaletteGreenBorderActive, strokeDasharray: '4 3', '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'CanvasText' } },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1, '@media (forced-colors: active)': { stroke: 'GrayText' } },
  axis: { fill: tokens.colorNeutralForeground2, fontSize: '11px', fontFamily: tokens.fontFamilyBase, '@media (forced-colors: active)': { fill: 'CanvasText' } },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px', fontFamily: tokens.fontFamilyBase, '@media (forced-colors: active)': { fill: 'CanvasText' } },
  today: { stroke: tokens.colorNeutralForeground3, strokeWidth: 1, strokeDasharray: '2 3', '@media (forced-colors: active)': { stroke: 'CanvasText' } },
  actual: { fill: 'none', stroke: tokens.colorBrandForeground1, strokeWidth: 3, strokeLinejoin: 'round', '@media (forced-colors: active)': { stroke: 'Highlight' } },
  point: { fill: tokens.colorBrandForeground1, '@media (forced-colors: active)': { fill: 'Highlight' } },
  projection: { stroke: tokens.colorBrandForeground1, strokeWidth: 2, strokeDasharray: '6 5', '@media (forced-colors: active)': { stroke: 'Highlight' } },
  target: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorBrandForeground1, strokeWidth: 2, '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'Highlight' } },
  legend: {
    ...typographyStyles.caption1,
    listStyleType: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: `${tokens.spacingVerticalS} 0`,
    padding: 0,
    color: tokens.colorNeutralForeground2,
  },
  swatchActual: { forcedColorAdjust: 'none', display: 'inline-block', width: '18px', height: '3px', verticalAlign: 'middle', backgroundColor: tokens.colorBrandForeground1 },
  swatchProjection: { forcedColorAdjust: 'none', display: 'inline-block', width: '18px', height: 0, verticalAlign: 'middle', borderTop: `2px dashed ${tokens.colorBrandForeground1}` },
  swatchWindow: { forcedColorAdjust: 'none', display: 'inline-block', width: '14px', height: '10px', verticalAlign: 'middle', backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px dashed ${tokens.colorPaletteGreenBorderActive}` },
  details: { ...typographyStyles.body1, '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink } },
  table: {
    ...typographyStyles.body1,
    borderCollapse: 'collapse',
    marginTop: tokens.spacingVerticalS,
    '& th, & td': { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
});
