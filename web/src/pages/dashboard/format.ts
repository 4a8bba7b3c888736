// Number formats of the dashboard: rates as percentages with one decimal, counts with the UI
// language's grouping, withheld cells (analysts: small cells, `null`) as "<5".
import { ref } from 'vue'
import { i18n } from '@/i18n'

/** The small-cell threshold the server applies (`min_cell` of the answer; 5 by default). */
export const MIN_CELL = ref(5)

export function withheldText(): string {
  return i18n.global.t('dashboard.withheld', { n: MIN_CELL.value })
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? withheldText() : `${(v * 100).toFixed(1)}%`
}

export function count(v: number | null | undefined): string {
  if (v === null || v === undefined) return withheldText()
  return new Intl.NumberFormat(i18n.global.locale.value).format(v)
}

/** A rate from its parts as the server gives them: null rate with a zero denominator is "—". */
export function rate(value: number | null | undefined, den: number | null | undefined): string {
  if (den === 0) return '—'
  return pct(value)
}

/** One line of a sparkline (a trend field). */
export interface SparkSeries {
  name: string
  data: (number | null)[]
  color: string
}
