/** Strings of the analysis views added after messages.ts was split (merged into messages.ts). */
export const analysisEn = {
  'det.csvTitle': 'The detections that match the kind and filter, all pages, formula-escaped',
  'rank.csvTitle': 'Every row that matches the filter, in this order, formula-escaped',
} as const;

export const analysisJa: Record<keyof typeof analysisEn, string> = {
  'det.csvTitle': '種類と絞り込みに一致する検知をすべてのページ分（数式はエスケープ済み）',
  'rank.csvTitle': '絞り込みに一致するすべての行をこの順で（数式はエスケープ済み）',
};
