// Every label exists in both languages: the app's keys (also checked by the compiler) and
// react-admin's own, against ra-language-english.
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { englishAll } from './en.ts';
import { swahiliAll } from './sw.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  it('has every English key in Kiswahili, and no other', () => {
    expect(keys(swahiliAll).sort()).toEqual(keys(englishAll).sort());
  });

  it('covers all of react-admin', () => {
    const sw = new Set(keys(swahiliAll));
    expect(keys(englishMessages).filter((key) => !sw.has(key))).toEqual([]);
  });

  it('keeps the placeholders of each English label', () => {
    const placeholders = (text: string): string[] =>
      [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    const get = (root: unknown, key: string): string =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as string;
    for (const key of keys(englishAll)) {
      expect(placeholders(get(swahiliAll, key)), key).toEqual(placeholders(get(englishAll, key)));
    }
  });
});
