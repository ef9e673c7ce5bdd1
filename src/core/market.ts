/**
 * Step 1 of the month: market inputs and the chain's reward for the month.
 */
import { Decimal, ONE, ZERO, pct } from './decimal.js';
import { blocksInMonth, hashpriceUsdPerPhDay, subsidyTotal } from './chain.js';
import type { MarketTrace } from './results.js';

export interface MarketInput {
  readonly days: number;
  readonly priceUsd: Decimal;
  readonly networkEhs: Decimal;
  readonly feesBtcPerBlock: Decimal;
  readonly blocksPerDay: Decimal;
  /** height of the month's first block, h_k */
  readonly height: number;
  /** fractional block carried from the previous month (0 at start) */
  readonly blockCarry: Decimal;
  /** share of the reward the pool pays out: {@link poolKeep} of the plan's pool fee */
  readonly poolKeep: Decimal;
}

/** Share of the reward a pool pays out: 1 - pool fee as a fraction. */
export function poolKeep(poolFeePct: Decimal): Decimal {
  return ONE.minus(pct(poolFeePct));
}

export interface MarketMonth {
  readonly priceUsd: Decimal;
  readonly networkEhs: Decimal;
  /** R_k / B_k, BTC per block (0 without blocks) */
  readonly blockRewardBtc: Decimal;
  readonly hashpriceUsdPerPhDay: Decimal;
  /** USD per effective EH/s for the month, after pool fee: btc_per_ehs * price */
  readonly usdPerEhs: Decimal;
  /** usdPerEhs / hours of the month */
  readonly usdPerEhsHour: Decimal;
  readonly trace: MarketTrace;
  /** carry into the next month */
  readonly blockCarry: Decimal;
}

/**
 * The month's market (spec 4 step 1). Blocks B_k per {@link blocksInMonth}; heights
 * h_k .. h_k + B_k - 1; R_k = subsidy + fees * B_k (BTC, exact). `btc_per_ehs` =
 * R_k / network EH/s * (1 - pool fee): BTC credited per effective EH/s (0 when the network
 * hashrate is 0). Nothing is rounded here: none of these is a posting.
 */
export function marketMonth(input: MarketInput): MarketMonth {
  const { blocks, carry } = blocksInMonth(input.days, input.blocksPerDay, input.blockCarry);
  const { subsidyBtc, halvingHeights } = subsidyTotal(input.height, blocks);
  const feesBtc = input.feesBtcPerBlock.times(blocks);
  // the network reward of the month, R_k = subsidy of its blocks + fees per block * B_k
  const rewardBtc = subsidyBtc.plus(feesBtc);
  const btcPerEhs = input.networkEhs.isZero()
    ? ZERO
    : rewardBtc.times(input.poolKeep).div(input.networkEhs);
  const usdPerEhs = btcPerEhs.times(input.priceUsd);
  return {
    priceUsd: input.priceUsd,
    networkEhs: input.networkEhs,
    blockRewardBtc: blocks === 0 ? ZERO : rewardBtc.div(blocks),
    hashpriceUsdPerPhDay: hashpriceUsdPerPhDay(rewardBtc, blocks, input.priceUsd, input.networkEhs),
    usdPerEhs,
    usdPerEhsHour: usdPerEhs.div(input.days * 24),
    blockCarry: carry,
    trace: {
      days: input.days,
      hours: input.days * 24,
      blocks_per_day: input.blocksPerDay,
      blocks,
      height_first: input.height,
      height_next: input.height + blocks,
      halving_heights: halvingHeights,
      subsidy_btc: subsidyBtc,
      fees_btc_per_block: input.feesBtcPerBlock,
      fees_btc: feesBtc,
      reward_btc: rewardBtc,
      btc_per_ehs: btcPerEhs,
    },
  };
}
