/**
 * Text from a plan (its name, check names, notes) never carries control characters into
 * the output: a plan cannot inject terminal escapes or break a line, in any command or
 * format, even in a pipe.
 */
import { describe, expect, it } from 'vitest';
import { readText, runCli } from '../helpers.js';

// YAML double quotes turn \e into ESC (0x1b) and \n into a line break.
const EVIL = readText('fixtures/plans/reference.yaml')
  .replace(/^name: .*$/m, 'name: "Evil\\e[31mRED\\nsecond line"')
  .replace('- name: liquidity covenant', '- name: "covenant\\e[2J"')
  .replace('note: fund S21 XP delivery', 'note: "fund\\e[0m delivery"');

const COMMANDS: readonly (readonly string[])[] = [
  ['run', '-'],
  ['run', '-', '--format', 'md'],
  ['run', '-', '--format', 'csv'],
  ['explain', '-', '--month', '2027-04'],
  ['check', '-'],
  ['compare', '-', '--period', 'year'],
  ['compare', '-', '--period', 'year', '--format', 'md'],
  ['sweep', '-', '--vary', 'market.btc_price_usd.start=60000:70000:10000', '--metric', 'cash_usd:min'],
  ['sweep', '-', '--vary', 'market.btc_price_usd.start=60000:70000:10000', '--metric', 'cash_usd:min', '--format', 'md'],
];

describe('plan text in output', () => {
  for (const argv of COMMANDS) {
    it(`${argv.join(' ')} prints no control characters from the plan`, async () => {
      const run = await runCli(argv, { stdin: EVIL });
      expect(run.stderr).not.toContain('error[');
      expect(run.stdout).not.toMatch(/\u001b/);
      expect(run.stdout).not.toContain('RED\nsecond');
    });
  }
});
