import { enumLabel } from '@/i18n'

// Substances are free text on the wire (`primary_substance`, `substances`); the records and the
// demo use their common Chinese names. Known names get a translated label through i18n
// `enums.substance.<code>`; anything else is shown as recorded.
const KNOWN: ReadonlyArray<readonly [value: string, code: string]> = [
  ['冰毒', 'methamphetamine'],
  ['海洛因', 'heroin'],
  ['麻果', 'yaba'],
  ['氯胺酮', 'ketamine'],
  ['依托咪酯', 'etomidate'],
  ['大麻', 'cannabis'],
  ['可卡因', 'cocaine'],
  ['摇头丸', 'mdma'],
  ['甲卡西酮', 'methcathinone'],
  ['吗啡', 'morphine'],
  ['鸦片', 'opium'],
  ['芬太尼', 'fentanyl'],
]

const CODE_OF = new Map<string, string>([
  ...KNOWN,
  ['甲基苯丙胺', 'methamphetamine'],
  ...KNOWN.map(([, code]) => [code, code] as [string, string]),
])

/** Values offered in pickers (free text is accepted too). */
export const SUBSTANCE_VALUES: readonly string[] = KNOWN.map(([value]) => value)

export function substanceLabel(value: string | null | undefined): string {
  if (!value) return ''
  const code = CODE_OF.get(value.trim())
  return code ? enumLabel('substance', code) : value
}
