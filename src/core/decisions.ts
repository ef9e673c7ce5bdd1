/**
 * Decision constructors: one readable sentence per event or choice of the month, with units.
 * Numbers are formatted here with Decimal only (no toLocaleString, no Intl), so sentences are
 * identical on every machine: USD 2 dp with thousands separators, $/MWh 2 dp, BTC up to
 * 8 dp with trailing zeros trimmed, MW up to 3 dp trimmed. Rounding for display is
 * ROUND_HALF_EVEN and never feeds back into the ledger.
 */
import { Decimal } from './decimal.js';
import { formatMonth, type Month } from './month.js';
import type { Decision, DecisionCode } from './results.js';

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed-point text with thousands separators; `trim` drops trailing fractional zeros. */
export function formatDecimal(x: Decimal, dp: number, trim = false): string {
  const fixed = x.toFixed(dp, Decimal.ROUND_HALF_EVEN);
  const negative = fixed.startsWith('-');
  const unsigned = negative ? fixed.slice(1) : fixed;
  const dot = unsigned.indexOf('.');
  const int = dot < 0 ? unsigned : unsigned.slice(0, dot);
  let frac = dot < 0 ? '' : unsigned.slice(dot + 1);
  if (trim) frac = frac.replace(/0+$/, '');
  const body = frac.length > 0 ? `${group(int)}.${frac}` : group(int);
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** "$1,234.56" / "-$1,234.56" */
export function formatUsd(x: Decimal): string {
  const text = formatDecimal(x, 2);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** "$21.40/MWh" */
export function formatUsdPerMwh(x: Decimal): string {
  return `${formatUsd(x)}/MWh`;
}

/** "1,500 BTC", "0.00012345 BTC" */
export function formatBtc(x: Decimal): string {
  return `${formatDecimal(x, 8, true)} BTC`;
}

/** "195.048 MW" */
export function formatMw(x: Decimal): string {
  return `${formatDecimal(x, 3, true)} MW`;
}

/** "2.5%" */
export function formatPct(x: Decimal): string {
  return `${formatDecimal(x, 4, true)}%`;
}

function decision(code: DecisionCode, subject: string, detail: string): Decision {
  return { code, subject, detail };
}

export const TREASURY = 'treasury';

export function halving(height: number, subsidyAfterBtc: Decimal): Decision {
  return decision(
    'HALVING',
    'chain',
    `block ${group(String(height))} halves the subsidy to ${formatBtc(subsidyAfterBtc)} per block`,
  );
}

export function curtailUneconomic(
  batch: string,
  site: string,
  runningMw: Decimal,
  fitMw: Decimal,
  revenue: Decimal,
  marginal: Decimal,
): Decision {
  const lead = runningMw.isZero()
    ? 'earns'
    : `runs ${formatMw(runningMw)} of ${formatMw(fitMw)}; the rest earns`;
  return decision(
    'CURTAIL_UNECONOMIC',
    `${batch} @ ${site}`,
    `${lead} ${formatUsdPerMwh(revenue)} < marginal power ${formatUsdPerMwh(marginal)}`,
  );
}

export function curtailCapacity(
  batch: string,
  site: string,
  fitMw: Decimal,
  facilityMw: Decimal,
  availableMw: Decimal,
): Decision {
  return decision(
    'CURTAIL_CAPACITY',
    `${batch} @ ${site}`,
    `only ${formatMw(fitMw)} of its ${formatMw(facilityMw)} fit in the site's ${formatMw(availableMw)} of mining capacity`,
  );
}

export function batchOnline(
  batch: string,
  site: string,
  facilityMw: Decimal,
  capexUsd: Decimal | null,
): Decision {
  const capex = capexUsd === null ? '' : `; capex ${formatUsd(capexUsd)} paid`;
  return decision('BATCH_ONLINE', batch, `comes online at ${site} with ${formatMw(facilityMw)}${capex}`);
}

export function batchRetired(batch: string, site: string, facilityMw: Decimal): Decision {
  return decision('BATCH_RETIRED', batch, `retired at ${site}, freeing ${formatMw(facilityMw)}`);
}

export function hostingConversionStart(
  contract: string,
  site: string,
  facilityMw: Decimal,
  serviceStart: Month,
): Decision {
  return decision(
    'HOSTING_CONVERSION_START',
    contract,
    `${formatMw(facilityMw)} at ${site} leave mining for construction; service from ${formatMonth(serviceStart)}`,
  );
}

export function hostingServiceStart(contract: string, site: string, termEnd: Month): Decision {
  return decision(
    'HOSTING_SERVICE_START',
    contract,
    `service starts at ${site}; term runs through ${formatMonth(termEnd)}`,
  );
}

export function hostingTermEnd(contract: string, site: string, facilityMw: Decimal): Decision {
  return decision(
    'HOSTING_TERM_END',
    contract,
    `last service month at ${site}; ${formatMw(facilityMw)} return to mining next month`,
  );
}

export function sellScheduled(btc: Decimal, proceeds: Decimal, note: string): Decision {
  const why = note.length > 0 ? ` (${note})` : '';
  return decision('SELL_SCHEDULED', TREASURY, `sold ${formatBtc(btc)} for ${formatUsd(proceeds)}${why}`);
}

export function buyScheduled(
  btc: Decimal,
  requested: Decimal,
  cost: Decimal,
  note: string,
  cashRoom: Decimal | null,
): Decision {
  const why = note.length > 0 ? ` (${note})` : '';
  const cut =
    cashRoom === null
      ? ''
      : `; ${formatBtc(requested)} scheduled but only ${formatUsd(cashRoom)} of cash was above the floor`;
  return decision('BUY_SCHEDULED', TREASURY, `bought ${formatBtc(btc)} for ${formatUsd(cost)}${why}${cut}`);
}

export function sellProduction(btc: Decimal, sharePct: Decimal, minedBtc: Decimal, proceeds: Decimal): Decision {
  return decision(
    'SELL_PRODUCTION',
    TREASURY,
    `sold ${formatBtc(btc)} (${formatPct(sharePct)} of ${formatBtc(minedBtc)} mined) for ${formatUsd(proceeds)}`,
  );
}

export function sellCashFloor(btc: Decimal, shortfall: Decimal, proceeds: Decimal, floor: Decimal): Decision {
  return decision(
    'SELL_CASH_FLOOR',
    TREASURY,
    `sold ${formatBtc(btc)} for ${formatUsd(proceeds)} to cover a ${formatUsd(shortfall)} shortfall below the ${formatUsd(floor)} cash floor`,
  );
}

const SALE_LABEL = {
  sell_scheduled: 'scheduled sale',
  sell_production: 'production sale',
  sell_cash_floor: 'cash-floor sale',
} as const;
export type SaleKind = keyof typeof SALE_LABEL;

export function sellLimitedMonthlyCap(
  kind: SaleKind,
  requested: Decimal,
  allowed: Decimal,
  capBtc: Decimal,
): Decision {
  return decision(
    'SELL_LIMITED_MONTHLY_CAP',
    TREASURY,
    `${SALE_LABEL[kind]} cut from ${formatBtc(requested)} to ${formatBtc(allowed)}: the ${formatBtc(capBtc)} monthly sale cap is reached`,
  );
}

export function sellLimitedBtcFloor(
  kind: SaleKind,
  requested: Decimal,
  allowed: Decimal,
  floorBtc: Decimal,
): Decision {
  return decision(
    'SELL_LIMITED_BTC_FLOOR',
    TREASURY,
    `${SALE_LABEL[kind]} cut from ${formatBtc(requested)} to ${formatBtc(allowed)}: holdings may not go below the ${formatBtc(floorBtc)} floor`,
  );
}

export function cashBelowFloor(cash: Decimal, floor: Decimal, reason: string): Decision {
  return decision(
    'CASH_BELOW_FLOOR',
    TREASURY,
    `cash ends at ${formatUsd(cash)}, below the ${formatUsd(floor)} floor: ${reason}`,
  );
}

export function fundingGap(gap: Decimal): Decision {
  return decision('FUNDING_GAP', TREASURY, `cash is ${formatUsd(gap.negated())}: ${formatUsd(gap)} of funding is missing`);
}

export function debtMaturity(debt: string, principal: Decimal): Decision {
  return decision('DEBT_MATURITY', debt, `principal of ${formatUsd(principal)} repaid at maturity`);
}

export function debtIssued(debt: string, principal: Decimal, ratePct: Decimal, maturity: Month): Decision {
  return decision(
    'DEBT_ISSUED',
    debt,
    `${formatUsd(principal)} borrowed at ${formatPct(ratePct)} a year, due ${formatMonth(maturity)}`,
  );
}
