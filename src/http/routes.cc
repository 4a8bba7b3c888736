#include "http/routes.h"

namespace huigui::http {
namespace {

using Fn = HttpResponse (*)(Services&, const HttpRequest&, app::RequestContext&);

struct Entry {
  const char* method;
  const char* pattern;
  Access access;
  Fn fn;
  Execution execution = Execution::kWorker;
};

constexpr Access kPublic = Access::kPublic;
constexpr Access kAuth = Access::kAuthenticated;

constexpr Entry kRoutes[] = {
    {"POST", "/api/v1/session", kPublic, PostSession},
    {"DELETE", "/api/v1/session", kAuth, DeleteSession},
    {"GET", "/api/v1/me", kAuth, GetMe},
    {"GET", "/api/v1/org-units", kAuth, ListOrgUnits},
    {"GET", "/api/v1/persons", kAuth, ListPersons},
    {"POST", "/api/v1/persons", kAuth, CreatePerson},
    {"GET", "/api/v1/persons/{id}", kAuth, GetPerson},
    {"PATCH", "/api/v1/persons/{id}", kAuth, PatchPerson},
    {"POST", "/api/v1/persons/{id}/identity/reveal", kAuth, RevealIdentity},
    {"GET", "/api/v1/persons/{id}/episodes", kAuth, ListEpisodes},
    {"POST", "/api/v1/persons/{id}/episodes", kAuth, CreateEpisode},
    {"GET", "/api/v1/persons/{id}/contacts", kAuth, ListContacts},
    {"POST", "/api/v1/persons/{id}/contacts", kAuth, CreateContact},
    {"GET", "/api/v1/persons/{id}/drug-tests", kAuth, ListDrugTests},
    {"POST", "/api/v1/persons/{id}/drug-tests", kAuth, CreateDrugTest},
    {"GET", "/api/v1/persons/{id}/timeline", kAuth, GetTimeline},
    {"GET", "/api/v1/persons/{id}/obligations", kAuth, GetObligations},
    {"GET", "/api/v1/persons/{id}/risk", kAuth, GetRisk},
    {"PUT", "/api/v1/persons/{id}/risk-factors", kAuth, PutRiskFactors},
    {"GET", "/api/v1/persons/{id}/ownership", kAuth, GetOwnership},
    {"GET", "/api/v1/persons/{id}/contact-counts", kAuth, GetPersonContactCounts},
    {"GET", "/api/v1/org-units/{code}/contact-counts", kAuth, GetOrgContactCounts},
    {"GET", "/api/v1/persons/{id}/relapses", kAuth, ListRelapses},
    {"POST", "/api/v1/persons/{id}/relapses", kAuth, CreateRelapse},
    {"GET", "/api/v1/persons/{id}/absences", kAuth, ListAbsences},
    {"GET", "/api/v1/persons/{id}/follow-ups", kAuth, ListFollowUps},
    {"POST", "/api/v1/persons/{id}/follow-ups", kAuth, CreateFollowUp},
    {"POST", "/api/v1/persons/{id}/absences", kAuth, CreateAbsence},
    {"GET", "/api/v1/episodes/{id}", kAuth, GetEpisode},
    {"POST", "/api/v1/episodes/{id}/actions", kAuth, PostEpisodeAction},
    {"POST", "/api/v1/episodes/{id}/notices", kAuth, PostEpisodeNotice},
    {"GET", "/api/v1/episodes/{id}/assessments", kAuth, ListAssessments},
    {"POST", "/api/v1/episodes/{id}/external-treatments", kAuth, CreateExternalTreatment},
    {"POST", "/api/v1/external-treatments/{id}/return", kAuth, ReturnExternalTreatment},
    {"GET", "/api/v1/external-treatments", kAuth, ListExternalTreatments},
    {"POST", "/api/v1/episodes/{id}/assessments", kAuth, CreateAssessment},
    {"GET", "/api/v1/handovers", kAuth, ListHandovers},
    {"POST", "/api/v1/handovers/{id}/acknowledge", kAuth, AcknowledgeHandover},
    {"POST", "/api/v1/handovers/{id}/report-in", kAuth, HandoverReportIn},
    {"POST", "/api/v1/handovers/{id}/agreement", kAuth, HandoverAgreement},
    {"GET", "/api/v1/alerts", kAuth, ListAlerts},
    {"POST", "/api/v1/alerts/{id}/close", kAuth, CloseAlert},
    {"GET", "/api/v1/settings/risk-model", kAuth, GetRiskModel},
    {"PUT", "/api/v1/settings/risk-model", kAuth, PutRiskModel},
    {"GET", "/api/v1/settings/intervals", kAuth, GetIntervals},
    {"PUT", "/api/v1/settings/intervals", kAuth, PutIntervals},
    {"GET", "/api/v1/settings/follow-up", kAuth, GetFollowUpSettings},
    {"PUT", "/api/v1/settings/follow-up", kAuth, PutFollowUpSettings},
    {"GET", "/api/v1/worklist", kAuth, GetWorklist},
    {"GET", "/api/v1/facilities/{code}/profile", kAuth, GetFacilityProfile},
    {"PUT", "/api/v1/facilities/{code}/profile", kAuth, PutFacilityProfile},
    {"GET", "/api/v1/facilities/{code}/capacity", kAuth, GetFacilityCapacity},
    {"GET", "/api/v1/episodes/{id}/admission-needs", kAuth, GetAdmissionNeeds},
    {"PUT", "/api/v1/episodes/{id}/admission-needs", kAuth, PutAdmissionNeeds},
    {"PUT", "/api/v1/org-units/{code}/location", kAuth, PutOrgUnitLocation},
    {"GET", "/api/v1/allocations/pending", kAuth, GetPendingAdmissions},
    {"GET", "/api/v1/allocations", kAuth, ListAllocations},
    {"POST", "/api/v1/allocations", kAuth, CreateAllocation},
    {"GET", "/api/v1/allocations/{id}", kAuth, GetAllocation},
    {"POST", "/api/v1/allocations/{id}/approve", kAuth, ApproveAllocation},
    {"GET", "/api/v1/facilities", kAuth, ListFacilities},
    {"GET", "/api/v1/facilities/{code}/units", kAuth, ListFacilityUnits},
    {"POST", "/api/v1/facilities/{code}/units", kAuth, CreateFacilityUnit},
    {"PATCH", "/api/v1/facilities/{code}/units/{unit}", kAuth, PatchFacilityUnit},
    {"POST", "/api/v1/episodes/{id}/placements", kAuth, CreatePlacement},
    {"GET", "/api/v1/persons/{id}/placements", kAuth, ListPersonPlacements},
    {"GET", "/api/v1/episodes/{id}/treatment-plan", kAuth, GetTreatmentPlan},
    {"PUT", "/api/v1/episodes/{id}/treatment-plan", kAuth, PutTreatmentPlan},
    {"GET", "/api/v1/episodes/{id}/treatment-sessions", kAuth, ListTreatmentSessions},
    {"POST", "/api/v1/episodes/{id}/treatment-sessions", kAuth, CreateTreatmentSession},
    {"GET", "/api/v1/persons/{id}/craving-assessments", kAuth, ListCravingAssessments},
    {"POST", "/api/v1/persons/{id}/craving-assessments", kAuth, CreateCravingAssessment},
    {"GET", "/api/v1/persons/{id}/craving", kAuth, GetCraving},
    {"GET", "/api/v1/facilities/{code}/programme-summary", kAuth, GetProgrammeSummary},
    {"GET", "/api/v1/safety/incidents", kAuth, ListIncidents},
    {"POST", "/api/v1/safety/incidents", kAuth, CreateIncident},
    {"GET", "/api/v1/safety/streaks", kAuth, GetSafetyStreaks},
    {"GET", "/api/v1/indicators/activity", kAuth, GetActivityIndicator},
    {"GET", "/api/v1/indicators/survival", kAuth, GetSurvivalIndicator},
    {"GET", "/api/v1/indicators/abstinence", kAuth, GetAbstinenceIndicator},
    {"GET", "/api/v1/indicators/dashboard", kAuth, GetDashboardIndicator},
    {"GET", "/api/v1/indicators/craving", kAuth, GetCravingIndicator},
    {"GET", "/api/v1/reports/indicators", kAuth, GetIndicatorReport},  // worker: may print a PDF
    {"GET", "/api/v1/audit", kAuth, ListAudit},
    {"GET", "/api/v1/openapi.json", kPublic, GetOpenApi, Execution::kInline},
    {"GET", "/healthz", kPublic, GetHealth, Execution::kInline},
    {"GET", "/readyz", kPublic, GetReady},
    {"GET", "/metrics", kPublic, GetMetrics, Execution::kInline},
};

}  // namespace

void RegisterRoutes(Router& router, Services& services) {
  for (const auto& e : kRoutes) {
    Fn fn = e.fn;
    router.Add({e.method, e.pattern, e.access, e.execution,
                [&services, fn](const HttpRequest& req, app::RequestContext& ctx) {
                  return fn(services, req, ctx);
                }});
  }
}

std::vector<std::pair<std::string, std::string>> RouteList() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : kRoutes) out.emplace_back(e.method, e.pattern);
  return out;
}

}  // namespace huigui::http
