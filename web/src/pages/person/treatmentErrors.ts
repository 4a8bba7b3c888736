// Field errors of the treatment and assessment forms: the rule in the UI language (treatment
// rules first, then the shared ones), else the server's message.
import { isApiError } from '@/api'
import type { Episode } from '@/api'
import { i18n } from '@/i18n'

export function treatmentFieldErrors(e: unknown, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isApiError(e)) return out
  const { t, te } = i18n.global
  for (const fe of e.fieldErrors) {
    const key = known.includes(fe.field) ? fe.field : ''
    const text = te(`treatment.rules.${fe.rule}`)
      ? t(`treatment.rules.${fe.rule}`)
      : te(`rules.${fe.rule}`)
        ? t(`rules.${fe.rule}`)
        : fe.message
    const msg = key ? text : `${fe.field}: ${text}`
    out[key] = out[key] ? `${out[key]}; ${msg}` : msg
  }
  return out
}

/** The compulsory isolation the treatment and assessment views are about: the open one, else the latest. */
export function isolationEpisode(episodes: readonly Episode[]): Episode | null {
  const isolations = episodes.filter((e) => e.kind === 'compulsory_isolation')
  const open = isolations.find((e) => e.status === 'open')
  if (open) return open
  return [...isolations].sort((a, b) => b.start_date.localeCompare(a.start_date))[0] ?? null
}
