import { type PointerEvent, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { TIMELINE_IDS } from './csv';
import { type Axis, type DenseTimeline, drasticLevel, HOUR, type Range, ticks } from './timeline-data';

const W = 1000;
const H = 320;
const M = { left: 48, right: 48, top: 12, bottom: 44 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
/** The reference's score axis goes to 20 (§6.11): drastic changes start above 10. */
const SCORE_MAX = 20;

interface Props {
  name: string;
  axis: Axis;
  data: DenseTimeline;
  /** Null for hosts (ChangeFinder scores accounts only). */
  scores: Float64Array | null;
  range: Range;
  onZoom(r: Range): void;
}

function niceMax(v: number): number {
  if (v <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}

const pad = (n: number) => String(n).padStart(2, '0');
function tickLabel(ms: number, span: number): [string, string] {
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return span > 72 && d.getUTCHours() === 0 ? [day, ''] : [`${pad(d.getUTCHours())}:00`, day];
}

/**
 * Hourly counts per event id (lines, left axis) and the ChangeFinder score (dashed, right axis,
 * 0–20), with hours whose score is drastic shaded as the reference's timeline does. Drawn as plain
 * SVG; drag across it to zoom to those hours.
 */
export function TimelineChart({ name, axis, data, scores, range, onZoom }: Props) {
  const t = useT();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const span = range.to - range.from + 1;
  const slotW = PW / span;
  const x = (slot: number) => M.left + (slot - range.from + 0.5) * slotW;
  let max = 0;
  for (const id of TIMELINE_IDS) {
    const c = data.counts[id]!;
    for (let s = range.from; s <= range.to; s++) if (c[s]! > max) max = c[s]!;
  }
  const yMax = niceMax(max);
  const y = (v: number) => M.top + PH - (v / yMax) * PH;
  const ys = (v: number) => M.top + PH - (Math.max(0, Math.min(v, SCORE_MAX)) / SCORE_MAX) * PH;

  const line = (values: ArrayLike<number>, yOf: (v: number) => number) => {
    const pts: string[] = [];
    for (let s = range.from; s <= range.to; s++) pts.push(`${x(s).toFixed(1)},${yOf(values[s]!).toFixed(1)}`);
    return pts.join(' ');
  };

  const slotAt = (e: PointerEvent) => {
    const el = svg.current;
    const ctm = el?.getScreenCTM();
    if (!el || !ctm) return range.from;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return Math.max(range.from, Math.min(range.to, range.from + Math.floor((p.x - M.left) / slotW)));
  };

  const bands = [];
  if (scores) {
    for (let s = range.from; s <= range.to; s++) {
      const level = drasticLevel(scores[s]!);
      if (level) bands.push(<rect key={s} className={`drastic drastic-${level}`} x={x(s) - slotW / 2} y={M.top} width={slotW} height={PH} />);
    }
  }

  return (
    <figure className="timeline-chart">
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('time.chart', { name })}
        data-testid="timeline-chart"
        onPointerDown={(e) => {
          const s = slotAt(e);
          setDrag({ a: s, b: s });
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => drag && setDrag({ a: drag.a, b: slotAt(e) })}
        onPointerUp={() => {
          if (drag && drag.a !== drag.b) onZoom({ from: Math.min(drag.a, drag.b), to: Math.max(drag.a, drag.b) });
          setDrag(null);
        }}
        onPointerCancel={() => setDrag(null)}
      >
        <g className="bands">{bands}</g>
        <g className="grid">
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <line key={f} x1={M.left} x2={W - M.right} y1={M.top + PH * (1 - f)} y2={M.top + PH * (1 - f)} />
          ))}
        </g>
        <g className="axis axis-left">
          {[0, 0.5, 1].map((f) => (
            <text key={f} x={M.left - 6} y={M.top + PH * (1 - f) + 4} textAnchor="end">
              {Math.round(yMax * f)}
            </text>
          ))}
          <text x={12} y={M.top + PH / 2} textAnchor="middle" transform={`rotate(-90 12 ${M.top + PH / 2})`}>
            {t('time.count')}
          </text>
        </g>
        {scores && (
          <g className="axis axis-right">
            {[0, 10, 20].map((v) => (
              <text key={v} x={W - M.right + 6} y={ys(v) + 4}>
                {v}
              </text>
            ))}
            <text x={W - 10} y={M.top + PH / 2} textAnchor="middle" transform={`rotate(90 ${W - 10} ${M.top + PH / 2})`}>
              {t('time.score')}
            </text>
          </g>
        )}
        <g className="axis axis-bottom">
          {ticks(range, 8).map((s) => {
            const [a, b] = tickLabel(axis.first + s * HOUR, span);
            return (
              <g key={s}>
                <line x1={x(s)} x2={x(s)} y1={M.top + PH} y2={M.top + PH + 4} />
                <text x={x(s)} y={M.top + PH + 16} textAnchor="middle">
                  {a}
                </text>
                {b && (
                  <text x={x(s)} y={M.top + PH + 30} textAnchor="middle" className="sub">
                    {b}
                  </text>
                )}
              </g>
            );
          })}
        </g>
        {TIMELINE_IDS.map((id) => (
          <polyline key={id} className={`series series-${id}`} points={line(data.counts[id]!, y)} />
        ))}
        {scores && <polyline className="series series-score" points={line(scores, ys)} />}
        {drag && drag.a !== drag.b && (
          <rect className="selection" x={x(Math.min(drag.a, drag.b)) - slotW / 2} y={M.top} width={(Math.abs(drag.b - drag.a) + 1) * slotW} height={PH} />
        )}
        <rect className="frame" x={M.left} y={M.top} width={PW} height={PH} />
      </svg>
      <figcaption>
        <ul className="legend">
          {TIMELINE_IDS.map((id) => (
            <li key={id}>
              <svg width="18" height="10" aria-hidden="true">
                <line className={`series series-${id}`} x1="0" x2="18" y1="5" y2="5" />
              </svg>
              {id}
            </li>
          ))}
          {scores && (
            <li>
              <svg width="18" height="10" aria-hidden="true">
                <line className="series series-score" x1="0" x2="18" y1="5" y2="5" />
              </svg>
              {t('time.score')}
            </li>
          )}
          {scores && (
            <li>
              <svg width="18" height="10" aria-hidden="true">
                <rect className="drastic drastic-4" width="18" height="10" />
              </svg>
              {t('time.drastic')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
