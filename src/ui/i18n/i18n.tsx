import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, type Language, LANGUAGES, type MessageKey } from './messages';

export type { Language, MessageKey };

const KEY = 'logonlens.language';

/** The remembered language, else the browser's (Japanese if it prefers it), else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    // Storage can be refused (privacy settings): the browser's language still applies.
  }
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    // Screen readers and the browser's hyphenation and fonts follow <html lang>.
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Language) => {
    setLangState(l);
    try {
      localStorage.setItem(KEY, l);
    } catch {
      // Not remembered, still switched.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = LANGUAGES[lang];
    return { lang, setLang, t: (key, values) => format(dict[key], values) };
  }, [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The current language's strings; outside a provider (unit-rendered parts) it is English. */
export function useI18n(): I18n {
  return useContext(Context) ?? { lang: 'en', setLang: () => undefined, t: (key, values) => format(LANGUAGES.en[key], values) };
}

export function useT(): Translate {
  return useI18n().t;
}
