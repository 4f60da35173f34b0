// English and Kiswahili through ra-i18n-polyglot. Kiswahili is loaded when chosen, so English users
// do not download it. The choice is kept on the phone (react-admin's store).
//
// Polyglot needs its first locale's messages at once, so it always starts in English (Kiswahili
// there would throw before the app renders: a white screen for every Kiswahili user on reload).
// The choice lives in the store, and react-admin's I18nContextProvider switches to it before its
// first render, holding the render back meanwhile, so English never flashes.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { englishAll } from '../i18n/en.ts';
import { store } from './store.ts';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'sw', name: 'Kiswahili' },
];

// A phone set to Kiswahili starts the app in Kiswahili, until its user picks a language.
if (store.getItem('locale') === undefined && navigator.language.toLowerCase().startsWith('sw'))
  store.setItem('locale', 'sw');

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'sw' ? import('../i18n/sw.ts').then((m) => m.swahiliAll) : englishAll),
  'en',
  LOCALES,
  { allowMissing: false },
);
