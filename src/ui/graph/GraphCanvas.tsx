import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../format';
import { useT } from '../i18n/i18n';
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { type GraphHandle, mountGraph } from './cy';
import type { LayoutName } from './params';

export interface Hover {
  id: string;
  x: number;
  y: number;
}

interface Props {
  elements: ElementDefinition[];
  style: StylesheetJson;
  layout: LayoutName;
  root: string | null;
  selected: string | null;
  onSelect(id: string | null): void;
  onHover(h: Hover | null): void;
  /** The handle for toolbar commands and exports (null after unmount). */
  onReady(handle: GraphHandle | null): void;
  label: string;
  /** Big-graph mode (see BIG_GRAPH in cy.ts): changing it mounts a new Cytoscape with other renderer options. */
  big?: boolean;
  onLayoutRunning?(running: boolean): void;
}

/** The Cytoscape canvas: mounted once, then fed elements, style, layout and selection as they change. */
export function GraphCanvas({ elements, style, layout, root, selected, onSelect, onHover, onReady, label, big = false, onLayoutRunning }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const t = useT();
  const handle = useRef<GraphHandle | null>(null);
  // Callbacks through refs: the canvas must not be rebuilt because a parent re-rendered.
  const events = useRef({ onSelect, onHover, onLayoutRunning });
  events.current = { onSelect, onHover, onLayoutRunning };
  const laidOut = useRef<{ elements: ElementDefinition[] | null; layout: LayoutName }>({ elements: null, layout });

  useEffect(() => {
    const el = box.current!;
    const h = mountGraph(
      el,
      style,
      {
        onSelect: (id) => events.current.onSelect(id),
        onHover: (x) => events.current.onHover(x),
        onLayoutRunning: (running) => {
          el.dataset['layout'] = running ? 'running' : 'done';
          events.current.onLayoutRunning?.(running);
        },
      },
      big,
    );
    handle.current = h;
    laidOut.current = { elements: null, layout };
    onReady(h);
    return () => {
      onReady(null);
      handle.current = null;
      h.destroy();
    };
    // Mounted once per mode; later changes arrive through the effects below.
  }, [big]);

  useEffect(() => handle.current?.setStyle(style), [style]);

  const selectedNow = useRef(selected);
  selectedNow.current = selected;
  /** Elements being handed to Cytoscape (a big graph takes seconds): shown as a notice meanwhile. */
  const [drawing, setDrawing] = useState(0);

  useEffect(() => {
    const h = handle.current;
    if (!h) return;
    if (laidOut.current.elements !== elements) {
      const el = box.current!;
      delete el.dataset['drawn'];
      const draw = () => {
        h.setElements(elements, layout, root);
        h.select(selectedNow.current);
        // Cytoscape draws on its next animation frame: two frames on, the elements are on screen (tests and bench read this).
        const set = performance.now();
        requestAnimationFrame(() => {
          performance.measure('graph:first-frame', { start: set, end: performance.now() });
          requestAnimationFrame(() => {
            performance.measure('graph:drawn', { start: set, end: performance.now() });
            el.dataset['drawn'] = String(elements.length);
          });
        });
      };
      laidOut.current = { elements, layout };
      if (!big || elements.length === 0) {
        draw();
        return;
      }
      // A big graph: paint the notice first, then let Cytoscape have the thread.
      setDrawing(elements.length);
      let done = false;
      let live = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (!live || handle.current !== h) return;
          draw();
          done = true;
          setDrawing(0);
        }, 0),
      );
      return () => {
        live = false;
        // Replaced before it was drawn: the next run draws what is current then.
        if (!done) {
          laidOut.current = { elements: null, layout };
          setDrawing(0);
        }
      };
    }
    if (laidOut.current.layout !== layout) h.layout(layout, root);
    laidOut.current = { elements, layout };
    // `selected` is applied by its own effect; here only after new elements.
  }, [elements, layout, root, big]);

  useEffect(() => handle.current?.select(selected), [selected]);

  return (
    <>
      <div ref={box} className="graph-canvas" role="img" aria-label={label} data-testid="graph-canvas" />
      {drawing > 0 && (
        <p className="graph-drawing" role="status" data-testid="graph-drawing">
          {t('graph.drawing', { count: formatCount(drawing) })}
        </p>
      )}
    </>
  );
}
