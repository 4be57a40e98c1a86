/**
 * The Cases panel's notices and busy labels, the time options' checks and the demo case (merged
 * into messages.ts; the panel's labels are there). Messages from the workers (why a file was
 * refused, why an import stopped) come in English and are shown as they are.
 */
export const caseActionsEn = {
  'cases.listFailed': 'Could not list the cases: {message}',
  'cases.imported': 'Imported {records} records: {accepted} taken into the case, {duplicates} already in it. {total} (reading {read}, analysing {analyse}, saving {save}).',
  // The worker's own words for a cancelled import (it reports the status, so the page can say it in its language).
  'cases.importCancelled': 'Import cancelled. Nothing was saved: the case is as it was before.',
  'cases.creating': 'Creating the case…',
  'cases.renaming': 'Renaming…',
  'cases.deleting': 'Deleting…',
  'cases.exporting': 'Exporting…',
  'cases.importingFile': 'Importing the case file…',
  'cases.importedCaseName': 'Imported case',
  'cases.importedCase': 'Imported the case "{name}".',
  'cases.demoName': 'Demo case',
  'cases.demoHint': 'A generated Windows domain with injected attacks (DCSync, pass-the-hash, password spraying…), imported as a new case.',
  'opts.badTz': 'The time zone must be a number of hours between -14 and 14.',
  'opts.badFrom': 'The "from" time is not a valid date and time.',
  'opts.badTo': 'The "to" time is not a valid date and time.',
  'opts.fromAfterTo': 'The "from" time is after the "to" time.',
} as const;

export const caseActionsJa: Record<keyof typeof caseActionsEn, string> = {
  'cases.listFailed': 'ケースの一覧を取得できませんでした: {message}',
  'cases.imported': '{records} レコードを読み込みました: ケースへの取り込み {accepted}、既存 {duplicates}。{total}（読み込み {read}、解析 {analyse}、保存 {save}）。',
  'cases.importCancelled': '読み込みをキャンセルしました。何も保存していません。ケースは元のままです。',
  'cases.creating': 'ケースを作成しています…',
  'cases.renaming': '名前を変更しています…',
  'cases.deleting': '削除しています…',
  'cases.exporting': 'エクスポートしています…',
  'cases.importingFile': 'ケースファイルを読み込んでいます…',
  'cases.importedCaseName': '読み込んだケース',
  'cases.importedCase': 'ケース「{name}」を読み込みました。',
  'cases.demoName': 'デモケース',
  'cases.demoHint': '攻撃（DCSync、Pass-the-Hash、パスワードスプレーなど）を含む生成済みの Windows ドメインを新しいケースとして読み込みます。',
  'opts.badTz': 'タイムゾーンは -14 から 14 までの時間数で指定してください。',
  'opts.badFrom': '「開始」の日時が正しくありません。',
  'opts.badTo': '「終了」の日時が正しくありません。',
  'opts.fromAfterTo': '「開始」の日時が「終了」より後です。',
};
