import { describe, expect, test } from 'vitest';
import {
  blocksInMonth,
  expectedBtcFromDifficulty,
  hashpriceBtcPerPhDayFromDifficulty,
  hashpriceUsdPerPhDayFromDifficulty,
  networkHashrateHsFromDifficulty,
  subsidySats,
  subsidyTotal,
} from '../../src/core/chain.js';
import { simulate } from '../../src/core/simulate.js';
import { D, buildPlan, constant, m, market } from './plan-builder.js';

const ex = (a: { toFixed(): string }, b: string | number) => expect(a.toFixed()).toBe(D(b).toFixed());

describe('subsidy by height (facts.md 1.1: 50 BTC >> floor(h/210000), 0 after 64 halvings)', () => {
  test('epoch boundaries', () => {
    expect(subsidySats(0)).toBe(5_000_000_000n);
    expect(subsidySats(209_999)).toBe(5_000_000_000n);
    expect(subsidySats(210_000)).toBe(2_500_000_000n);
    // 4th halving at 840,000: 3.125 BTC (facts 1.2)
    expect(subsidySats(840_000)).toBe(312_500_000n);
    // 5th halving at 1,050,000: 1.5625 BTC
    expect(subsidySats(1_049_999)).toBe(312_500_000n);
    expect(subsidySats(1_050_000)).toBe(156_250_000n);
    // 5e9 >> 32 = floor(5e9 / 4,294,967,296) = 1 sat; >> 33 = 0
    expect(subsidySats(32 * 210_000)).toBe(1n);
    expect(subsidySats(33 * 210_000)).toBe(0n);
    expect(subsidySats(64 * 210_000)).toBe(0n);
    expect(subsidySats(100 * 210_000)).toBe(0n);
  });

  test('a halving inside the range splits its blocks', () => {
    // heights 1,049,000 .. 1,053,463 (4,464 blocks): 1,000 at 3.125 + 3,464 at 1.5625
    // = 3,125 + 5,412.5 = 8,537.5 BTC
    const total = subsidyTotal(1_049_000, 4464);
    ex(total.subsidyBtc, '8537.5');
    expect(total.halvingHeights).toEqual([1_050_000]);
    // a month that starts exactly at the halving block contains it
    expect(subsidyTotal(1_050_000, 10).halvingHeights).toEqual([1_050_000]);
    ex(subsidyTotal(1_050_000, 10).subsidyBtc, '15.625');
    expect(subsidyTotal(1_040_000, 4464).halvingHeights).toEqual([]);
  });
});

describe('blocks of a month', () => {
  test('144 per day: days * 144, no carry', () => {
    const jan = blocksInMonth(31, D(144), D(0));
    expect(jan.blocks).toBe(4464); // 31 * 144
    ex(jan.carry, 0);
  });
  test('fractional blocks per day: floor, fraction carried', () => {
    // 31 * 144.5 = 4,479.5 -> 4,479 blocks, carry 0.5; then 0.5 + 28 * 144.5 = 4,046.5 -> 4,046
    const jan = blocksInMonth(31, D('144.5'), D(0));
    expect(jan.blocks).toBe(4479);
    ex(jan.carry, '0.5');
    const feb = blocksInMonth(28, D('144.5'), jan.carry);
    expect(feb.blocks).toBe(4046);
    ex(feb.carry, '0.5');
  });
  test('simulate carries heights and calendar days (Feb 2028 is a leap month)', () => {
    const plan = buildPlan({
      start: m('2028-01'),
      months: 3,
      market: market({ blocksPerDay: constant('144.5', m('2028-01')), btcPriceUsd: constant(1, m('2028-01')), networkHashrateEhs: constant(1, m('2028-01')), feesBtcPerBlock: constant(0, m('2028-01')) }),
      fleet: [],
    });
    const [jan, feb, mar] = simulate(plan).months;
    // Jan 31 days: 4,479.5 -> 4,479; Feb 2028 29 days: 0.5 + 4,190.5 = 4,191 -> 4,191, carry 0;
    // Mar 31 days: 4,479.5 -> 4,479
    expect(jan!.market.blocks).toBe(4479);
    expect(feb!.market.days).toBe(29);
    expect(feb!.market.hours).toBe(696);
    expect(feb!.market.blocks).toBe(4191);
    expect(feb!.market.height_first).toBe(1_000_000 + 4479);
    expect(mar!.market.blocks).toBe(4479);
    expect(mar!.market.height_first).toBe(1_000_000 + 4479 + 4191);
  });
});

describe('reward and hashprice of a month', () => {
  test('base month: R = 4,464 * 3.125 = 13,950 BTC; hashprice = 3.125 * 144 * 100,000 / 1,000,000 PH/s = $45', () => {
    const [jan] = simulate(buildPlan({ fleet: [] })).months;
    ex(jan!.market.reward_btc, 13950);
    ex(jan!.block_reward_btc, '3.125');
    ex(jan!.hashprice_usd_per_ph_day, 45);
  });

  test('fees: R = 4,464 * (3.125 + 0.25) = 15,066 BTC; block reward 3.375', () => {
    const [jan] = simulate(buildPlan({ fleet: [], market: market({ feesBtcPerBlock: constant('0.25') }) })).months;
    ex(jan!.market.fees_btc, 1116); // 4,464 * 0.25
    ex(jan!.market.reward_btc, 15066);
    ex(jan!.block_reward_btc, '3.375');
  });

  test('a month containing block 1,050,000 mines at both subsidies', () => {
    const plan = buildPlan({ market: market({ blockHeight: 1_049_000 }) });
    const [jan] = simulate(plan).months;
    // R = 8,537.5 BTC (see the split test); b1 has 0.1 of 1,000 EH/s:
    // 0.1 / 1,000 * 8,537.5 = 0.85375 BTC
    ex(jan!.market.reward_btc, '8537.5');
    ex(jan!.btc_mined, '0.85375');
    const halving = jan!.decisions.find((d) => d.code === 'HALVING');
    expect(halving?.detail).toBe('block 1,050,000 halves the subsidy to 1.5625 BTC per block');
  });
});

describe('formula anchors (facts.md 1.3)', () => {
  test('Foundry FPPS: 1 PH/s for a day at D = 21,448,277,761,059, 6.25 BTC -> 0.0058619 BTC', () => {
    // 1e15 * 86,400 / (21,448,277,761,059 * 2^32) = 8.64e19 / 9.2119651539e22 = 0.000937910626
    // * 6.25 = 0.00586194 -> 0.0058619 at 7 dp [S8]
    const btc = expectedBtcFromDifficulty(D('1e15'), D(86400), D('21448277761059'), D('6.25'));
    expect(btc.toFixed(7)).toBe('0.0058619');
    expect(hashpriceBtcPerPhDayFromDifficulty(D('21448277761059'), D('6.25')).toFixed(7)).toBe('0.0058619');
  });

  test('Luxor Nov 2025: D 153.33T, $96,532, fees 0.6% of subsidy -> $39.81/PH/day, 0.000412 BTC', () => {
    // reward per block = 3.125 * 1.006 = 3.14375 BTC
    // 1e15 * 86,400 / (153.33e12 * 2^32) = 8.64e19 / 6.5854733550e23 = 0.000131198
    // * 3.14375 = 0.000412453 BTC/PH/day; * 96,532 = $39.8149 -> $39.81 [S9][S10]
    const reward = D('3.125').times('1.006');
    expect(hashpriceBtcPerPhDayFromDifficulty(D('153.33e12'), reward).toFixed(6)).toBe('0.000412');
    expect(hashpriceUsdPerPhDayFromDifficulty(D('153.33e12'), reward, D(96532)).toFixed(2)).toBe('39.81');
  });

  test('difficulty to hashrate: 153.33T * 2^32 / 600 = 1,097.6 EH/s (facts: 1,098)', () => {
    // 6.5854733549568e23 / 600 = 1.0975789e21 H/s = 1,097.58 EH/s
    expect(networkHashrateHsFromDifficulty(D('153.33e12')).div('1e18').toFixed(0)).toBe('1098');
  });
});
