// Typed client of the Huigui HTTP API v1 (docs/api.md). Browser sessions use the HttpOnly cookie
// set by POST /session; every unsafe method also carries X-CSRF-Token from the session or /me.
import { ApiError, isProblem } from './errors'
import type {
  Contact, ContactCounts, ContactCountsQuery, ContactCreate, DrugTest, DrugTestCreate, Episode, EpisodeCreate, Id, Identity,
  ListPage, ListQuery, Me, OrgUnit, OrgUnitKind, Person, PersonCreate, PersonPatch,
  PersonQuery, Session, SessionCreate, Timeline, WorkItem, WorklistQuery,
  Absence, AbsenceCreate, ActionRequest, Alert, AlertQuery, AtRequest, EpisodeDetail, Handover,
  HandoverStatus, IntervalRule, ItemsOf, Obligations, Owner, Relapse, RelapseCreate, Risk,
  RiskFactors, RiskModel,
  Allocation, AllocationOptions, AllocationSummary, PendingAdmissions,
  ExternalTreatment, ExternalTreatmentCreate, ExternalTreatmentList, FacilityCapacity, FacilitySummary,
  FacilityUnit, Incident, IncidentCreate, PersonPlacements, Placement, PlacementCreate, SafetyCategory,
  SafetyRecord,
  Assessment, AssessmentCreate, CravingAssessment, CravingAssessmentCreate, CravingTrend,
  ProgrammeSummary,
  CravingIndicator, SurvivalIndicator, AbstinenceIndicator, IndicatorQuery, TreatmentPlan, TreatmentPlanPut, TreatmentSession, TreatmentSessionCreate,
  FollowUp, FollowUpCadence, FollowUpCreate, FollowUps, ActivityIndicator, ActivityQuery,
  DashboardIndicator, DashboardQuery,
} from './types'

const BASE = '/api/v1'
const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

let csrfToken: string | null = null
let onUnauthorized: (() => void) | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Called when an authenticated call answers 401 (session expired); not for the login call. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

type QueryValue = string | number | undefined | null
function queryString(query?: object): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query as Record<string, QueryValue>)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

interface RequestOptions {
  body?: unknown
  query?: object
  headers?: Record<string, string>
  /** Do not call the unauthorized handler on 401 (login, session probe). */
  quiet401?: boolean
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let res: Response
  try {
    res = await fetch(BASE + path + queryString(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })
  } catch (e) {
    throw new ApiError(0, null, e instanceof Error ? e.message : String(e))
  }

  if (res.status === 204) return undefined as T
  const text = await res.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = null
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized()
    throw new ApiError(res.status, isProblem(body) ? body : null, `HTTP ${res.status}`)
  }
  return body as T
}

export const api = {
  login: (req: SessionCreate) =>
    request<Session>('POST', '/session', { body: req, quiet401: true }),
  logout: () => request<void>('DELETE', '/session', { quiet401: true }),
  me: () => request<Me>('GET', '/me', { quiet401: true }),

  orgUnits: (query?: ListQuery & { parent?: string; kind?: OrgUnitKind }) =>
    request<ListPage<OrgUnit>>('GET', '/org-units', { query }),
  /** Contacts recorded by an org unit's subtree (an aftercare station), and persons reached. */
  orgUnitContactCounts: (code: string, query?: ContactCountsQuery) =>
    request<ContactCounts>('GET', `/org-units/${encodeURIComponent(String(code))}/contact-counts`, { query }),

  searchPersons: (query: PersonQuery) =>
    request<ListPage<Person>>('GET', '/persons', { query }),
  createPerson: (body: PersonCreate) => request<Person>('POST', '/persons', { body }),
  getPerson: (id: Id) => request<Person>('GET', `/persons/${encodeURIComponent(String(id))}`),
  patchPerson: (id: Id, body: PersonPatch) =>
    request<Person>('PATCH', `/persons/${encodeURIComponent(String(id))}`, { body }),
  revealIdentity: (id: Id, reason: string) =>
    request<Identity>('POST', `/persons/${encodeURIComponent(String(id))}/identity/reveal`, {
      body: { reason },
    }),

  episodes: (id: Id, query?: ListQuery) =>
    request<ListPage<Episode>>('GET', `/persons/${encodeURIComponent(String(id))}/episodes`, { query }),
  createEpisode: (id: Id, body: EpisodeCreate) =>
    request<Episode>('POST', `/persons/${encodeURIComponent(String(id))}/episodes`, { body }),
  contacts: (id: Id, query?: ListQuery) =>
    request<ListPage<Contact>>('GET', `/persons/${encodeURIComponent(String(id))}/contacts`, { query }),
  createContact: (id: Id, body: ContactCreate) =>
    request<Contact>('POST', `/persons/${encodeURIComponent(String(id))}/contacts`, { body }),
  drugTests: (id: Id, query?: ListQuery) =>
    request<ListPage<DrugTest>>('GET', `/persons/${encodeURIComponent(String(id))}/drug-tests`, { query }),
  createDrugTest: (id: Id, body: DrugTestCreate) =>
    request<DrugTest>('POST', `/persons/${encodeURIComponent(String(id))}/drug-tests`, { body }),
  contactCounts: (id: Id) =>
    request<ContactCounts>('GET', `/persons/${encodeURIComponent(String(id))}/contact-counts`),
  timeline: (id: Id) =>
    request<Timeline>('GET', `/persons/${encodeURIComponent(String(id))}/timeline`),

  worklist: (query?: WorklistQuery) =>
    request<ListPage<WorkItem>>('GET', '/worklist', { query }),

  // Continuum of care
  episode: (id: Id) => request<EpisodeDetail>('GET', `/episodes/${encodeURIComponent(String(id))}`),
  episodeAction: (id: Id, body: ActionRequest) =>
    request<EpisodeDetail>('POST', `/episodes/${encodeURIComponent(String(id))}/actions`, { body }),
  obligations: (id: Id) =>
    request<Obligations>('GET', `/persons/${encodeURIComponent(String(id))}/obligations`),
  risk: (id: Id) => request<Risk>('GET', `/persons/${encodeURIComponent(String(id))}/risk`),
  putRiskFactors: (id: Id, body: RiskFactors) =>
    request<Risk>('PUT', `/persons/${encodeURIComponent(String(id))}/risk-factors`, { body }),
  ownership: (id: Id) =>
    request<ItemsOf<Owner>>('GET', `/persons/${encodeURIComponent(String(id))}/ownership`),
  relapses: (id: Id) =>
    request<ItemsOf<Relapse>>('GET', `/persons/${encodeURIComponent(String(id))}/relapses`),
  createRelapse: (id: Id, body: RelapseCreate) =>
    request<Relapse>('POST', `/persons/${encodeURIComponent(String(id))}/relapses`, { body }),
  followUps: (id: Id) =>
    request<FollowUps>('GET', `/persons/${encodeURIComponent(String(id))}/follow-ups`),
  createFollowUp: (id: Id, body: FollowUpCreate) =>
    request<FollowUp>('POST', `/persons/${encodeURIComponent(String(id))}/follow-ups`, { body }),
  followUpCadence: () => request<FollowUpCadence>('GET', '/settings/follow-up'),
  putFollowUpCadence: (body: FollowUpCadence) =>
    request<FollowUpCadence>('PUT', '/settings/follow-up', { body }),
  absences: (id: Id) =>
    request<ItemsOf<Absence>>('GET', `/persons/${encodeURIComponent(String(id))}/absences`),
  createAbsence: (id: Id, body: AbsenceCreate) =>
    request<Absence>('POST', `/persons/${encodeURIComponent(String(id))}/absences`, { body }),

  handovers: (query?: ListQuery & { status?: HandoverStatus }) =>
    request<ListPage<Handover>>('GET', '/handovers', { query }),
  acknowledgeHandover: (id: Id) =>
    request<Handover>('POST', `/handovers/${encodeURIComponent(String(id))}/acknowledge`, { body: {} }),
  handoverReportIn: (id: Id, body: AtRequest) =>
    request<Handover>('POST', `/handovers/${encodeURIComponent(String(id))}/report-in`, { body }),
  handoverAgreement: (id: Id, body: AtRequest) =>
    request<Handover>('POST', `/handovers/${encodeURIComponent(String(id))}/agreement`, { body }),

  alerts: (query?: AlertQuery) => request<ListPage<Alert>>('GET', '/alerts', { query }),
  closeAlert: (id: Id, note: string) =>
    request<Alert>('POST', `/alerts/${encodeURIComponent(String(id))}/close`, { body: { note } }),

  pendingAdmissions: () => request<PendingAdmissions>('GET', '/allocations/pending'),
  allocations: (query?: ListQuery) =>
    request<ListPage<AllocationSummary>>('GET', '/allocations', { query }),
  createAllocation: (body: AllocationOptions) =>
    request<Allocation>('POST', '/allocations', { body }),
  allocation: (id: Id, query?: ListQuery) =>
    request<Allocation>('GET', `/allocations/${encodeURIComponent(String(id))}`, { query }),
  approveAllocation: (id: Id) =>
    request<Allocation>('POST', `/allocations/${encodeURIComponent(String(id))}/approve`, { body: {} }),

  // Treatment (issue 4 §3) and diagnostic assessment (§4)
  treatmentPlan: (episodeId: Id) =>
    request<TreatmentPlan>('GET', `/episodes/${encodeURIComponent(String(episodeId))}/treatment-plan`),
  putTreatmentPlan: (episodeId: Id, body: TreatmentPlanPut) =>
    request<TreatmentPlan>('PUT', `/episodes/${encodeURIComponent(String(episodeId))}/treatment-plan`, { body }),
  treatmentSessions: (episodeId: Id, query?: ListQuery) =>
    request<ListPage<TreatmentSession>>('GET', `/episodes/${encodeURIComponent(String(episodeId))}/treatment-sessions`, { query }),
  createTreatmentSession: (episodeId: Id, body: TreatmentSessionCreate) =>
    request<TreatmentSession>('POST', `/episodes/${encodeURIComponent(String(episodeId))}/treatment-sessions`, { body }),
  cravingAssessments: (id: Id, query?: ListQuery) =>
    request<ListPage<CravingAssessment>>('GET', `/persons/${encodeURIComponent(String(id))}/craving-assessments`, { query }),
  createCravingAssessment: (id: Id, body: CravingAssessmentCreate) =>
    request<CravingAssessment>('POST', `/persons/${encodeURIComponent(String(id))}/craving-assessments`, { body }),
  craving: (id: Id) => request<CravingTrend>('GET', `/persons/${encodeURIComponent(String(id))}/craving`),
  programmeSummary: (code: string) =>
    request<ProgrammeSummary>('GET', `/facilities/${encodeURIComponent(String(code))}/programme-summary`),
  /** Craving change by programme for the facilities of an org unit's subtree. */
  cravingIndicator: (orgUnit: string) =>
    request<CravingIndicator>('GET', '/indicators/craving', { query: { org_unit: orgUnit } }),
  assessments: (episodeId: Id) =>
    request<ItemsOf<Assessment>>('GET', `/episodes/${encodeURIComponent(String(episodeId))}/assessments`),
  createAssessment: (episodeId: Id, body: AssessmentCreate) =>
    request<Assessment>('POST', `/episodes/${encodeURIComponent(String(episodeId))}/assessments`, { body }),

  // Outcome indicators (issue 5 §2)
  activityIndicator: (query?: ActivityQuery) =>
    request<ActivityIndicator>('GET', '/indicators/activity', { query }),
  survivalIndicator: (query?: IndicatorQuery) =>
    request<SurvivalIndicator>('GET', '/indicators/survival', { query }),
  abstinenceIndicator: (query?: IndicatorQuery) =>
    request<AbstinenceIndicator>('GET', '/indicators/abstinence', { query }),
  /** The printable report's address (opened in a tab or downloaded, not fetched): html or pdf. */
  indicatorReportUrl: (query: IndicatorQuery & { format: 'html' | 'pdf'; lang: string }) =>
    `${BASE}/reports/indicators${queryString(query)}`,
  /** The province dashboard: every indicator of a unit and its children, trend and survival. */
  dashboard: (query?: DashboardQuery) =>
    request<DashboardIndicator>('GET', '/indicators/dashboard', { query }),

  riskModel: () => request<RiskModel>('GET', '/settings/risk-model'),
  intervals: () => request<ItemsOf<IntervalRule>>('GET', '/settings/intervals'),

  // Facilities, zones and units, safety, external treatment (issue 4)
  facilities: (query?: ListQuery) => request<ListPage<FacilitySummary>>('GET', '/facilities', { query }),
  facilityCapacity: (code: string) =>
    request<FacilityCapacity>('GET', `/facilities/${encodeURIComponent(String(code))}/capacity`),
  facilityUnits: (code: string) =>
    request<ItemsOf<FacilityUnit>>('GET', `/facilities/${encodeURIComponent(String(code))}/units`),
  placements: (id: Id) =>
    request<PersonPlacements>('GET', `/persons/${encodeURIComponent(String(id))}/placements`),
  createPlacement: (episodeId: Id, body: PlacementCreate) =>
    request<Placement>('POST', `/episodes/${encodeURIComponent(String(episodeId))}/placements`, { body }),
  incidents: (query?: ListQuery & { facility?: string; category?: SafetyCategory }) =>
    request<ListPage<Incident>>('GET', '/safety/incidents', { query }),
  createIncident: (body: IncidentCreate) => request<Incident>('POST', '/safety/incidents', { body }),
  safetyStreaks: (query?: { org_unit?: string }) => request<SafetyRecord>('GET', '/safety/streaks', { query }),
  externalTreatments: (query?: { facility?: string; person?: Id }) =>
    request<ExternalTreatmentList>('GET', '/external-treatments', { query }),
  createExternalTreatment: (episodeId: Id, body: ExternalTreatmentCreate) =>
    request<ExternalTreatment>('POST', `/episodes/${encodeURIComponent(String(episodeId))}/external-treatments`, { body }),
  returnExternalTreatment: (id: Id, returnedOn: string) =>
    request<ExternalTreatment>('POST', `/external-treatments/${encodeURIComponent(String(id))}/return`, {
      body: { returned_on: returnedOn },
    }),
}

export type Api = typeof api
