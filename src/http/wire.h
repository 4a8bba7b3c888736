// Wire types: the JSON shape of every answer, as free functions beside the DTOs, so domain and
// store types never include a JSON header. Names here are the public contract (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "app/auth_service.h"
#include "app/continuum_service.h"
#include "app/person_service.h"
#include "domain/org_unit.h"

namespace huigui::http {

nlohmann::json OrgUnitJson(const OrgUnit& org);
nlohmann::json PersonJson(const app::PersonView& view);
nlohmann::json EpisodeJson(const store::EpisodeRecord& episode);
nlohmann::json ContactJson(const Contact& contact);
nlohmann::json DrugTestJson(const DrugTest& test);
nlohmann::json TimelineJson(const store::TimelineRow& row);
nlohmann::json AuditEntryJson(const store::AuditEntry& entry);
nlohmann::json IdentityJson(const Identity& identity);
nlohmann::json EpisodeDetailJson(const app::EpisodeView& view);
nlohmann::json ObligationJson(const app::ObligationView& obligation);
nlohmann::json RiskJson(const app::RiskView& risk);
nlohmann::json HandoverJson(const store::HandoverRow& handover, Date today);
nlohmann::json AlertJson(const store::AlertRow& alert);
nlohmann::json RelapseJson(const store::RelapseRow& relapse);
nlohmann::json AbsenceJson(const store::AbsenceRow& absence);
nlohmann::json OwnerJson(const store::OwnerRow& owner);
nlohmann::json ContinuumWorkItemJson(const app::ContinuumWorkItem& item);

// {"items": [...], "total", "limit", "offset"}
template <typename T, typename F>
nlohmann::json PageJson(const std::vector<T>& items, int64_t total, int limit, int offset, F&& f) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& item : items) arr.push_back(f(item));
  return {{"items", std::move(arr)}, {"total", total}, {"limit", limit}, {"offset", offset}};
}

}  // namespace huigui::http
