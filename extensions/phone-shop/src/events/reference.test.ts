import { readFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from './catalogue.ts';
import { eventReference, withReference } from './reference.ts';

const API_DOC = path.resolve(import.meta.dirname, '../../../../docs/api.md');

describe('the event catalogue', () => {
  it('gives every type an example that its own schema accepts', () => {
    for (const [type, definition] of Object.entries(EVENT_CATALOGUE)) {
      expect(definition.data.safeParse(definition.example).success, type).toBe(true);
    }
  });

  it('is what docs/api.md says (npm run docs:events rewrites it)', async () => {
    const document = readFileSync(API_DOC, 'utf8');
    const options = { ...(await resolveConfig(API_DOC)), filepath: API_DOC };
    expect(await format(withReference(document), options)).toBe(document);
    for (const type of Object.keys(EVENT_CATALOGUE)) expect(eventReference()).toContain(`#### \`${type}\``);
  });
});
