import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * Tallest scrollable height we give the browser. Past a few million pixels browsers draw at
 * coordinates they cannot hold exactly (rows jitter and overlap: seen in Chromium at ~25M px) and
 * Firefox caps element heights near 17.9M px. Taller tables scroll at a scale: the scrollbar covers
 * every row, and the wheel and keyboard still move by real row heights.
 */
export const MAX_SCROLL_HEIGHT = 4_000_000;

export interface ScaledRowsOptions {
  count: number;
  rowHeight: number;
  /** Height of the sticky header at the top of the scroll element, above the rows. */
  headerHeight: number;
  /** Rows rendered beyond each edge of the view. */
  overscan: number;
}

export interface ScaledRows {
  /** Rows to render, first to last (inclusive); empty when last < first. */
  first: number;
  last: number;
  /** Where row `index` goes (translateY), in the rows body (which starts below the header). */
  rowTop(index: number): number;
  /** Height to give the rows body. */
  bodyHeight: number;
  /** Scrolls the least needed to show row `index` whole. */
  scrollToRow(index: number): void;
  /** Rows in one view (for Page Up/Down). */
  pageRows: number;
}

/**
 * Virtualizes fixed-height rows in `scrollRef`: only the rows in view (plus overscan) are rendered,
 * at small coordinates whatever the count (see MAX_SCROLL_HEIGHT). The position is kept as a
 * "virtual" offset in row pixels; the element's scrollTop is that offset divided by the scale.
 */
export function useScaledRows(scrollRef: RefObject<HTMLElement | null>, { count, rowHeight, headerHeight, overscan }: ScaledRowsOptions): ScaledRows {
  const [viewport, setViewport] = useState(0);
  const [virtualTop, setVirtualTop] = useState(0);

  const rowsHeight = count * rowHeight;
  const bodyHeight = Math.min(rowsHeight, MAX_SCROLL_HEIGHT);
  const view = Math.max(0, viewport - headerHeight);
  const maxVirtual = Math.max(0, rowsHeight - view);
  const maxPhysical = Math.max(0, bodyHeight - view);
  const scale = maxPhysical > 0 ? maxVirtual / maxPhysical : 1;
  const top = Math.min(virtualTop, maxVirtual);
  const physicalTop = top / scale;

  // Latest values for the event handlers.
  const live = useRef({ scale, top, view, maxVirtual });
  live.current = { scale, top, view, maxVirtual };
  /** The scrollTop we set ourselves: its scroll event is not a user scroll. */
  const ours = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);

  // Keep the element's scrollTop where the virtual offset says (after scrollToRow, or a new scale).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || Math.abs(el.scrollTop - physicalTop) < 1) return;
    ours.current = physicalTop;
    el.scrollTop = physicalTop;
  }, [scrollRef, physicalTop]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      const at = el.scrollTop;
      const mine = ours.current !== null && Math.abs(at - ours.current) < 1;
      ours.current = null;
      if (mine) return;
      const { scale, maxVirtual } = live.current;
      setVirtualTop(Math.min(maxVirtual, at * scale));
    };
    // Scaled, the wheel would skip rows: move by the wheel's own distance in row pixels instead.
    const onWheel = (e: WheelEvent) => {
      const { scale, top, view, maxVirtual } = live.current;
      if (scale <= 1 || e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? rowHeight : e.deltaMode === 2 ? view : 1;
      ours.current = null;
      setVirtualTop(Math.max(0, Math.min(maxVirtual, top + e.deltaY * unit)));
      if (e.deltaX) el.scrollLeft += e.deltaX * unit;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, [scrollRef, rowHeight]);

  const scrollToRow = useCallback(
    (index: number) => {
      const { top, view } = live.current;
      const rowTop = index * rowHeight;
      if (rowTop < top) setVirtualTop(rowTop);
      else if (rowTop + rowHeight > top + view) setVirtualTop(rowTop + rowHeight - view);
    },
    [rowHeight],
  );

  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + view) / rowHeight) + overscan);
  return {
    first,
    last,
    // Row pixels are exact in float64; only the small difference from the view's top is drawn.
    rowTop: (index: number) => physicalTop + (index * rowHeight - top),
    bodyHeight,
    scrollToRow,
    pageRows: Math.max(1, Math.floor(view / rowHeight) - 1),
  };
}
