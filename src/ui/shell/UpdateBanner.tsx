import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/i18n';
import { pwaStore } from './pwa';

/** Says when a new version waits (the analyst chooses when to reload) or when offline use is ready. */
export function UpdateBanner() {
  const t = useT();
  const s = useSyncExternalStore(pwaStore.subscribe, pwaStore.get);
  if (!s.needRefresh && !s.offlineReady) return null;
  return (
    <div className="update-banner" role="status" data-testid="pwa-status" data-offline-ready={s.offlineReady} data-need-refresh={s.needRefresh}>
      <span>{s.needRefresh ? t('update.ready') : t('offline.ready')}</span>
      {s.needRefresh && (
        <button type="button" onClick={pwaStore.reload}>
          {t('update.reload')}
        </button>
      )}
      <button type="button" onClick={pwaStore.dismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
