/**
 * The plan `hashpivot init` writes: a small, realistic, commented plan in format v1 that
 * validates without warnings and simulates. Figures are for a single-site miner in 2027:
 * a fixed-price power contract, two ASIC generations, one colocation tenant converting part
 * of the site to AI/HPC. test/cli/init.test.ts keeps it valid.
 */
export const STARTER_PLAN = `# yaml-language-server: $schema=./plan.schema.json
# Write the schema next to this file with:  hashpivot schema > plan.schema.json
#
# A hashpivot plan, format version 1. Units live in key names: _usd (US dollars),
# _btc, _mw (megawatts), _mwh, _kw, _ehs (EH/s), _ths (TH/s), _pct (percent: 15 = 15%).
# Months are YYYY-MM. Keys marked "series" take a number, { start, growth_pct_per_year },
# { start, growth_pct_per_month } or { points: { YYYY-MM: value, ... } }, each with
# optional overrides: { YYYY-MM: value }.
# Check it:    hashpivot validate plan.yaml
# Explain it:  hashpivot explain plan.yaml --month 2028-03
version: 1
name: Starter miner - FY2027-2028
start: 2027-01              # first simulated month
months: 24                  # horizon in months (or \`end: 2028-12\`, inclusive)
discount_rate_pct: 10       # annual, for the NPV in the summary

# Market assumptions (series unless noted).
market:
  btc_price_usd:            # monthly average USD per BTC
    start: 85000
    growth_pct_per_year: 15
  network_hashrate_ehs:     # network monthly average, EH/s
    start: 1050
    growth_pct_per_year: 20
  fees_btc_per_block: 0.03  # average transaction fees per block, BTC
  block_height: 985000      # integer: chain height of the first block mined in \`start\`
                            # (the halving at block 1,050,000 falls in 2028-03)

mining:
  pool_fee_pct: 1.5         # share of mined BTC the pool keeps
  dispatch: economic        # run a batch only while its revenue per MWh covers its marginal power cost

# Sites: grid capacity and the power contract.
sites:
  - id: west-texas
    capacity_mw: 150                  # grid MW
    mining_overhead_pct: 6            # cooling and losses on top of ASIC load
    opex_usd_per_mw_month: 5500       # staff, maintenance, on capacity
    power:
      price_usd_per_mwh: 38           # series: fixed-price PPA
      take_or_pay_pct: 60             # share of capacity energy paid for whether used or not
      demand_charge_usd_per_kw_month: 1.2
      resale_usd_per_mwh: 30          # series: paid-for, unused energy sold back

# ASIC batches. Facility MW = units * hashrate_ths * J/TH / 1e6 * (1 + overhead).
fleet:
  - id: s21pro
    site: west-texas
    model: Antminer S21 Pro
    units: 25000
    hashrate_ths: 234                 # per unit, TH/s
    efficiency_j_per_th: 15           # per unit, joules per TH
    uptime_pct: 97
  - id: s19xp
    site: west-texas
    model: Antminer S19 XP
    units: 20000
    hashrate_ths: 140
    efficiency_j_per_th: 21.5
    uptime_pct: 95
    retire: 2028-07                   # first month it no longer runs

# AI/HPC hosting. The contract's facility MW (it_mw * pue) leave mining from
# conversion_start through the last term month.
hosting:
  - id: ai-colo
    kind: colocation
    site: west-texas
    it_mw: 30                         # contracted IT MW
    pue: 1.3                          # facility MW per IT MW
    conversion_start: 2027-07         # MW leave mining, construction begins
    service_start: 2028-01            # first rent month
    term_months: 60
    ramp:                             # share of it_mw billed, from service_start
      - { month: 2028-01, pct: 50 }
      - { month: 2028-07, pct: 100 }
    rent_usd_per_kw_month: 130        # per billed IT kW
    escalator_pct_per_year: 3         # on each anniversary of service_start
    power: pass_through               # the tenant reimburses its energy at our price
    capex_usd_per_mw: 3000000         # construction, per IT MW, spread over construction months
    tenant_funded_capex_pct: 30
    opex_usd_per_mw_month: 12000      # per contracted IT MW in service

# BTC treasury: opening balances and the selling policy.
treasury:
  btc: 2500
  cash_usd: 120000000
  cost_basis_usd_per_btc: 48000       # average cost of the BTC held
  policy:
    sell_production_pct: 75           # series: share of each month's BTC mined sold that month
    cash_floor_usd: 40000000          # sell BTC to bring cash back up to this
    btc_floor: 1500                   # never sell below this many BTC
    max_sell_btc_per_month: 400
    sale_discount_pct: 0.2            # execution cost on sales
  scheduled:
    - { month: 2027-09, sell_btc: 200, note: fund colocation build-out }

# Corporate costs (outflows, USD per month) and one-off flows (+ in, - out).
costs:
  g_and_a_usd_per_month: 1200000      # series
  recurring:
    - { id: insurance, usd_per_month: 300000 }
  one_off: []

# Debt: interest every month it is outstanding; principal repaid in the maturity month.
debt:
  - id: equipment-loan
    principal_usd: 30000000
    rate_pct: 9                       # annual
    maturity: 2029-06                 # after the horizon: still outstanding at the end

# Scenarios: dotted paths over the plan above (list items by id). \`base\` is the plan as written.
scenarios:
  bear:
    market.btc_price_usd.start: 55000
    market.btc_price_usd.growth_pct_per_year: 0
    market.network_hashrate_ehs.growth_pct_per_year: 5

# Checks: bounds on monthly results, tested in base and every scenario.
checks:
  - name: liquidity covenant
    metric: cash_usd
    min: 30000000
  - name: strategic reserve at year end
    metric: btc_held
    min: 1500
    at: 2028-12
`;
