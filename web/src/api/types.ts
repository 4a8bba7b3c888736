// Wire types of the Huigui HTTP API v1, field for field as docs/api.md and the OpenAPI document
// (GET /api/v1/openapi.json) define them. Keep names in snake_case: they are the JSON keys.

export const ORG_UNIT_KINDS = [
  'province', 'city', 'county', 'township', 'community', 'facility', 'aftercare_station',
  'police_unit', 'court', 'procuratorate',
] as const
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number]

export const ROLES = [
  'admin', 'director', 'social_worker', 'facility_officer', 'police', 'precursor_inspector',
  'analyst', 'auditor',
] as const
export type Role = (typeof ROLES)[number]

export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

export const EPISODE_KINDS = [
  'community_detox', 'compulsory_isolation', 'community_rehab', 'voluntary', 'aftercare',
] as const
export type EpisodeKind = (typeof EPISODE_KINDS)[number]

export const CONTACT_KINDS = [
  'phone', 'wechat', 'home_visit', 'office_visit', 'peer_education', 'crisis_intervention',
  'counselling',
] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

export const TEST_SAMPLES = ['urine', 'hair', 'saliva', 'blood'] as const
export type TestSample = (typeof TEST_SAMPLES)[number]

export const TEST_RESULTS = ['negative', 'positive', 'refused', 'missed', 'invalid'] as const
export type TestResult = (typeof TEST_RESULTS)[number]

export const TIMELINE_TYPES = [
  'registration', 'episode_start', 'episode_end', 'contact', 'drug_test',
] as const
export type TimelineType = (typeof TIMELINE_TYPES)[number]

/** Record identifier; api.md leaves its JSON type open, so both forms are accepted. */
export type Id = number | string

export type WorkStatus = 'overdue' | 'due'
export type EpisodeStatus = 'open' | 'closed'

/** `YYYY-MM-DD` */
export type IsoDate = string
/** ISO 8601 timestamp with offset; the server answers in UTC (`...Z`). */
export type IsoTimestamp = string

export interface ListPage<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface ListQuery {
  limit?: number
  offset?: number
}

export interface OrgUnit {
  code: string
  name: string
  kind: OrgUnitKind
  parent: string | null
}

/** The logged-in user (`Session.user`, and `GET /me` with its CSRF token). */
export interface User {
  username: string
  role: Role
  org_unit: OrgUnit
  permissions: string[]
  csrf_token?: string
}

/** Body of POST /session. */
export interface SessionCreate {
  username: string
  password: string
}

export interface Session {
  token: string
  csrf_token: string
  expires_at: IsoTimestamp
  user: User
}

export interface Me extends User {
  csrf_token: string
}

export interface Identity {
  name: string
  id_number: string
  phone: string
  address: string
}

export interface PersonCreate {
  alias: string
  sex: Sex
  birth_year: number
  home_org_unit: string
  primary_substance: string
  registration_date?: IsoDate
  identity?: Identity
}

export interface PersonPatch {
  version: number
  alias?: string
  sex?: Sex
  birth_year?: number
  home_org_unit?: string
  primary_substance?: string
  identity?: Identity
}

export interface Episode {
  id: Id
  kind: EpisodeKind
  org_unit: string
  org_unit_name: string
  start_date: IsoDate
  planned_end_date: IsoDate | null
  end_date: IsoDate | null
  status: EpisodeStatus
  decision_number: string | null
}

export interface EpisodeCreate {
  kind: EpisodeKind
  org_unit: string
  start_date: IsoDate
  planned_end_date?: IsoDate
  decision_number?: string
}

export interface Person {
  id: Id
  alias: string
  sex: Sex
  birth_year: number
  home_org_unit: string
  home_org_unit_name: string
  primary_substance: string
  registration_date: IsoDate
  has_identity: boolean
  version: number
  current_episode: Episode | null
}

export interface PersonQuery extends ListQuery {
  q?: string
  id_number?: string
  org_unit?: string
}

export interface RevealRequest {
  reason: string
}

export interface Contact {
  id: Id
  kind: ContactKind
  at: IsoTimestamp
  note: string
  recorded_by: string
  org_unit: string
}

export interface ContactCreate {
  kind: ContactKind
  at: IsoTimestamp
  note: string
}

export interface DrugTest {
  id: Id
  sample: TestSample
  result: TestResult
  at: IsoTimestamp
  substances: string[]
  recorded_by: string
  org_unit: string
}

export interface DrugTestCreate {
  sample: TestSample
  result: TestResult
  at: IsoTimestamp
  substances: string[]
}

export interface TimelineEntry {
  type: TimelineType
  at: IsoTimestamp
  id: Id
  kind: string | null
  summary: string
  org_unit: string | null
  recorded_by: string | null
}

export interface Timeline {
  items: TimelineEntry[]
}

export interface WorkItemPerson {
  id: Id
  alias: string
  home_org_unit: string
  home_org_unit_name: string
}

export interface WorkItem {
  person: WorkItemPerson
  episode_kind: EpisodeKind
  contact_due: IsoDate | null
  test_due: IsoDate | null
  next_due: IsoDate
  overdue_days: number
  status: WorkStatus
}

export interface WorklistQuery extends ListQuery {
  status?: WorkStatus
}

/** One field-level message of a validation problem. */
export interface FieldError {
  field: string
  rule: string
  message: string
}

/** RFC 9457 problem details as the server sends them (`application/problem+json`). */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  errors?: FieldError[]
  request_id?: string
}
