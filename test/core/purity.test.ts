/**
 * src/core is the functional core: it imports only decimal.js and its own files, and never
 * touches I/O, the clock, randomness or the process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CORE = 'src/core';
const files = readdirSync(CORE).filter((f) => f.endsWith('.ts'));

describe('src/core purity', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file} imports only decimal.js and core files`, () => {
      const text = readFileSync(`${CORE}/${file}`, 'utf8');
      const specifiers = [...text.matchAll(/(?:^|\s)(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g), ...text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
      const bad = specifiers.filter((s) => s !== 'decimal.js' && !/^\.\/[a-z0-9-]+\.js$/.test(s));
      expect(bad).toEqual([]);
      // no process, clock or randomness (comments aside)
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code).not.toMatch(/\bprocess\.|\bDate\b|Math\.random|\bconsole\.|globalThis|\bfetch\(/);
    });
  }
});
