// Dates in Huigui are local dates in China Standard Time (UTC+8, no daylight saving), whatever
// the browser's time zone: a timestamp is shown as its wall-clock time in UTC+8.
const CST_OFFSET_MS = 8 * 3600 * 1000

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function cstParts(d: Date) {
  const s = new Date(d.getTime() + CST_OFFSET_MS)
  return {
    y: s.getUTCFullYear(),
    mo: s.getUTCMonth() + 1,
    d: s.getUTCDate(),
    h: s.getUTCHours(),
    mi: s.getUTCMinutes(),
    s: s.getUTCSeconds(),
  }
}

/** `2026-11-29 10:00` (UTC+8) from an ISO timestamp; '' for null. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return ''
  // A bare date (some timeline entries are dated, not timed) is shown as it is.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = cstParts(d)
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`
}

/** `YYYY-MM` (UTC+8) of an ISO timestamp. */
export function monthOf(iso: string): string {
  const p = cstParts(new Date(iso))
  return `${p.y}-${pad(p.mo)}`
}

/** A Date as ISO 8601 with the +08:00 offset the API accepts: `2026-11-29T10:00:00+08:00`. */
export function toCstIso(d: Date): string {
  const p = cstParts(d)
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}+08:00`
}

/** Today in UTC+8 as `YYYY-MM-DD`. */
export function todayCst(now: Date = new Date()): string {
  const p = cstParts(now)
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`
}

/** Now truncated to the whole minute, so a default time can never be "in the future". */
export function nowToMinute(): Date {
  const d = new Date()
  d.setSeconds(0, 0)
  return d
}

/** Whole days from `today` to `date` (both `YYYY-MM-DD`); negative when `date` is past. */
export function daysUntil(date: string, today: string = todayCst()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400000)
}

export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/
