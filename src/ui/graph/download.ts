import type { GraphHandle, StyleOptions } from './cy';
import { edgesCsv, exportFileName, type ExportGraph, gexfOf, graphJson, graphmlOf, nodesCsv, svgOf } from './export';
import type { Palette } from './palette';
import type { ExportKind } from './Toolbar';
import { saveBlob } from '../cases/download';

const text = (s: string, type: string) => new Blob([s], { type: `${type};charset=utf-8` });

/** Builds and saves one export of the drawn graph. */
export async function exportGraphAs(kind: ExportKind, h: GraphHandle, g: ExportGraph, query: unknown, p: Palette, o: StyleOptions, caseName: string, view: string): Promise<void> {
  const name = (ext: string, what = view) => exportFileName(caseName, what, ext);
  switch (kind) {
    case 'png':
      return saveBlob(name('png'), await h.png(p.background));
    case 'jpg':
      return saveBlob(name('jpg'), await h.jpg(p.background));
    case 'svg':
      return saveBlob(name('svg'), text(svgOf(h.scene(p, o)), 'image/svg+xml'));
    case 'graphml':
      return saveBlob(name('graphml'), text(graphmlOf(g), 'application/xml'));
    case 'gexf':
      return saveBlob(name('gexf'), text(gexfOf(g), 'application/xml'));
    case 'csv-edges':
      return saveBlob(name('csv', `${view}-edges`), text(edgesCsv(g), 'text/csv'));
    case 'csv-nodes':
      return saveBlob(name('csv', `${view}-nodes`), text(nodesCsv(g), 'text/csv'));
    case 'json':
      return saveBlob(name('json'), text(graphJson(g, query), 'application/json'));
  }
}
