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
          {"planned_end", OptionalDate(e.planned_end_date)},
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

namespace {

nlohmann::json Nullable(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json ParsedJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

}  // namespace

nlohmann::json EpisodeDetailJson(const app::EpisodeView& v) {
  const store::EpisodeRow& e = v.episode;
  const ClockState& c = v.clock;
  nlohmann::json deadlines = nlohmann::json::array();
  for (const auto& d : c.deadlines) {
    deadlines.push_back({{"kind", d.kind},
                         {"due", d.due.ToString()},
                         {"earliest", OptionalDate(d.earliest)},
                         {"owner", NameOf(kDeadlineOwnerNames, d.owner)},
                         {"done", d.done}});
  }
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : v.actions) {
    actions.push_back({{"id", a.id},
                       {"action", NameOf(kEpisodeActionNames, a.record.action)},
                       {"date", a.record.date.ToString()},
                       {"recorded_at", a.recorded_at},
                       {"recorded_by", a.recorded_by},
                       {"org_unit", a.org_code},
                       {"reason", a.reason}});
  }
  nlohmann::json out{
      {"id", e.id},
      {"person_id", e.person_id},
      {"kind", NameOf(kEpisodeKindNames, e.kind)},
      {"org_unit", e.org_code},
      {"org_unit_name", e.org_name},
      {"start_date", e.start_date.ToString()},
      {"planned_end", OptionalDate(c.planned_end)},
      {"planned_end_date", OptionalDate(c.planned_end)},
      {"end_date", OptionalDate(c.end_date)},
      {"status", e.status},
      {"end_reason", Nullable(e.end_reason)},
      {"decision_number",
       e.decision_number.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.decision_number)},
      {"deciding_org_unit", Nullable(e.deciding_org_code)},
      {"version", e.version},
      {"state", NameOf(kEpisodeStateNames, c.state)},
      {"term_start", OptionalDate(c.term_start)},
      {"days_served", c.days_served},
      {"days_left", c.days_left},
      {"escaped_days", c.escaped_days},
      {"suspended_days", c.suspended_days},
      {"extension_days", c.extension_days},
      {"ever_escaped", c.ever_escaped},
      {"report_in_late", c.report_in_late},
      {"deadlines", std::move(deadlines)},
      {"actions", std::move(actions)}};
  if (v.created_episode_id) out["created_episode_id"] = *v.created_episode_id;
  if (v.handover_id) out["handover_id"] = *v.handover_id;
  return out;
}

nlohmann::json ObligationJson(const app::ObligationView& v) {
  const Obligation& o = v.obligation;
  return {{"kind", o.kind},
          {"due", o.due.ToString()},
          {"owner", v.owner_org},
          {"owner_role", NameOf(kDeadlineOwnerNames, o.owner)},
          {"status", NameOf(kObligationStatusNames, o.status)},
          {"overdue_days", o.overdue_days},
          {"episode_id", o.episode_id},
          {"episode_kind", NameOf(kEpisodeKindNames, v.episode_kind)}};
}

nlohmann::json RiskJson(const app::RiskView& r) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : r.current.reasons) {
    reasons.push_back(
        {{"factor", reason.factor}, {"points", reason.points}, {"detail", reason.detail}});
  }
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : r.history) {
    history.push_back({{"tier", NameOf(kRiskTierNames, h.tier)},
                       {"score", h.score},
                       {"assessed_at", h.assessed_at},
                       {"trigger", h.trigger},
                       {"model_version", h.model_version},
                       {"reasons", ParsedJson(h.reasons)}});
  }
  return {{"tier", NameOf(kRiskTierNames, r.current.tier)},
          {"score", r.current.score},
          {"reasons", std::move(reasons)},
          {"history", std::move(history)},
          {"model_version", r.model_version},
          {"days_abstinent",
           r.days_abstinent ? nlohmann::json(*r.days_abstinent) : nlohmann::json(nullptr)},
          {"under_dynamic_control", r.under_dynamic_control}};
}

nlohmann::json HandoverJson(const store::HandoverRow& h, Date today) {
  const bool open = h.status != "completed";
  return {{"id", h.id},
          {"person", {{"id", h.person_id}, {"alias", h.alias}}},
          {"from_episode_id", h.from_episode_id},
          {"from_org_unit", {{"code", h.from_org_code}, {"name", h.from_org_name}}},
          {"to_org_unit", {{"code", h.to_org_code}, {"name", h.to_org_name}}},
          {"release_date", h.release_date.ToString()},
          {"notify_due", h.notify_due.ToString()},
          {"report_due", h.report_due.ToString()},
          {"status", h.status},
          {"late", open && h.report_due < today},
          {"acknowledged_at", Nullable(h.acknowledged_at)},
          {"acknowledged_by", Nullable(h.acknowledged_by)},
          {"reported_in_at", Nullable(h.reported_in_at)},
          {"agreement_at", Nullable(h.agreement_at)},
          {"escalated_at", Nullable(h.escalated_at)}};
}

nlohmann::json AlertJson(const store::AlertRow& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"person", {{"id", a.person_id}, {"alias", a.alias}}},
          {"raised_at", a.raised_at},
          {"evidence", ParsedJson(a.evidence)},
          {"status", a.status},
          {"org_unit", a.org_code},
          {"closed_at", Nullable(a.closed_at)}};
}

nlohmann::json RelapseJson(const store::RelapseRow& r) {
  return {
      {"id", r.id},
      {"at", r.at},
      {"evidence", r.evidence},
      {"source", r.source},
      {"drug_test_id", r.drug_test_id ? nlohmann::json(*r.drug_test_id) : nlohmann::json(nullptr)},
      {"recorded_by", r.recorded_by},
      {"org_unit", r.org_code}};
}

nlohmann::json AbsenceJson(const store::AbsenceRow& a) {
  return {{"id", a.fact.id},
          {"from", a.fact.from.ToString()},
          {"to", a.fact.to.ToString()},
          {"days", a.fact.to - a.fact.from + 1},
          {"authorised", a.fact.authorised},
          {"note", a.note},
          {"recorded_by", a.recorded_by},
          {"org_unit", a.org_code}};
}

nlohmann::json OwnerJson(const store::OwnerRow& o) {
  return {{"episode_id", o.episode_id},
          {"episode_kind", NameOf(kEpisodeKindNames, o.kind)},
          {"org_unit", o.org_code},
          {"org_unit_name", o.org_name},
          {"from", o.from_date.ToString()},
          {"to", OptionalDate(o.to_date)},
          {"reason", o.reason}};
}

nlohmann::json ContinuumWorkItemJson(const app::ContinuumWorkItem& w) {
  return {{"person",
           {{"id", w.person_id},
            {"alias", w.alias},
            {"home_org_unit", w.home_code},
            {"home_org_unit_name", w.home_name}}},
          {"episode_id", w.episode_id},
          {"episode_kind", NameOf(kEpisodeKindNames, w.kind)},
          {"tier", NameOf(kRiskTierNames, w.tier)},
          {"contact_due", OptionalDate(w.contact_due)},
          {"test_due", OptionalDate(w.test_due)},
          {"next_due", w.next_due.ToString()},
          {"next_kind", w.next_kind},
          {"overdue_days", w.overdue_days},
          {"status", w.overdue ? "overdue" : "due"}};
}

}  // namespace huigui::http
