import { Locale } from './role';

/** `zh`, `zh-CN`, `zh-Hans` in Accept-Language pick Simplified Chinese; anything else English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
