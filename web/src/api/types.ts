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
  'counselling', 'workplace_visit', 'job_help',
] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

export const TEST_SAMPLES = ['urine', 'hair', 'saliva', 'blood'] as const
export type TestSample = (typeof TEST_SAMPLES)[number]

export const TEST_RESULTS = ['negative', 'positive', 'refused', 'missed', 'invalid'] as const
export type TestResult = (typeof TEST_RESULTS)[number]

export const TIMELINE_TYPES = [
  'registration', 'episode_start', 'episode_end', 'contact', 'drug_test', 'external_treatment',
  'placement',
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
  planned_end: IsoDate | null
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
  episode_id?: Id
  tier?: RiskTier
  next_kind?: string
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

// ---- Continuum of care: legal clock, obligations, risk, handovers, alerts, settings ----

export const EPISODE_ACTIONS = [
  'report_in', 'sign_agreement', 'suspend', 'resume', 'end', 'escalate', 'admit', 'transfer',
  'abscond', 'return', 'medical_parole', 'propose_early_release', 'decide_early_release',
  'propose_extension', 'decide_extension', 'release', 'order_community_rehab', 'enrol_aftercare',
] as const
export type EpisodeActionKind = (typeof EPISODE_ACTIONS)[number]

export const END_REASONS = [
  'completed', 'imprisonment', 'death', 'escalated', 'released', 'early_release',
  'parole_converted', 'left_country', 'other',
] as const
export type EndReason = (typeof END_REASONS)[number]

export const EPISODE_STATES = [
  'awaiting_report_in', 'active', 'suspended', 'decided', 'in_facility', 'absconded',
  'medical_parole', 'ongoing', 'closed',
] as const
export type EpisodeState = (typeof EPISODE_STATES)[number]

export const RISK_TIERS = ['high', 'medium', 'low', 'long_term_low'] as const
export type RiskTier = (typeof RISK_TIERS)[number]

export const ALERT_KINDS = ['serious_breach', 'lost_contact', 'handover_late', 'relapse'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export type HandoverStatus = 'open' | 'acknowledged' | 'completed'
export type AlertStatus = 'open' | 'closed'

export interface Deadline {
  kind: string
  due: IsoDate
  earliest?: IsoDate | null
  owner: 'episode_owner' | 'deciding_authority' | 'person'
  done: boolean
}

export interface EpisodeAction {
  id: Id
  action: EpisodeActionKind
  date: IsoDate
  recorded_at: IsoTimestamp
  recorded_by: string
  org_unit: string
  reason: string
}

export interface EpisodeDetail {
  id: Id
  person_id: Id
  kind: EpisodeKind
  org_unit: string
  org_unit_name?: string
  start_date: IsoDate
  planned_end: IsoDate | null
  planned_end_date?: IsoDate | null
  end_date?: IsoDate | null
  status: EpisodeStatus
  end_reason?: string | null
  decision_number?: string | null
  deciding_org_unit?: string | null
  version: number
  state: EpisodeState
  term_start?: IsoDate | null
  days_served: number
  days_left: number
  escaped_days?: number
  suspended_days?: number
  extension_days?: number
  ever_escaped?: boolean
  report_in_late?: boolean
  deadlines: Deadline[]
  actions: EpisodeAction[]
  created_episode_id?: Id
  handover_id?: Id
}

export interface ActionRequest {
  action: EpisodeActionKind
  at: IsoTimestamp
  approved?: boolean
  assessment_passed?: boolean
  extension_days?: number
  end_reason?: EndReason
  org_unit?: string
  decision_number?: string
  reason?: string
  version?: number
}

export interface Obligation {
  kind: string
  due: IsoDate
  owner: string
  owner_role?: string
  status: 'open' | 'overdue' | 'done'
  overdue_days?: number
  episode_id?: Id
  episode_kind?: string
}

export interface Obligations {
  items: Obligation[]
  tier: string
  lost_contact?: Record<string, unknown> | null
  under_dynamic_control?: boolean
}

export interface RiskReason {
  factor: string
  points: number
  detail: string
}

export interface RiskAssessment {
  tier: string
  score: number
  assessed_at: IsoTimestamp
  trigger: string
  model_version: number
  reasons: RiskReason[]
}

export interface Risk {
  tier: RiskTier
  score: number
  reasons: RiskReason[]
  history: RiskAssessment[]
  model_version?: number
  days_abstinent?: number | null
  under_dynamic_control?: boolean
}

export interface RiskFactors {
  employed?: boolean
  family_support?: boolean
  psychiatric_history?: boolean
  first_use_year?: number
}

export interface PersonRef {
  id: Id
  alias: string
}

export interface OrgRef {
  code?: string
  name?: string
}

export interface Owner {
  episode_id?: Id
  episode_kind?: string
  org_unit?: string
  org_unit_name?: string
  from?: IsoDate
  to?: IsoDate | null
  reason?: string
}

export interface Handover {
  id: Id
  person: PersonRef
  from_episode_id?: Id
  from_org_unit: OrgRef
  to_org_unit: OrgRef
  release_date: IsoDate
  notify_due: IsoDate
  report_due: IsoDate
  status: HandoverStatus
  late: boolean
  acknowledged_at?: IsoTimestamp | null
  acknowledged_by?: string | null
  reported_in_at?: IsoTimestamp | null
  agreement_at?: IsoTimestamp | null
  escalated_at?: IsoTimestamp | null
}

export interface Alert {
  id: Id
  kind: AlertKind
  person: PersonRef
  raised_at: IsoTimestamp
  evidence: Record<string, unknown>
  status: AlertStatus
  org_unit?: string
  closed_at?: IsoTimestamp | null
}

export interface AlertQuery extends ListQuery {
  person?: Id
  status?: AlertStatus
  kind?: AlertKind
}

export interface Relapse {
  id: Id
  at: IsoTimestamp
  evidence: string
  source: 'recorded' | 'positive_test' | 'follow_up'
  drug_test_id?: Id | null
  recorded_by?: string
  org_unit?: string
}

export interface RelapseCreate {
  at: IsoTimestamp
  evidence: string
}

export interface Absence {
  id: Id
  from: IsoDate
  to: IsoDate
  days: number
  authorised: boolean
  note?: string
  recorded_by?: string
  org_unit?: string
}

export interface AbsenceCreate {
  from: IsoDate
  to: IsoDate
  authorised: boolean
  note?: string
}

export interface AtRequest {
  at: IsoTimestamp
}

export interface RiskModelRule {
  factor: string
  points: number
  threshold: number
}

export interface RiskModel {
  version?: number
  rules: RiskModelRule[]
  high_at: number
  medium_at: number
  long_term_low_days: number
  hard_substances?: string[]
}

export interface IntervalRule {
  tier: string
  kind: string
  test_days: number[]
  contact_days: number[]
}

/** A plain `{items}` answer (no paging). */
export interface ItemsOf<T> {
  items: T[]
  total?: number
}

/** One contact kind's count in a `ContactCounts` answer. */
export interface ContactCount {
  kind: ContactKind | string
  count: number
}

/**
 * GET /persons/{id}/contact-counts and GET /org-units/{code}/contact-counts (后续照管 counts):
 * every contact kind, zeros included; `persons` = distinct persons reached.
 */
export interface ContactCounts {
  items: ContactCount[]
  total: number
  persons: number
}

/** Query of GET /org-units/{code}/contact-counts. */
export interface ContactCountsQuery {
  /** `YYYY-MM-DD`: only contacts on or after this day */
  from?: IsoDate
}

// --- 统一调配: province-wide admission allocation (docs/api.md) ---

/** POST /allocations body; omitted fields take the defaults (100 km, true). */
export interface AllocationOptions {
  out_of_region_penalty_km?: number
  exclude_under_16?: boolean
}

/** A facility with free beds now (GET /allocations/pending). */
export interface AllocationFacility {
  code: string
  name: string
  region: string
  beds: number
  occupied: number
  free_beds: number
}

/** GET /allocations/pending: who waits for admission in the director's scope. */
export interface PendingAdmissions {
  total: number
  by_sex: Record<string, number>
  by_medical_needs: Record<string, number>
  pregnant?: number
  nursing_infant_under_1?: number
  under_16?: number
  facilities: AllocationFacility[]
}

export type NotChosenReason = 'ineligible' | 'full' | 'out_of_region_penalty'
export type EligibilityRule =
  | 'pregnant'
  | 'nursing_infant_under_1'
  | 'under_16_excluded'
  | 'sex_not_accepted'
  | 'age_out_of_range'
  | 'medical_level_too_low'

/** A facility nearer than the chosen one, and why it was not used. */
export interface NearerFacility {
  facility?: string
  distance_m?: number
  reason?: NotChosenReason
  rules?: EligibilityRule[]
}

export interface AllocationPlacement {
  group?: number
  facility?: string
  count?: number
  distance_m?: number
  cost_m?: number
  out_of_region?: boolean
  nearer?: NearerFacility[]
  explanation?: string
}

export interface AllocationGroup {
  group?: number
  sex?: 'male' | 'female'
  age_from?: number
  age_to?: number
  home_county?: string
  home_county_name?: string
  home_region?: string
  medical_needs?: number
  pregnant?: boolean
  nursing_infant_under_1?: boolean
  size?: number
  placed?: number
  unplaced?: number
  placements?: AllocationPlacement[]
}

/** A rule that excludes an unplaced group, and from how many facilities. */
export interface UnplacedRule {
  rule: EligibilityRule
  facilities: number
}

export interface AllocationUnplaced {
  group?: number
  count?: number
  reason?: 'no_eligible_facility' | 'capacity_exhausted'
  rules?: UnplacedRule[]
  explanation?: string
  group_detail?: AllocationGroup
}

export interface AllocationFacilitySummary {
  code?: string
  name?: string
  region?: string
  beds?: number
  occupied?: number
  free_beds_before?: number
  placed?: number
  free_beds_after?: number
  out_of_region?: number
}

/** One person of a proposal (pseudonym only); facility null when unplaced. */
export interface AllocationPerson {
  episode_id?: Id
  person_id?: Id
  alias?: string
  group?: number
  facility?: string | null
  distance_m?: number
  out_of_region?: boolean
  explanation?: string
}

export interface AllocationSummary {
  id: Id
  status: 'proposed' | 'approved'
  scope?: string
  options?: AllocationOptions
  pending: number
  placed: number
  unplaced: number
  out_of_region?: number
  distance_m?: number
  placement_cost?: number
  objective?: number
  solve_ms: number
  created_by?: string
  created_at?: string
  approved_by?: string | null
  approved_at?: string | null
}

export interface AllocationAdmitted {
  episode_id: Id
  person_id: Id
  alias: string
  facility: string
}

/** A proposal with its summaries (GET /allocations/{id}); `admitted` only from approve. */
export interface Allocation extends AllocationSummary {
  by_facility?: AllocationFacilitySummary[]
  by_group?: AllocationGroup[]
  unplaced_groups?: AllocationUnplaced[]
  people?: ListPage<AllocationPerson>
  admitted?: AllocationAdmitted[]
}

// ---------------------------------------------------------------- facilities, zones and units,
// safety, external treatment (issue 4 §1, §5, §6)

export const ZONES = ['detox', 'education_adaptation', 'rehabilitation_consolidation', 'return_guidance'] as const
export type Zone = (typeof ZONES)[number]

export const SAFETY_CATEGORIES = [
  'drugs_entering', 'escape', 'abnormal_death', 'criminal_case', 'work_safety_accident', 'food_safety_incident',
] as const
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number]

export interface FacilityProfile {
  kind: 'police_isolation' | 'justice_isolation' | 'voluntary'
  sexes: 'male' | 'female' | 'both'
  min_age: number
  max_age: number
  beds: number
  medical_level: number
  latitude: number
  longitude: number
}

export type OccupancyByZone = Record<Zone, number>

export interface UnitOccupancy {
  code: string
  name: string
  officers: string[]
  persons: number
}

/** GET /facilities/{code}/capacity: months as `YYYY-MM` keys, zeros included. */
export interface FacilityCapacity {
  facility: OrgUnit
  profile?: FacilityProfile | null
  beds?: number | null
  free_beds?: number | null
  occupied: number
  admissions_by_month: Record<string, number>
  releases_by_month: Record<string, number>
  expected_releases_by_month: Record<string, number>
  occupancy_by_zone: OccupancyByZone
  occupancy_by_unit: UnitOccupancy[]
  unplaced: number
}

/** One facility of GET /facilities. */
export interface FacilitySummary {
  facility: OrgUnit
  profile?: FacilityProfile | null
  beds?: number | null
  free_beds?: number | null
  occupied: number
  occupancy_by_zone: OccupancyByZone
  unplaced: number
  units: number
}

/** A unit (大队) of a facility. */
export interface FacilityUnit {
  id: number
  facility: string
  code: string
  name: string
  officers: string[]
}

export interface PlacementCreate {
  zone: Zone
  unit_code: string
  date: IsoDate
  reason?: string
}

export interface UnitRef {
  code: string
  name: string
}

export interface Placement {
  id: number
  episode_id: number
  person_id: number
  facility: string
  zone: Zone
  unit: UnitRef
  date: IsoDate
  reason: string
  recorded_by: string
  recorded_at: IsoTimestamp
  move?: 'first' | 'forward' | 'back' | 'unit_change'
}

export interface PersonPlacements {
  items: Placement[]
  total: number
  current: Placement | null
  in_facility: InFacility | null
}

/** The open, admitted compulsory isolation episode of a person. */
export interface InFacility {
  episode_id: number
  facility: string
  admitted_on: IsoDate
  days_since_admission: number
}

export interface Incident {
  id: number
  facility: OrgRef
  category: SafetyCategory
  date: IsoDate
  description: string
  follow_up?: string
  person_id?: number | null
  episode_action_id?: number | null
  recorded_by?: string
}

export interface IncidentCreate {
  facility: string
  category: SafetyCategory
  date: IsoDate
  description: string
  follow_up?: string
  person_id?: number
}

export interface SafetyStreak {
  completed_years_streak?: number
  since_year?: number | null
  current_year_clean?: boolean
  streak_if_year_ends_clean?: number
  last_incident?: IsoDate | null
}

export interface SafetyRecord {
  six_nos: SafetyStreak
  by_category: Record<string, SafetyStreak>
  org_unit?: OrgUnit
  records_since?: number
  facilities?: object[]
}

export interface ExternalTreatmentCreate {
  hospital: string
  emergency_plan: boolean
  escorts?: string[]
  reason?: string
  started_on: IsoDate
}

export interface ExternalTreatment {
  id: number
  episode_id: number
  person: PersonRef
  facility: string
  hospital: string
  emergency_plan?: boolean
  escorts?: string[]
  reason?: string
  started_on: IsoDate
  returned_on?: IsoDate | null
  days_in_hospital: number
  recorded_by?: string
}

export interface ExternalTreatmentList {
  items: ExternalTreatment[]
  total: number
  days_in_hospital: number
}

// ---------------------------------------------------------------- treatment (issue 4 §3, §4)

export const PROGRAMMES = [
  'systematic_desensitisation', 'biofeedback', 'psychological_counselling', 'education_course',
  'rehabilitation_training', 'tcm_emotion_therapy',
] as const
export type Programme = (typeof PROGRAMMES)[number]

export const DESENSITISATION_STAGES = ['cue_induced_craving', 'relaxation_training', 'craving_reduction'] as const
export type DesensitisationStage = (typeof DESENSITISATION_STAGES)[number]

/** Craving questionnaires and their total ranges (DDQ: 13 items rated 1–7). */
export const CRAVING_INSTRUMENTS = { ddq: { min: 13, max: 91 } } as const
export type CravingInstrument = keyof typeof CRAVING_INSTRUMENTS

export interface PlannedProgramme {
  programme: Programme
  goal: string
  planned_sessions: number
}

export interface TreatmentPlanPut {
  programmes: PlannedProgramme[]
}

export interface ProgrammeProgress {
  programme: Programme
  planned: number
  done: number
  /** done / planned, capped at 1 */
  share: number
}

/** GET/PUT /episodes/{id}/treatment-plan; `programmes` is empty until the first PUT. */
export interface TreatmentPlan {
  episode_id: number
  person_id: number
  facility: string
  programmes: PlannedProgramme[]
  progress: ProgrammeProgress[]
  created_by: string | null
  created_at: string | null
  updated_by: string | null
  updated_at: string | null
}

export interface TreatmentSessionCreate {
  programme: Programme
  stage?: DesensitisationStage
  date: IsoDate
  vas_before: number
  vas_after: number
  heart_rate?: number
  rmssd?: number
  skin_conductance?: number
  notes?: string
  officer?: string
}

export interface TreatmentSession {
  id: number
  episode_id: number
  person_id: number
  facility: string
  programme: Programme
  stage: DesensitisationStage | null
  date: IsoDate
  officer: string
  vas_before: number
  vas_after: number
  heart_rate: number | null
  rmssd: number | null
  skin_conductance: number | null
  notes?: string
  recorded_by?: string
}

export interface CravingAssessmentCreate {
  date: IsoDate
  vas: number
  instrument?: CravingInstrument
  total?: number
  notes?: string
}

export interface CravingAssessment {
  id: number
  person_id: number
  episode_id: number
  facility: string
  date: IsoDate
  vas: number
  instrument?: string | null
  total?: number | null
  notes?: string
  recorded_by?: string
}

export interface CravingReadingPoint {
  date: IsoDate
  vas: number
}

export interface CravingSessionPoint {
  id: number
  date: IsoDate
  programme: Programme
  vas_before: number
  vas_after: number
}

export interface CravingSummary {
  readings: number
  first: CravingReadingPoint
  latest: CravingReadingPoint
  change: number
  halved: boolean
}

/** GET /persons/{id}/craving: the trend, the summary over assessments and the plan's progress. */
export interface CravingTrend {
  person_id: number
  assessments: CravingAssessment[]
  sessions: CravingSessionPoint[]
  summary: CravingSummary | null
  plan: TreatmentPlan | null
}

export interface ProgrammeSummaryItem {
  programme: Programme
  suppressed: boolean
  figures_suppressed: boolean
  persons: number | null
  sessions: number | null
  persons_assessed: number | null
  mean_change: number | null
  share_halved: number | null
}

/** GET /facilities/{code}/programme-summary: aggregates, cells of 1..min_cell-1 persons withheld. */
export interface ProgrammeSummary {
  facility: string
  min_cell: number
  items: ProgrammeSummaryItem[]
}

/** GET /indicators/craving: the same per programme, for the facilities of an org unit's subtree. */
export interface CravingIndicator {
  org_unit: string
  min_cell: number
  items: ProgrammeSummaryItem[]
}

// Diagnostic assessment (诊断评估), POST/GET /episodes/{id}/assessments.
export const ASSESSMENT_KINDS = ['intake', 'end_of_detox_stage', 'comprehensive_after_one_year', 'before_expiry'] as const
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number]
export const DETOX_ITEMS = [
  'negative_test', 'off_withdrawal_medication', 'acute_withdrawal_resolved',
  'no_marked_protracted_withdrawal', 'no_drug_induced_psychosis',
] as const
export type DetoxItem = (typeof DETOX_ITEMS)[number]
export type PassFail = 'pass' | 'fail'
export type SocialEnvironment = 'good' | 'average'

export interface AssessmentCreate {
  kind: AssessmentKind
  date: IsoDate
  detox_items: Record<DetoxItem, number>
  physical_mental: PassFail
  behaviour: PassFail
  social_environment: SocialEnvironment
}

export interface Assessment {
  id: number
  episode_id?: number
  kind: AssessmentKind
  date: IsoDate
  detox_items?: Record<DetoxItem, number>
  physical_mental?: PassFail
  behaviour?: PassFail
  social_environment?: SocialEnvironment
  detox_score: number
  detox?: PassFail
  overall: PassFail
  early_release_proposable?: boolean
  recommendation?: 'release' | 'extension' | 'community_rehab' | null
  recorded_by?: string
  org_unit?: string
}

// ---------------------------------------------------------------- 回访: follow-up after release

export const FOLLOW_UP_METHODS = ['phone', 'visit', 'test'] as const
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number]
export const FOLLOW_UP_RESULTS = ['abstinent', 'relapsed', 'unreachable'] as const
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number]

export interface FollowUpCreate {
  at: IsoTimestamp
  method: FollowUpMethod
  result: FollowUpResult
  evidence?: string
}

export interface FollowUp {
  id: Id
  person_id: Id
  release_episode_id: Id
  at: IsoTimestamp
  date: string
  method: FollowUpMethod
  result: FollowUpResult
  evidence: string
  relapse_id?: Id | null
  recorded_by?: string
  org_unit?: string
}

export interface FollowUpRelease {
  episode_id?: Id
  date?: string
  facility?: string
  facility_name?: string
}

export interface FollowUpSchedule {
  points?: number
  met?: number
  missed?: number
  next_due?: string | null
  ended_by_relapse?: boolean
}

export interface FollowUps {
  items: FollowUp[]
  total?: number
  release?: FollowUpRelease | null
  schedule: FollowUpSchedule
}

export interface FollowUpCadence {
  cadence_days: number[]
  early_days: number
}

// Outcome indicators (issue 5 §2): GET /indicators/survival and /indicators/abstinence.
export const INDICATOR_GROUPINGS = ['none', 'facility', 'programme', 'sex', 'release_year'] as const
export type IndicatorGrouping = (typeof INDICATOR_GROUPINGS)[number]

export interface IndicatorQuery {
  org_unit?: string
  from?: string
  to?: string
  group_by?: IndicatorGrouping
  programme?: Programme
}

export interface SurvivalPoint {
  t: number
  at_risk: number
  events: number
  censored?: number
  surv: number
  se: number | null
  lower: number | null
  upper: number | null
}

export interface SurvivalHorizon {
  t: number
  reported: boolean
  at_risk: number
  surv: number | null
  se: number | null
  lower: number | null
  upper: number | null
}

export interface SurvivalGroup {
  name: string
  label?: string
  suppressed: boolean
  n: number | null
  persons?: number | null
  events: number | null
  censored?: number | null
  unobserved?: number | null
  median: number | null
  median_lower?: number | null
  median_upper?: number | null
  curve: SurvivalPoint[]
  at_horizons?: SurvivalHorizon[]
}

export interface IndicatorRatio {
  numerator: number | null
  denominator: number | null
  rate: number | null
}

export interface AbstinenceRow {
  name: string
  label: string
  suppressed: boolean
  released: number | null
  abstinence: IndicatorRatio
  three_years_abstinent: IndicatorRatio
}

/** The cohort every indicator answer states. */
export interface IndicatorCohort {
  org_unit: string
  from: string
  to: string
  as_of: string
  group_by: IndicatorGrouping
  programme?: string | null
  aggregates_only: boolean
  min_cell: number
  definitions?: Record<string, string>
}

export interface SurvivalIndicator extends IndicatorCohort {
  groups: SurvivalGroup[]
  logrank: { chisq: number; df: number; p: number } | null
}

export interface AbstinenceIndicator extends IndicatorCohort {
  groups: AbstinenceRow[]
  total: AbstinenceRow
}

// ---------------------------------------------------------------- activity indicators (drill-down)

export interface ActivityQuery {
  org_unit?: string
  period?: string
  from?: string
  to?: string
}

export interface ActivityRate {
  numerator?: number | null
  denominator?: number | null
  rate?: number | null
}

export interface ActivityAftercare {
  persons?: number | null
  contacts?: number | null
  per_person?: number | null
  by_kind?: Record<string, number>
}

export interface ActivityRow {
  org_unit?: string | null
  name: string
  suppressed: boolean
  testing: ActivityRate
  loss_of_supervision: ActivityRate
  handover_timeliness: ActivityRate
  aftercare: ActivityAftercare
  admissions?: number | null
  releases?: number | null
}

export interface ActivityIndicator {
  org_unit: string
  name?: string
  from: string
  to: string
  aggregates_only?: boolean
  min_cell?: number
  total: ActivityRow
  children: ActivityRow[]
}

// ---------------------------------------------------------------- province dashboard (issue 5 §4)

export interface DashboardQuery {
  org_unit?: string
  from?: string
  to?: string
}

/** Every indicator of one org unit's subtree; counts null when withheld (analysts, small cells). */
export interface DashboardUnit {
  code: string
  name: string
  suppressed: boolean
  current_users: number | null
  released: number | null
  reached: number | null
  abstinent: number | null
  abstinence_rate: number | null
  three_years_eligible: number | null
  three_years_abstinent: number | null
  three_years_rate: number | null
  under_measures: number | null
  tested: number | null
  testing_rate: number | null
  lost_contact: number | null
  loss_rate: number | null
  handovers_due: number | null
  handovers_on_time: number | null
  timeliness: number | null
  aftercare_persons: number | null
  aftercare_contacts: number | null
  aftercare_by_kind: Record<string, number | null>
  admissions: number | null
  releases: number | null
  beds: number | null
  occupied: number | null
  occupancy_rate: number | null
}

/** One month (`YYYY-MM`) of the trend, for the unit's whole subtree. */
export interface DashboardMonth {
  month: string
  under_measures: number | null
  tested: number | null
  testing_rate: number | null
  lost_contact: number | null
  loss_rate: number | null
  admissions: number | null
  releases: number | null
}

export interface DashboardSurvival {
  group: string
  n: number | null
  events: number | null
  at_1y: number | null
  at_2y: number | null
  at_3y: number | null
}

export interface DashboardIndicator {
  org_unit: string
  name: string
  from: string
  to: string
  as_of: string
  aggregates_only: boolean
  /** cells of 1..min_cell-1 persons are withheld from analysts */
  min_cell?: number
  total: DashboardUnit
  children: DashboardUnit[]
  trend: DashboardMonth[]
  survival: DashboardSurvival[]
}
