import type { Palette } from './palette';
import { useT } from '../i18n/i18n';

const swatch = (shape: string, fill: string, border: string) => (
  <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
    {shape === 'ellipse' && <ellipse cx="9" cy="9" rx="7" ry="7" fill={fill} stroke={border} strokeWidth="2" />}
    {shape === 'octagon' && <polygon points="6,2 12,2 16,6 16,12 12,16 6,16 2,12 2,6" fill={fill} stroke={border} strokeWidth="2" />}
    {shape === 'diamond' && <polygon points="9,1 17,9 9,17 1,9" fill={fill} stroke={border} strokeWidth="2" />}
    {shape === 'rectangle' && <rect x="2" y="3" width="14" height="12" fill={fill} stroke={border} strokeWidth="2" />}
    {shape === 'hexagon' && <polygon points="5,2 13,2 17,9 13,16 5,16 1,9" fill={fill} stroke={border} strokeWidth="2" />}
    {shape === 'line' && <line x1="1" y1="9" x2="17" y2="9" stroke={border} strokeWidth="3" />}
    {shape === 'dashed' && <line x1="1" y1="9" x2="17" y2="9" stroke={border} strokeWidth="3" strokeDasharray="4 3" />}
  </svg>
);

/** What the colours and shapes mean (the reference had no legend). */
export function Legend({ palette: p, diff }: { palette: Palette; diff?: { a: string; b: string } }) {
  const t = useT();
  const items: [string, string, string, string][] = diff
    ? [
        ['line', p.diff.a, p.diff.a, t('graph.legend.onlyIn', { name: diff.a })],
        ['dashed', p.diff.b, p.diff.b, t('graph.legend.onlyIn', { name: diff.b })],
        ['line', p.diff.both, p.diff.both, t('graph.legend.both')],
        ['ellipse', p.account.fill, p.account.border, t('common.account')],
        ['diamond', p.host.fill, p.host.border, t('graph.legend.host')],
      ]
    : [
        ['ellipse', p.privileged.fill, p.privileged.border, t('graph.legend.privileged')],
        ['ellipse', p.account.fill, p.account.border, t('common.account')],
        ['octagon', p.account.fill, p.account.border, t('graph.legend.flagged')],
        ['diamond', p.host.fill, p.host.border, t('graph.legend.host')],
        ['rectangle', p.domain.fill, p.domain.border, t('graph.legend.domain')],
        ['hexagon', p.policy.fill, p.policy.border, t('graph.legend.policy')],
        ['line', p.edgeLine, p.edgeLine, t('graph.legend.edge')],
      ];
  return (
    <ul className="graph-legend" aria-label={t('graph.legend')} data-testid="graph-legend">
      {items.map(([shape, fill, border, text]) => (
        <li key={text}>
          {swatch(shape, fill, border)}
          <span>{text}</span>
        </li>
      ))}
    </ul>
  );
}
