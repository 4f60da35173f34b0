// `npm run docs:events`: rewrites docs/api.md's event reference from the catalogue
// (extensions/phone-shop/src/events/catalogue.ts). A unit test fails while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { withReference } from '../extensions/phone-shop/src/events/reference.ts';

const file = path.resolve(import.meta.dirname, '..', 'docs', 'api.md');
const before = readFileSync(file, 'utf8');
const after = await format(withReference(before), { ...(await resolveConfig(file)), filepath: file });
writeFileSync(file, after);
console.log(
  after === before
    ? 'docs/api.md: the event reference was up to date'
    : 'docs/api.md: event reference rewritten',
);
