/** Files dropped on the page for a case: `into` a stored case (added), or null for a new case. */
export interface DroppedFiles {
  files: File[];
  into: string | null;
  /** Changes with every drop, so the same files dropped twice import twice. */
  seq: number;
}

let lastDrop = 0;

/** True the first time a drop is seen: a panel or form mounted again later must not import it again. */
export function claimDrop(seq: number): boolean {
  if (seq <= lastDrop) return false;
  lastDrop = seq;
  return true;
}
