/**
 * `hashpivot check` as CI runs it: exit codes, text, JSON and GitHub annotations.
 */
import { describe, expect, it } from 'vitest';
import { readText, runCli } from '../helpers.js';

const REF = 'fixtures/plans/reference.yaml';

describe('hashpivot check', () => {
  it('exits 1 when the bear scenario breaches the covenant, naming scenario, month, value and bound', async () => {
    const run = await runCli(['check', 'fixtures/plans/colo-majority.yaml']);
    expect(run.exit).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}minimum liquidity covenant +bear +cash_usd [\d,.]+ < min 200,000,000 in \d{4}-\d{2}/);
    expect(run.stdout).toMatch(/\d+ passed, 1 failed\n$/);
  });

  it('exits 0 when every check passes', async () => {
    const run = await runCli(['check', 'fixtures/plans/fixed-ppa-colo.yaml']);
    expect(run.exit).toBe(0);
    expect(run.stdout).not.toContain('FAIL');
  });

  it('exits 2 for an invalid plan, even beside a failing one', async () => {
    const run = await runCli(['check', 'fixtures/invalid/negative.yaml', 'fixtures/plans/colo-majority.yaml']);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('error[negative]');
  });

  it('prints GitHub annotations at the failing check line', async () => {
    const run = await runCli(['check', REF, '--format', 'github']);
    expect(run.exit).toBe(1);
    // the `liquidity covenant` check is the first item of `checks:` in reference.yaml
    const lines = readText(REF).split('\n');
    const line = lines.findIndex((l) => l.includes('- name: liquidity covenant')) + 1;
    expect(run.stdout).toContain(`::error file=${REF},line=${line},title=check failed%3A liquidity covenant::liquidity covenant (bear): cash_usd `);
  });

  it('prints a JSON document with every result', async () => {
    const run = await runCli(['check', REF, '--format', 'json']);
    const doc = JSON.parse(run.stdout) as { schema: string; passed: number; failed: number; plans: { checks: { status: string; scenario: string }[] }[] };
    expect(doc.schema).toBe('hashpivot.check/1');
    // 3 checks x 4 scenarios (base, bear, bull, no-ai) in reference.yaml
    expect(doc.plans[0]!.checks.length).toBe(12);
    expect(doc.passed + doc.failed).toBe(12);
  });
});
