import type { Alert } from '@/api'
import { i18n } from '@/i18n'
import { formatTimestamp } from '@/util/format'
import { substanceLabel } from '@/util/substances'

/** A one-line summary of an alert's evidence object, in the UI language. */
export function alertEvidence(a: Alert): string {
  const t = i18n.global.t
  const ev = (a.evidence ?? {}) as Record<string, unknown>
  const parts: string[] = []
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))
  switch (a.kind) {
    case 'handover_late':
      if (ev.days_late !== undefined) parts.push(t('alerts.ev.days_late', { n: str(ev.days_late) }))
      if (ev.report_due) parts.push(t('alerts.ev.report_due', { d: str(ev.report_due) }))
      break
    case 'lost_contact':
      if (ev.since) parts.push(t('alerts.ev.since', { d: str(ev.since) }))
      if (ev.days !== undefined) parts.push(t('alerts.ev.days', { n: str(ev.days) }))
      break
    case 'relapse':
      if (ev.at) parts.push(t('alerts.ev.at', { d: formatTimestamp(str(ev.at)) }))
      if (ev.substances) {
        const s = str(ev.substances).split(/[\s,，、]+/).filter(Boolean).map(substanceLabel).join('、')
        parts.push(t('alerts.ev.substances', { s }))
      } else if (ev.evidence) parts.push(str(ev.evidence))
      break
    case 'serious_breach': {
      const findings = Array.isArray(ev.findings) ? (ev.findings as Array<Record<string, unknown>>) : []
      if (findings.length) {
        parts.push(t('alerts.ev.findings', { n: findings.length }))
        parts.push(...findings.map((f) => str(f.summary || f.rule)).filter(Boolean))
      }
      break
    }
  }
  if (!parts.length) {
    for (const [k, v] of Object.entries(ev)) {
      if (typeof v !== 'object') parts.push(`${k}: ${str(v)}`)
    }
  }
  return parts.join('；')
}
