/** Saves bytes as a file through a temporary blob: link (no server involved; allowed by the CSP). */
export function saveFile(name: string, bytes: Uint8Array): void {
  saveBlob(name, new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
}

/** Saves a blob as a file through a temporary blob: link (nothing leaves the browser). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a case name: path separators and control characters replaced. */
export function caseFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim() || 'case';
  return `${safe.slice(0, 120)}.llcase`;
}
