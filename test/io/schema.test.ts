/**
 * `hashpivot schema` prints a JSON Schema that every fixture plan satisfies and that
 * rejects what the loader rejects in shape (unknown keys, wrong types).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readText, runCli } from '../helpers.js';

async function compiledSchema() {
  const run = await runCli(['schema']);
  expect(run.exit).toBe(0);
  const schema = JSON.parse(run.stdout) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return { schema, validate: ajv.compile(schema) };
}

describe('hashpivot schema', () => {
  it('validates every fixture plan', async () => {
    const { validate } = await compiledSchema();
    for (const name of ['reference', 'fixed-ppa-colo', 'colo-majority', 'gpu-cloud-loan']) {
      const data = parse(readText(`fixtures/plans/${name}.yaml`)) as unknown;
      const ok = validate(data);
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects an unknown key and a list where a number belongs', async () => {
    const { validate } = await compiledSchema();
    const data = parse(readText('fixtures/plans/reference.yaml')) as Record<string, unknown>;
    expect(validate({ ...data, extra: 1 })).toBe(false);
    expect(validate({ ...data, months: [1] })).toBe(false);
  });

  it("gives a series' start the range of the series' values, as the loader checks it", async () => {
    const { validate } = await compiledSchema();
    const data = parse(readText('fixtures/plans/reference.yaml')) as { market: Record<string, unknown> };
    const withPrice = (start: unknown) => ({ ...data, market: { ...data.market, btc_price_usd: { start, growth_pct_per_year: 10 } } });
    expect(validate(withPrice(60000))).toBe(true);
    expect(validate(withPrice('60000'))).toBe(true);
    // a BTC price must be above 0 (exclusive), and text must be a numeral
    expect(validate(withPrice(0))).toBe(false);
    expect(validate(withPrice('sixty thousand'))).toBe(false);
  });

  it('documents every key with a description (hover docs) and units', async () => {
    const { schema } = await compiledSchema();
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      if (props) {
        for (const [key, value] of Object.entries(props)) {
          if (typeof value.description !== 'string') missing.push(`${path}.${key}`);
          walk(value, `${path}.${key}`);
        }
      }
      for (const k of ['items', 'additionalProperties']) if (n[k]) walk(n[k], `${path}[]`);
      for (const k of ['anyOf', 'oneOf']) if (Array.isArray(n[k])) (n[k] as unknown[]).forEach((x) => walk(x, path));
    };
    walk(schema, '');
    expect(missing).toEqual([]);
    const text = JSON.stringify(schema);
    expect(text).toContain('USD per MWh');
    expect(text).toContain('TH/s');
  });
});
