#include "http/wire.h"

namespace huigui::http {
namespace {

nlohmann::json OptionalDate(const std::optional<Date>& d) {
  return d ? nlohmann::json(d->ToString()) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json OrgUnitJson(const OrgUnit& o) {
  return {{"code", o.code},
          {"name", o.name},
          {"kind", NameOf(kOrgUnitKindNames, o.kind)},
          {"parent", o.parent_code ? nlohmann::json(*o.parent_code) : nlohmann::json(nullptr)}};
}

nlohmann::json EpisodeJson(const store::EpisodeRecord& r) {
  const Episode& e = r.episode;
  return {{"id", e.id},
          {"kind", NameOf(kEpisodeKindNames, e.kind)},
          {"org_unit", e.org_code},
          {"org_unit_name", r.org_name},
          {"start_date", e.start_date.ToString()},
          {"planned_end_date", OptionalDate(e.planned_end_date)},
          {"end_date", OptionalDate(e.end_date)},
          {"status", NameOf(kEpisodeStatusNames, e.status)},
          {"decision_number", e.decision_number.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(e.decision_number)}};
}

nlohmann::json PersonJson(const app::PersonView& v) {
  const Person& p = v.record.person;
  return {{"id", p.id},
          {"alias", p.alias},
          {"sex", NameOf(kSexNames, p.sex)},
          {"birth_year", p.birth_year},
          {"home_org_unit", p.home_org_code},
          {"home_org_unit_name", v.record.home_org_name},
          {"primary_substance", p.primary_substance},
          {"registration_date", p.registration_date.ToString()},
          {"has_identity", v.record.has_identity},
          {"version", p.version},
          {"current_episode",
           v.current_episode ? EpisodeJson(*v.current_episode) : nlohmann::json(nullptr)}};
}

nlohmann::json ContactJson(const Contact& c) {
  return {{"id", c.id},
          {"kind", NameOf(kContactKindNames, c.kind)},
          {"at", c.at.ToString()},
          {"note", c.note},
          {"recorded_by", c.recorded_by},
          {"org_unit", c.org_code}};
}

nlohmann::json DrugTestJson(const DrugTest& t) {
  return {{"id", t.id},
          {"sample", NameOf(kSampleNames, t.sample)},
          {"result", NameOf(kTestResultNames, t.result)},
          {"at", t.at.ToString()},
          {"substances", t.substances},
          {"recorded_by", t.recorded_by},
          {"org_unit", t.org_code}};
}

nlohmann::json TimelineJson(const store::TimelineRow& r) {
  std::string summary = r.summary;
  if (r.type == "drug_test") {
    // Stored as "<result> <substances JSON>"; answer a readable "<result>: a, b".
    const auto space = summary.find(' ');
    const std::string result = summary.substr(0, space);
    auto subs = nlohmann::json::parse(space == std::string::npos ? "[]" : summary.substr(space + 1),
                                      nullptr, false);
    summary = result;
    if (subs.is_array() && !subs.empty()) {
      summary += ":";
      for (const auto& s : subs) summary += " " + s.get<std::string>();
    }
  }
  return {{"type", r.type},
          {"at", r.at},
          {"id", r.id},
          {"kind", r.kind},
          {"summary", summary},
          {"org_unit", r.org_code},
          {"recorded_by", r.recorded_by}};
}

nlohmann::json WorkItemJson(const app::WorkItem& w) {
  return {{"person",
           {{"id", w.person_id},
            {"alias", w.alias},
            {"home_org_unit", w.home_code},
            {"home_org_unit_name", w.home_name}}},
          {"episode_kind", NameOf(kEpisodeKindNames, w.kind)},
          {"contact_due", OptionalDate(w.due.contact_due)},
          {"test_due", OptionalDate(w.due.test_due)},
          {"next_due", w.due.next_due.ToString()},
          {"overdue_days", w.due.overdue_days},
          {"status", w.due.status == DueStatus::kOverdue ? "overdue" : "due"}};
}

nlohmann::json AuditEntryJson(const store::AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", e.at.ToString()},
          {"username", e.username},
          {"role", e.role},
          {"action", e.action},
          {"person_id", e.person_id ? nlohmann::json(*e.person_id) : nlohmann::json(nullptr)},
          {"org_unit", e.org_code},
          {"request_id", e.request_id},
          {"detail", e.detail}};
}

nlohmann::json IdentityJson(const Identity& i) {
  return {{"name", i.name}, {"id_number", i.id_number}, {"phone", i.phone}, {"address", i.address}};
}

}  // namespace huigui::http
