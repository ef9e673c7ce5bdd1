/**
 * Bitcoin chain arithmetic: subsidy by height, blocks of a month, the month's reward and
 * hashprice, plus the textbook difficulty formulas of domain/facts.md section 1.3.
 * Heights and block counts are integers (JS numbers, exact below 2^53); BTC amounts are
 * Decimals; subsidies are exact (integer satoshis).
 */
import { Decimal, ZERO } from './decimal.js';

export const HALVING_INTERVAL = 210_000;
/** 50 BTC in satoshis */
const INITIAL_SUBSIDY_SATS = 5_000_000_000n;
const SATS_PER_BTC = new Decimal(100_000_000);
const TWO_POW_32 = new Decimal(4_294_967_296);
const SECONDS_PER_DAY = new Decimal(86_400);
const H_PER_PH = new Decimal('1e15');

/**
 * Block subsidy at `height` in integer satoshis: 50 BTC >> floor(height / 210,000), and 0
 * once 64 or more halvings have happened (consensus rule, facts.md 1.1). No rounding.
 */
export function subsidySats(height: number): bigint {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  if (halvings >= 64) return 0n;
  return INITIAL_SUBSIDY_SATS >> BigInt(halvings);
}

/** Block subsidy at `height` in BTC (exact: integer satoshis / 1e8). */
export function subsidyBtc(height: number): Decimal {
  return new Decimal(subsidySats(height).toString()).div(SATS_PER_BTC);
}

export interface SubsidyTotal {
  /** sum of the subsidies of heights first .. first + blocks - 1, BTC, exact */
  readonly subsidyBtc: Decimal;
  /** heights in that range that start a new halving epoch (multiples of 210,000, > 0) */
  readonly halvingHeights: readonly number[];
}

/**
 * Total subsidy of `blocks` consecutive blocks starting at height `first`, in BTC (exact).
 * A halving inside the range splits it: blocks before the halving height earn the old
 * subsidy, the halving block and those after it the new one.
 */
export function subsidyTotal(first: number, blocks: number): SubsidyTotal {
  let sats = 0n;
  const halvingHeights: number[] = [];
  let height = first;
  let remaining = blocks;
  while (remaining > 0) {
    if (height > 0 && height % HALVING_INTERVAL === 0) halvingHeights.push(height);
    const epochEnd = (Math.floor(height / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
    const n = Math.min(remaining, epochEnd - height);
    sats += BigInt(n) * subsidySats(height);
    height += n;
    remaining -= n;
  }
  return { subsidyBtc: new Decimal(sats.toString()).div(SATS_PER_BTC), halvingHeights };
}

export interface MonthBlocks {
  /** whole blocks mined in the month */
  readonly blocks: number;
  /** fractional block carried into the next month, in [0, 1) */
  readonly carry: Decimal;
}

/**
 * Blocks of a month: B_k = floor(carry + days * blocks_per_day), the fraction carried to the
 * next month. Heights stay integers and no fractional blocks are lost over the horizon;
 * with an integer blocks_per_day (144) this is exactly days * blocks_per_day.
 */
export function blocksInMonth(days: number, blocksPerDay: Decimal, carry: Decimal): MonthBlocks {
  // the usual case, no carry and whole blocks per day: days * blocks_per_day is an integer
  // (exact, < 1e21), so floor is itself and the new carry 0; skip that arithmetic
  if (carry.isZero() && blocksPerDay.isInteger()) {
    return { blocks: blocksPerDay.times(days).toNumber(), carry: ZERO };
  }
  const total = carry.plus(blocksPerDay.times(days));
  const whole = total.floor();
  return { blocks: whole.toNumber(), carry: total.minus(whole) };
}

/**
 * Hashprice in USD per PH/s per day: R_k / B_k * 144 * price / (network EH/s * 1000).
 * Unrounded; 0 when the month has no blocks or the network hashrate is 0.
 */
export function hashpriceUsdPerPhDay(
  rewardBtc: Decimal,
  blocks: number,
  priceUsd: Decimal,
  networkEhs: Decimal,
): Decimal {
  if (blocks === 0 || networkEhs.isZero()) return ZERO;
  return rewardBtc.times(priceUsd).times(144).div(networkEhs.times(1000 * blocks));
}

/** Network hashrate implied by difficulty, in H/s, assuming 600 s blocks: D * 2^32 / 600. */
export function networkHashrateHsFromDifficulty(difficulty: Decimal): Decimal {
  return difficulty.times(TWO_POW_32).div(600);
}

/**
 * Expected BTC for a hashrate of `hashrateHs` (H/s) over `seconds` at `difficulty`:
 * H * T / (D * 2^32) * (subsidy + fees per block). Unrounded BTC.
 */
export function expectedBtcFromDifficulty(
  hashrateHs: Decimal,
  seconds: Decimal,
  difficulty: Decimal,
  rewardPerBlockBtc: Decimal,
): Decimal {
  return hashrateHs.times(seconds).div(difficulty.times(TWO_POW_32)).times(rewardPerBlockBtc);
}

/** Hashprice in BTC per PH/s per day from difficulty: 1e15 * 86400 / (D * 2^32) * reward per block. */
export function hashpriceBtcPerPhDayFromDifficulty(
  difficulty: Decimal,
  rewardPerBlockBtc: Decimal,
): Decimal {
  return expectedBtcFromDifficulty(H_PER_PH, SECONDS_PER_DAY, difficulty, rewardPerBlockBtc);
}

/** Hashprice in USD per PH/s per day from difficulty: BTC hashprice * price. Unrounded. */
export function hashpriceUsdPerPhDayFromDifficulty(
  difficulty: Decimal,
  rewardPerBlockBtc: Decimal,
  priceUsd: Decimal,
): Decimal {
  return hashpriceBtcPerPhDayFromDifficulty(difficulty, rewardPerBlockBtc).times(priceUsd);
}
