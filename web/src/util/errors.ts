import { ElMessage } from 'element-plus'
import { isApiError } from '@/api'
import { i18n } from '@/i18n'

/** A user-facing sentence for a failed call: the server's `detail` when given, else by status. */
export function describeError(e: unknown): string {
  const t = i18n.global.t
  if (!isApiError(e)) return e instanceof Error ? e.message : String(e)
  if (e.status === 0) return t('errors.network')
  if (e.problem?.detail) return e.problem.detail
  switch (e.status) {
    case 401: return t('errors.unauthorized')
    case 403: return t('errors.forbidden')
    case 404: return t('errors.notFound')
    case 409: return t('errors.conflict')
    case 400:
    case 422: return t('errors.validation')
    default: return t('errors.generic', { status: e.status })
  }
}

export function showError(e: unknown): void {
  ElMessage({ type: 'error', message: describeError(e), showClose: true, duration: 6000 })
}

/**
 * Field messages of a validation problem mapped onto the form fields in `known` (paths such as
 * "identity.id_number"); messages for other fields are joined under ''.
 */
export function fieldErrorsOf(e: unknown, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isApiError(e)) return out
  for (const fe of e.fieldErrors) {
    const key = known.includes(fe.field) ? fe.field : ''
    // A known rule gets the message in the UI language; otherwise the server's own message.
    const ruleKey = `rules.${fe.rule}`
    const text = i18n.global.te(ruleKey) ? i18n.global.t(ruleKey) : fe.message
    const msg = key ? text : `${fe.field}: ${text}`
    out[key] = out[key] ? `${out[key]}; ${msg}` : msg
  }
  return out
}

/**
 * The broken rule of a 422 answer in the UI language: every `errors[].rule` with a translation
 * under `rules.<name>`, else the server's message; the detail or status text when none.
 */
export function ruleMessages(e: unknown): string {
  if (!isApiError(e) || !e.fieldErrors.length) return describeError(e)
  const { t, te } = i18n.global
  return e.fieldErrors
    .map((fe) => (te(`rules.${fe.rule}`) ? t(`rules.${fe.rule}`) : fe.message))
    .filter((m, i, all) => all.indexOf(m) === i)
    .join('；')
}
