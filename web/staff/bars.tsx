import { GRADE_LABELS, GRADES, type GradeCounts } from '../../src/domain/grades';

/** Bars are SVG drawn by the server (no inline style under the CSP); staff-live.js moves them. */
const W = 1000;

const fraction = (part: number, whole: number) => (whole > 0 ? Math.min(part / whole, 1) : 0);

export interface TurnoutBarProps {
  /** Names the bar for the live script: "all" or "cat-<index>". */
  name: string;
  cast: number;
  eligible: number;
  /** The count that meets the quorum: a line is drawn there. */
  need?: number;
  lineLabel?: string;
  met: boolean;
  label: string;
}

/** Cast against the roster, with the quorum line marked. */
export function TurnoutBar({ name, cast, eligible, need, lineLabel, met, label }: TurnoutBarProps) {
  const x = need === undefined ? null : Math.round(W * fraction(need, eligible));
  return (
    <svg class="bar" viewBox={`0 0 ${W} 82`} data-bar={name} data-w={String(W)} data-need={need === undefined ? undefined : String(need)} role="img" aria-label={label}>
      <rect class="bar-bg" x="0" y="6" width={String(W)} height="40" rx="6" />
      <rect class={`bar-fill${met ? ' met' : ''}${need === undefined ? ' plain' : ''}`} x="0" y="6" width={String(Math.round(W * fraction(cast, eligible)))} height="40" rx="6" />
      {x !== null && (
        <>
          <line class="bar-line" x1={String(x)} x2={String(x)} y1="0" y2="54" />
          <text class="bar-text" x={String(x)} y="78" text-anchor={x > W - 80 ? 'end' : x < 80 ? 'start' : 'middle'}>
            {lineLabel}
          </text>
        </>
      )}
    </svg>
  );
}

/** One subject's grades as a stacked bar, 很满意 first. */
export function GradeBar({ counts, cast }: { counts: GradeCounts; cast: number }) {
  let at = 0;
  return (
    <svg class="bar" viewBox="0 0 300 24" role="img" aria-label={GRADES.map((g) => `${GRADE_LABELS[g]} ${counts[g]}`).join('，')}>
      <rect class="bar-bg" x="0" y="0" width="300" height="24" />
      {GRADES.map((g, i) => {
        const w = 300 * fraction(counts[g], cast);
        const rect = <rect class={`seg${i}`} x={at.toFixed(2)} y="0" width={w.toFixed(2)} height="24" />;
        at += w;
        return rect;
      })}
    </svg>
  );
}

export function GradeLegend() {
  return (
    <p class="legend">
      {GRADES.map((g, i) => (
        <span>
          <svg viewBox="0 0 10 10" aria-hidden="true">
            <rect class={`seg${i}`} width="10" height="10" />
          </svg>
          {GRADE_LABELS[g]}
        </span>
      ))}
    </p>
  );
}

export interface SatisfactionRow {
  name: string;
  satisfaction: number | null;
  percentText: string;
  met: boolean;
}

const short = (s: string, n = 10) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Satisfaction per subject against the threshold line, server-rendered. */
export function SatisfactionChart({ rows, threshold, thresholdLabel }: { rows: SatisfactionRow[]; threshold: number; thresholdLabel: string }) {
  const left = 260;
  const span = 600;
  const rowH = 52;
  const top = 34;
  const height = top + rows.length * rowH + 8;
  const tx = left + (span * threshold) / 100;
  return (
    <svg class="bar" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`各测评对象满意度，门槛 ${thresholdLabel}`}>
      <text class="bar-text" x={String(tx)} y="24" text-anchor="middle">
        {`门槛 ${thresholdLabel}`}
      </text>
      {rows.map((r, i) => {
        const y = top + i * rowH;
        return (
          <g>
            <title>{r.name}</title>
            <text class="bar-text" x={String(left - 12)} y={String(y + 30)} text-anchor="end">
              {short(r.name)}
            </text>
            <rect class="bar-bg" x={String(left)} y={String(y + 6)} width={String(span)} height="34" />
            <rect class={r.met ? 'bar-fill met' : 'bar-fill'} x={String(left)} y={String(y + 6)} width={String(Math.round(span * (r.satisfaction ?? 0)))} height="34" />
            <text class="bar-text" x={String(left + span + 12)} y={String(y + 30)}>
              {r.percentText}
            </text>
          </g>
        );
      })}
      <line class="bar-line" x1={String(tx)} x2={String(tx)} y1="30" y2={String(height - 4)} />
    </svg>
  );
}
