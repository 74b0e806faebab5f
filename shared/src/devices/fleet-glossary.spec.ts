import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLEET_GLOSSARY } from './fleet-glossary.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const glossary = README.slice(README.indexOf('## Glossary'));

describe('the fleet glossary', () => {
  it('is the README glossary, word for word, so that tooltips say what the README says', () => {
    expect(README).toContain('## Glossary');
    for (const [term, text] of Object.entries(FLEET_GLOSSARY)) {
      expect(glossary, term).toContain(text.en);
    }
  });

  it('has a Russian text for every term', () => {
    for (const text of Object.values(FLEET_GLOSSARY)) expect(text.ru.length).toBeGreaterThan(10);
  });
});
