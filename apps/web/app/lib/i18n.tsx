import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { request } from '../api/client';
import { UpdateMeDocument } from '../api/generated';
import { useAuth } from './auth';
import { Locale, MessageKey, interpolate, messages } from './messages';
import { browserTimeZone } from './time';

export type { Locale, MessageKey };
export const LOCALES: Locale[] = ['en', 'zh-CN'];
const LOCALE_KEY = 'switchyard.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18nState {
  locale: Locale;
  /** The zone times are shown in: the user's, or the browser's before sign-in. */
  timeZone: string;
  t: Translate;
  setLocale(locale: Locale): Promise<void>;
}

const I18nContext = createContext<I18nState | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const { viewer, setViewer } = useAuth();
  const [chosen, setChosen] = useState<Locale>(initialLocale);
  const locale: Locale = viewer?.locale === 'zh-CN' || viewer?.locale === 'en' ? viewer.locale : chosen;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const t = useCallback<Translate>((key, params) => interpolate(messages[locale][key] ?? messages.en[key] ?? key, params), [locale]);

  const setLocale = useCallback(
    async (next: Locale) => {
      localStorage.setItem(LOCALE_KEY, next);
      setChosen(next);
      if (viewer) {
        const data = await request(UpdateMeDocument, { input: { locale: next } }).catch(() => null);
        if (data) setViewer(data.updateMe);
      }
    },
    [viewer, setViewer],
  );

  const value = useMemo(() => ({ locale, t, setLocale, timeZone: viewer?.timeZone ?? browserTimeZone() }), [locale, t, setLocale, viewer?.timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nState {
  const state = useContext(I18nContext);
  if (!state) throw new Error('useI18n outside I18nProvider');
  return state;
}
