// English and Kiswahili through ra-i18n-polyglot. Kiswahili is loaded when chosen, so English users
// do not download it. The choice is kept on the phone (react-admin's store).
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { englishAll } from '../i18n/en.ts';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'sw', name: 'Kiswahili' },
];

function initialLocale(): string {
  const stored = localStorage.getItem('RaStore.locale');
  if (stored) return (JSON.parse(stored) as string) === 'sw' ? 'sw' : 'en';
  return navigator.language.toLowerCase().startsWith('sw') ? 'sw' : 'en';
}

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'sw' ? import('../i18n/sw.ts').then((m) => m.swahiliAll) : englishAll),
  initialLocale(),
  LOCALES,
  { allowMissing: false },
);
