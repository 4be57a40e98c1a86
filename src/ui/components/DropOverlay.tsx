/** Shown while files are dragged over the page. */
export function DropOverlay({ active }: { active: boolean }) {
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop .evtx or .xml files to open them</p>
    </div>
  );
}
