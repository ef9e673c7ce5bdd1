/**
 * Step 5 of the month: a site's power bill (spec 4.5). USD lines are postings rounded to
 * cents (ROUND_HALF_EVEN); energy is exact MWh. Charges are positive, credits are positive
 * numbers subtracted in `total_usd`.
 */
import { Decimal, ZERO, add, dmax, roundUsd, sub } from './decimal.js';
import type { PowerBill } from './results.js';

export interface PowerBillInput {
  readonly priceUsdPerMwh: Decimal;
  readonly miningEnergyMwh: Decimal;
  readonly hostingEnergyMwh: Decimal;
  /** capacity MW * hours * take_or_pay_pct */
  readonly takeOrPayMwh: Decimal;
  /** capacity MW * 1000 * demand charge per kW-month, already in cents */
  readonly demandChargeUsd: Decimal;
  /** null: no resale */
  readonly resaleUsdPerMwh: Decimal | null;
  /** running mining MW * uptime, summed over batches */
  readonly miningUptimeMw: Decimal;
  readonly hours: number;
  /** demand-response curtail share as a fraction, and credit per MWh not drawn */
  readonly curtail: Decimal;
  readonly curtailCreditUsdPerMwh: Decimal;
}

/**
 * Billed energy = max(E, take-or-pay volume) * price with E = mining + hosting energy;
 * plus the demand charge; minus resale credit = max(0, volume - E) * resale; minus the
 * demand-response credit = running mining MW * hours * uptime * curtail * credit.
 */
export function powerBill(input: PowerBillInput): PowerBill {
  const consumed = add(input.miningEnergyMwh, input.hostingEnergyMwh);
  const billed = dmax(consumed, input.takeOrPayMwh);
  const energyCharge = roundUsd(billed.times(input.priceUsdPerMwh));
  const resaleMwh = input.resaleUsdPerMwh === null ? ZERO : dmax(ZERO, input.takeOrPayMwh.minus(consumed));
  const resalePrice = input.resaleUsdPerMwh ?? ZERO;
  const resaleCredit = resaleMwh.isZero() ? ZERO : roundUsd(resaleMwh.times(resalePrice));
  const drMwh = input.curtail.isZero()
    ? ZERO
    : input.miningUptimeMw.times(input.hours).times(input.curtail);
  const drCredit = drMwh.isZero() ? ZERO : roundUsd(drMwh.times(input.curtailCreditUsdPerMwh));
  return {
    price_usd_per_mwh: input.priceUsdPerMwh,
    mining_energy_mwh: input.miningEnergyMwh,
    hosting_energy_mwh: input.hostingEnergyMwh,
    take_or_pay_mwh: input.takeOrPayMwh,
    billed_energy_mwh: billed,
    energy_charge_usd: energyCharge,
    demand_charge_usd: input.demandChargeUsd,
    resale_mwh: resaleMwh,
    resale_usd_per_mwh: resalePrice,
    resale_credit_usd: resaleCredit,
    demand_response_mwh: drMwh,
    demand_response_credit_usd: drCredit,
    total_usd: sub(sub(add(energyCharge, input.demandChargeUsd), resaleCredit), drCredit),
  };
}
