import { useCallback, useEffect, useState } from 'react';

const HASH = '#cases';

/** Whether the Cases view is shown; kept in the URL hash so a reload shows the same view. */
export function useViewToggle(): [boolean, () => void] {
  const [shown, setShown] = useState(() => location.hash === HASH);
  useEffect(() => {
    const sync = () => setShown(location.hash === HASH);
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  const toggle = useCallback(() => {
    const next = location.hash !== HASH;
    history.replaceState(null, '', next ? HASH : location.pathname + location.search);
    setShown(next);
  }, []);
  return [shown, toggle];
}
