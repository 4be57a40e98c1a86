import { useEffect, useRef } from 'react';
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
}

/** The Cytoscape canvas: mounted once, then fed elements, style, layout and selection as they change. */
export function GraphCanvas({ elements, style, layout, root, selected, onSelect, onHover, onReady, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<GraphHandle | null>(null);
  // Callbacks through refs: the canvas must not be rebuilt because a parent re-rendered.
  const events = useRef({ onSelect, onHover });
  events.current = { onSelect, onHover };
  const laidOut = useRef<{ elements: ElementDefinition[] | null; layout: LayoutName }>({ elements: null, layout });

  useEffect(() => {
    const h = mountGraph(box.current!, style, { onSelect: (id) => events.current.onSelect(id), onHover: (x) => events.current.onHover(x) });
    handle.current = h;
    laidOut.current = { elements: null, layout };
    onReady(h);
    return () => {
      onReady(null);
      handle.current = null;
      h.destroy();
    };
    // Mounted once; later changes arrive through the effects below.
  }, []);

  useEffect(() => handle.current?.setStyle(style), [style]);

  useEffect(() => {
    const h = handle.current;
    if (!h) return;
    if (laidOut.current.elements !== elements) {
      h.setElements(elements, layout, root);
      h.select(selected);
    } else if (laidOut.current.layout !== layout) h.layout(layout, root);
    laidOut.current = { elements, layout };
    // `selected` is applied by its own effect; here only after new elements.
  }, [elements, layout, root]);

  useEffect(() => handle.current?.select(selected), [selected]);

  return <div ref={box} className="graph-canvas" role="img" aria-label={label} data-testid="graph-canvas" />;
}
