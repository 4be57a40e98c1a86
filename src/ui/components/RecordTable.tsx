import { type KeyboardEvent, memo, useEffect, useRef } from 'react';
import type { RecordRow } from '../../core/evtx';
import { useScaledRows } from './use-scaled-rows';
import { useT } from '../i18n/i18n';

/** Must match --row-height and --header-height in styles.css. */
export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 30;

const COLUMNS = ['records.col.time', 'records.col.id', 'records.col.channel', 'records.col.event', 'records.col.computer', 'records.col.summary'] as const;

interface Props {
  /** All rows; read by index, never copied. `count` says how many to show. */
  rows: readonly RecordRow[];
  count: number;
  cursor: number;
  selected: number;
  onCursor(row: number): void;
  onSelect(row: number): void;
}

/**
 * The records table, virtualized (use-scaled-rows.ts): only the visible rows (plus a few) are in
 * the DOM, at small coordinates, so it stays smooth and exact with millions of rows.
 * Keyboard: arrows, Page Up/Down, Home/End move the cursor; Enter (or Space) shows the record.
 */
export function RecordTable({ rows, count, cursor, selected, onCursor, onSelect }: Props) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const view = useScaledRows(scrollRef, { count, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, overscan: 8 });
  const { scrollToRow } = view;

  useEffect(() => {
    // Follow the cursor when it moves (not whenever rows arrive).
    if (cursor >= 0 && cursor < count) scrollToRow(cursor);
  }, [cursor, scrollToRow]);

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = view.pageRows;
    const at = Math.max(cursor, 0);
    const moves: Record<string, number> = {
      ArrowDown: cursor < 0 ? 0 : at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    };
    if (e.key in moves) onCursor(moves[e.key]!);
    else if ((e.key === 'Enter' || e.key === ' ') && cursor >= 0) onSelect(cursor);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="records"
      ref={scrollRef}
      role="grid"
      aria-label={t('records.label')}
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={cursor >= 0 && cursor < count ? `record-row-${cursor}` : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      data-testid="record-table"
    >
      <div className="records-head cols" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div key={c} role="columnheader">
            {t(c)}
          </div>
        ))}
      </div>
      <div className="records-body" style={{ height: view.bodyHeight }}>
        {Array.from({ length: Math.max(0, view.last - view.first + 1) }, (_, k) => {
          const index = view.first + k;
          const r = rows[index];
          return r ? (
            <Row key={index} index={index} row={r} top={view.rowTop(index)} cursor={index === cursor} selected={index === selected} onSelect={onSelect} />
          ) : null;
        })}
      </div>
      {count === 0 && <p className="records-empty">{t('records.empty')}</p>}
    </div>
  );
}

interface RowProps {
  index: number;
  row: RecordRow;
  top: number;
  cursor: boolean;
  selected: boolean;
  onSelect(row: number): void;
}

/** One table row; memoized, so a re-render of the table skips rows that did not move or change. */
const Row = memo(function Row({ index, row, top, cursor, selected, onSelect }: RowProps) {
  const classes = ['record', 'cols', index % 2 ? 'odd' : 'even'];
  if (cursor) classes.push('cursor');
  if (selected) classes.push('selected');
  return (
    <div
      id={`record-row-${index}`}
      className={classes.join(' ')}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(index)}
      data-testid="record-row"
      data-record-id={row.recordId}
    >
      <div role="gridcell" className="mono">{row.time}</div>
      <div role="gridcell" className="num">{row.recordId}</div>
      <div role="gridcell">{row.channel}</div>
      <div role="gridcell" className="num">{row.eventId ?? ''}</div>
      <div role="gridcell">{row.computer}</div>
      <div role="gridcell" title={row.summary}>{row.summary}</div>
    </div>
  );
});
