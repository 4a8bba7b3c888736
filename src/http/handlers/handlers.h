// One function per endpoint. A handler parses the request into app-layer input (field errors
// are 400 problem+json naming the field), calls one use case, and serialises the answer. No SQL
// and no status-code decisions beyond success codes: failures go through Problem().
#pragma once

#include <algorithm>
#include <vector>

#include "app/activity_service.h"
#include "app/allocation_service.h"
#include "app/auth_service.h"
#include "app/config.h"
#include "app/continuum_service.h"
#include "app/dashboard_service.h"
#include "app/facility_service.h"
#include "app/indicator_service.h"
#include "app/org_unit_service.h"
#include "app/person_service.h"
#include "app/safety_service.h"
#include "app/treatment_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/wire.h"
#include "store/database.h"

namespace huigui::http {

struct Services {
  app::AuthService& auth;
  app::PersonService& persons;
  app::OrgUnitService& org_units;
  app::ContinuumService& continuum;
  app::SafetyService& safety;
  app::FacilityService& facilities;
  app::AllocationService& allocation;
  store::Database& db;
  Metrics& metrics;
  const app::Config& config;
  app::TreatmentService& treatment;
  app::IndicatorService& indicators;
  app::ActivityService& activity;
  app::DashboardService& dashboard;
};

// session_handlers.cc
HttpResponse PostSession(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse DeleteSession(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetMe(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// org_unit_handlers.cc
HttpResponse ListOrgUnits(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// person_handlers.cc
HttpResponse ListPersons(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreatePerson(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetPerson(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PatchPerson(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse RevealIdentity(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// care_event_handlers.cc
HttpResponse ListEpisodes(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateEpisode(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListContacts(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateContact(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListDrugTests(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateDrugTest(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetTimeline(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetWorklist(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// continuum_handlers.cc
HttpResponse GetEpisode(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PostEpisodeNotice(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PostEpisodeAction(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateAssessment(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListAssessments(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateExternalTreatment(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ReturnExternalTreatment(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListExternalTreatments(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetObligations(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetRisk(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutRiskFactors(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetOwnership(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetPersonContactCounts(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetOrgContactCounts(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListHandovers(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse AcknowledgeHandover(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse HandoverReportIn(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse HandoverAgreement(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListAlerts(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CloseAlert(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListRelapses(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateRelapse(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListAbsences(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateAbsence(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetRiskModel(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutRiskModel(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetIntervals(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutIntervals(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// facility_handlers.cc
HttpResponse GetFacilityProfile(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutFacilityProfile(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetFacilityCapacity(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// follow_up_handlers.cc
HttpResponse CreateFollowUp(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListFollowUps(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetFollowUpSettings(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutFollowUpSettings(Services& s, const HttpRequest& req, app::RequestContext& ctx);

// allocation_handlers.cc
HttpResponse GetAdmissionNeeds(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutAdmissionNeeds(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutOrgUnitLocation(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetPendingAdmissions(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListAllocations(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ApproveAllocation(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListFacilities(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListFacilityUnits(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateFacilityUnit(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PatchFacilityUnit(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreatePlacement(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListPersonPlacements(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// safety_handlers.cc
HttpResponse CreateIncident(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListIncidents(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetSafetyStreaks(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// treatment_handlers.cc
HttpResponse GetTreatmentPlan(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse PutTreatmentPlan(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListTreatmentSessions(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateTreatmentSession(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse ListCravingAssessments(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse CreateCravingAssessment(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetCraving(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetProgrammeSummary(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// indicator_handlers.cc
HttpResponse GetActivityIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetSurvivalIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetAbstinenceIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetDashboardIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetCravingIndicator(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetIndicatorReport(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// audit_handlers.cc
HttpResponse ListAudit(Services& s, const HttpRequest& req, app::RequestContext& ctx);
// system_handlers.cc
HttpResponse GetHealth(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetReady(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetMetrics(Services& s, const HttpRequest& req, app::RequestContext& ctx);
HttpResponse GetOpenApi(Services& s, const HttpRequest& req, app::RequestContext& ctx);

// --- helpers shared by handlers (handler_support.cc) ---

// The numeric path parameter `name`; 400 naming it when not a positive integer.
Result<int64_t> PathId(const HttpRequest& req, const std::string& name);
// limit (1..200, default 50) and offset (>= 0) from the query string.
struct Paging {
  int limit = 50;
  int offset = 0;
};
Result<Paging> ParsePaging(const HttpRequest& req);
// 400 naming every query parameter not in `allowed` (paging ones are always allowed).
Status RejectUnknownQuery(const HttpRequest& req, std::initializer_list<const char*> allowed);
// `format`: false for json (or absent), true for csv, 400 `format` `enum` otherwise.
Result<bool> WantsCsv(const HttpRequest& req);
// `org_unit` when given; nullopt means the caller's own unit; empty adds `org_unit` `required`.
std::optional<std::string> ReadOrgUnit(const HttpRequest& req, FieldErrors& errors);
// The page `paging` asks for of a short list held in memory, as {"items","total","limit","offset"}.
template <typename T, typename F>
HttpResponse PagedAnswer(const std::vector<T>& all, const Paging& paging, F&& to_json) {
  const std::size_t first = std::min<std::size_t>(paging.offset, all.size());
  const std::size_t last = std::min<std::size_t>(first + paging.limit, all.size());
  const std::vector<T> page(all.begin() + static_cast<std::ptrdiff_t>(first),
                            all.begin() + static_cast<std::ptrdiff_t>(last));
  return Json(200, PageJson(page, static_cast<int64_t>(all.size()), paging.limit, paging.offset,
                            std::forward<F>(to_json)));
}

// The answer for a failed Result or Status.
HttpResponse Fail(const Status& status, const app::RequestContext& ctx);

}  // namespace huigui::http
