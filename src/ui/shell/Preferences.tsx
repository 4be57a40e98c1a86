import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import type { Language } from '../i18n/messages';
import type { ThemeSetting } from './theme';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

/** Theme (system, light, dark) and language, both remembered. */
export function Preferences({ theme, onTheme, onHelp }: { theme: ThemeSetting; onTheme(t: ThemeSetting): void; onHelp(): void }) {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="prefs">
      <label htmlFor={`${id}-theme`}>{t('prefs.theme')}</label>
      <select id={`${id}-theme`} value={theme} onChange={(e) => onTheme(e.target.value as ThemeSetting)} data-testid="theme-select">
        {(['system', 'light', 'dark'] as const).map((v) => (
          <option key={v} value={v}>
            {t(`prefs.theme.${v}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-lang`}>{t('prefs.language')}</label>
      <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as Language)} data-testid="language-select">
        {(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="button" onClick={onHelp} aria-label={t('shortcuts.button')} title={t('shortcuts.button')} data-testid="shortcuts-button">
        ?
      </button>
    </div>
  );
}
