import { readFileSync } from 'node:fs';
import { FLEET_GLOSSARY } from '@radfleet/shared';
import { describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const glossary = README.slice(README.indexOf('## Glossary'));

/** The UI's tooltips show FLEET_GLOSSARY: it must say, word for word, what the README says. */
describe('the fleet glossary', () => {
  it('is the README glossary, word for word', () => {
    expect(README).toContain('## Glossary');
    for (const [term, text] of Object.entries(FLEET_GLOSSARY)) {
      expect(glossary, term).toContain(text.en);
    }
  });

  it('has a Russian text for every term', () => {
    for (const text of Object.values(FLEET_GLOSSARY)) expect(text.ru.length).toBeGreaterThan(10);
  });
});
