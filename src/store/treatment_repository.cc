#include "store/treatment_repository.h"

namespace huigui::store {
namespace {

constexpr const char* kFindPlan =
    "SELECT id, created_by, created_at, updated_by, updated_at FROM treatment_plans "
    "WHERE episode_id = :e";
constexpr const char* kPlanProgrammes =
    "SELECT programme, goal, planned_sessions FROM treatment_plan_programmes "
    "WHERE plan_id = :p ORDER BY position";
constexpr const char* kInsertPlan =
    "INSERT INTO treatment_plans (episode_id, person_id, created_by, created_at, updated_by, "
    "updated_at) VALUES (:e, :p, :by, :n, :by2, :n2) RETURNING id";
constexpr const char* kUpdatePlan =
    "UPDATE treatment_plans SET updated_by = :by, updated_at = :n WHERE id = :id";
constexpr const char* kDeleteProgrammes =
    "DELETE FROM treatment_plan_programmes WHERE plan_id = :p";
constexpr const char* kInsertProgramme =
    "INSERT INTO treatment_plan_programmes (plan_id, programme, position, goal, planned_sessions) "
    "VALUES (:p, :pr, :pos, :g, :ps)";

constexpr const char* kInsertSession =
    "INSERT INTO treatment_sessions (episode_id, person_id, facility_id, programme, stage, "
    "session_date, officer, vas_before, vas_after, heart_rate, rmssd, skin_conductance, notes, "
    "recorded_by, created_at) VALUES (:e, :p, :f, :pr, :st, :d, :o, :vb, :va, :hr, :rm, :sc, "
    ":no, :by, :n) RETURNING id";
constexpr const char* kSessionColumns =
    "SELECT s.id, s.episode_id, s.person_id, o.code, s.programme, COALESCE(s.stage, ''), "
    "s.session_date, s.officer, s.vas_before, s.vas_after, s.heart_rate, s.rmssd, "
    "s.skin_conductance, s.notes, s.recorded_by FROM treatment_sessions s "
    "JOIN org_units o ON o.id = s.facility_id ";
constexpr const char* kSessionsOfEpisode = "WHERE s.episode_id = :id ORDER BY s.session_date, s.id";
constexpr const char* kSessionsOfPerson = "WHERE s.person_id = :id ORDER BY s.session_date, s.id";

constexpr const char* kInsertAssessment =
    "INSERT INTO craving_assessments (person_id, episode_id, facility_id, assessed_on, vas, "
    "instrument, total, notes, recorded_by, created_at) VALUES (:p, :e, :f, :d, :v, :i, :t, :no, "
    ":by, :n) RETURNING id";
constexpr const char* kAssessments =
    "SELECT a.id, a.episode_id, o.code, a.assessed_on, a.vas, COALESCE(a.instrument, ''), "
    "a.total, a.notes, a.recorded_by FROM craving_assessments a "
    "JOIN org_units o ON o.id = a.facility_id WHERE a.person_id = :p "
    "ORDER BY a.assessed_on, a.id";

constexpr const char* kAttendance =
    "SELECT s.person_id, s.programme, COUNT(*) FROM treatment_sessions s "
    "JOIN org_units o ON o.id = s.facility_id WHERE o.path LIKE :s "
    "GROUP BY s.person_id, s.programme ORDER BY s.person_id, s.programme";
constexpr const char* kFacilityReadings =
    "SELECT a.person_id, a.assessed_on, a.vas FROM craving_assessments a "
    "JOIN org_units o ON o.id = a.facility_id WHERE o.path LIKE :s "
    "ORDER BY a.person_id, a.assessed_on, a.id";

}  // namespace

std::optional<TreatmentPlanRow> TreatmentRepository::FindPlan(int64_t episode_id) {
  const long long e = episode_id;
  long long id = 0;
  TreatmentPlanRow plan;
  sql_ << kFindPlan, soci::use(e, "e"), soci::into(id), soci::into(plan.created_by),
      soci::into(plan.created_at), soci::into(plan.updated_by), soci::into(plan.updated_at);
  if (!sql_.got_data()) return std::nullopt;
  plan.id = id;
  plan.episode_id = episode_id;
  std::string programme, goal;
  int planned = 0;
  soci::statement st = (sql_.prepare << kPlanProgrammes, soci::use(id, "p"), soci::into(programme),
                        soci::into(goal), soci::into(planned));
  st.execute();
  while (st.fetch()) {
    const auto p = ParseName(kProgrammeNames, programme);
    if (!p) continue;
    plan.programmes.push_back({*p, goal, planned});
  }
  return plan;
}

TreatmentPlanRow TreatmentRepository::PutPlan(int64_t episode_id, int64_t person_id,
                                              const std::vector<PlannedProgramme>& programmes,
                                              const std::string& by, Timestamp now) {
  const std::string n = now.ToString();
  long long id = 0;
  if (auto existing = FindPlan(episode_id)) {
    id = existing->id;
    sql_ << kUpdatePlan, soci::use(by, "by"), soci::use(n, "n"), soci::use(id, "id");
    sql_ << kDeleteProgrammes, soci::use(id, "p");
  } else {
    const long long e = episode_id, p = person_id;
    sql_ << kInsertPlan, soci::use(e, "e"), soci::use(p, "p"), soci::use(by, "by"),
        soci::use(n, "n"), soci::use(by, "by2"), soci::use(n, "n2"), soci::into(id);
  }
  int position = 0;
  for (const auto& p : programmes) {
    const std::string name(NameOf(kProgrammeNames, p.programme));
    sql_ << kInsertProgramme, soci::use(id, "p"), soci::use(name, "pr"), soci::use(position, "pos"),
        soci::use(p.goal, "g"), soci::use(p.planned_sessions, "ps");
    ++position;
  }
  return *FindPlan(episode_id);
}

int64_t TreatmentRepository::InsertSession(const TreatmentSessionRow& row, int64_t facility_id,
                                           Timestamp now) {
  const TreatmentSession& s = row.session;
  const long long e = row.episode_id, p = row.person_id, f = facility_id;
  const std::string programme(NameOf(kProgrammeNames, s.programme));
  const std::string stage =
      s.stage ? std::string(NameOf(kDesensitisationStageNames, *s.stage)) : std::string();
  soci::indicator sti = s.stage ? soci::i_ok : soci::i_null;
  const std::string d = s.date.ToString(), n = now.ToString();
  const int hr = s.heart_rate.value_or(0);
  const double rm = s.rmssd.value_or(0), sc = s.skin_conductance.value_or(0);
  soci::indicator hri = s.heart_rate ? soci::i_ok : soci::i_null;
  soci::indicator rmi = s.rmssd ? soci::i_ok : soci::i_null;
  soci::indicator sci = s.skin_conductance ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql_ << kInsertSession, soci::use(e, "e"), soci::use(p, "p"), soci::use(f, "f"),
      soci::use(programme, "pr"), soci::use(stage, sti, "st"), soci::use(d, "d"),
      soci::use(row.officer, "o"), soci::use(s.vas_before, "vb"), soci::use(s.vas_after, "va"),
      soci::use(hr, hri, "hr"), soci::use(rm, rmi, "rm"), soci::use(sc, sci, "sc"),
      soci::use(s.notes, "no"), soci::use(row.recorded_by, "by"), soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<TreatmentSessionRow> TreatmentRepository::ListSessions(const char* where, int64_t id) {
  const long long key = id;
  long long sid = 0, episode = 0, person = 0;
  std::string code, programme, stage, date, officer, notes, by;
  int vb = 0, va = 0, hr = 0;
  double rm = 0, sc = 0;
  soci::indicator hri = soci::i_null, rmi = soci::i_null, sci = soci::i_null;
  soci::statement st =
      (sql_.prepare << std::string(kSessionColumns) + where, soci::use(key, "id"), soci::into(sid),
       soci::into(episode), soci::into(person), soci::into(code), soci::into(programme),
       soci::into(stage), soci::into(date), soci::into(officer), soci::into(vb), soci::into(va),
       soci::into(hr, hri), soci::into(rm, rmi), soci::into(sc, sci), soci::into(notes),
       soci::into(by));
  st.execute();
  std::vector<TreatmentSessionRow> out;
  while (st.fetch()) {
    TreatmentSessionRow r;
    r.id = sid;
    r.episode_id = episode;
    r.person_id = person;
    r.facility_code = code;
    r.session.programme =
        ParseName(kProgrammeNames, programme).value_or(Programme::kSystematicDesensitisation);
    r.session.stage = ParseName(kDesensitisationStageNames, stage);
    r.session.date = Date::Parse(date).value_or(Date());
    r.session.vas_before = vb;
    r.session.vas_after = va;
    if (hri == soci::i_ok) r.session.heart_rate = hr;
    if (rmi == soci::i_ok) r.session.rmssd = rm;
    if (sci == soci::i_ok) r.session.skin_conductance = sc;
    r.session.notes = notes;
    r.officer = officer;
    r.recorded_by = by;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<TreatmentSessionRow> TreatmentRepository::Sessions(int64_t episode_id) {
  return ListSessions(kSessionsOfEpisode, episode_id);
}

std::vector<TreatmentSessionRow> TreatmentRepository::SessionsOfPerson(int64_t person_id) {
  return ListSessions(kSessionsOfPerson, person_id);
}

int64_t TreatmentRepository::InsertCravingAssessment(const CravingAssessmentRow& row,
                                                     int64_t facility_id, Timestamp now) {
  const CravingAssessment& a = row.assessment;
  const long long p = row.person_id, e = row.episode_id, f = facility_id;
  const std::string d = a.date.ToString(), n = now.ToString();
  const std::string instrument = a.instrument.value_or("");
  const int total = a.total.value_or(0);
  soci::indicator ii = a.instrument ? soci::i_ok : soci::i_null;
  soci::indicator ti = a.total ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql_ << kInsertAssessment, soci::use(p, "p"), soci::use(e, "e"), soci::use(f, "f"),
      soci::use(d, "d"), soci::use(a.vas, "v"), soci::use(instrument, ii, "i"),
      soci::use(total, ti, "t"), soci::use(a.notes, "no"), soci::use(row.recorded_by, "by"),
      soci::use(n, "n"), soci::into(id);
  return id;
}

std::vector<CravingAssessmentRow> TreatmentRepository::CravingAssessments(int64_t person_id) {
  const long long p = person_id;
  long long id = 0, episode = 0;
  std::string code, date, instrument, notes, by;
  int vas = 0, total = 0;
  soci::indicator ti = soci::i_null;
  soci::statement st =
      (sql_.prepare << kAssessments, soci::use(p, "p"), soci::into(id), soci::into(episode),
       soci::into(code), soci::into(date), soci::into(vas), soci::into(instrument),
       soci::into(total, ti), soci::into(notes), soci::into(by));
  st.execute();
  std::vector<CravingAssessmentRow> out;
  while (st.fetch()) {
    CravingAssessmentRow r;
    r.id = id;
    r.person_id = person_id;
    r.episode_id = episode;
    r.facility_code = code;
    r.assessment.date = Date::Parse(date).value_or(Date());
    r.assessment.vas = vas;
    if (!instrument.empty()) r.assessment.instrument = instrument;
    if (ti == soci::i_ok) r.assessment.total = total;
    r.assessment.notes = notes;
    r.recorded_by = by;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ProgrammeAttendance> TreatmentRepository::Attendance(const std::string& path) {
  const std::string like = path + "%";
  long long person = 0, count = 0;
  std::string programme;
  soci::statement st = (sql_.prepare << kAttendance, soci::use(like, "s"), soci::into(person),
                        soci::into(programme), soci::into(count));
  st.execute();
  std::vector<ProgrammeAttendance> out;
  while (st.fetch()) {
    const auto p = ParseName(kProgrammeNames, programme);
    if (!p) continue;
    out.push_back({person, *p, static_cast<int>(count)});
  }
  return out;
}

std::vector<std::pair<int64_t, CravingReading>> TreatmentRepository::FacilityCravingReadings(
    const std::string& path) {
  const std::string like = path + "%";
  long long person = 0;
  std::string date;
  int vas = 0;
  soci::statement st = (sql_.prepare << kFacilityReadings, soci::use(like, "s"), soci::into(person),
                        soci::into(date), soci::into(vas));
  st.execute();
  std::vector<std::pair<int64_t, CravingReading>> out;
  while (st.fetch()) {
    out.push_back({person, CravingReading{Date::Parse(date).value_or(Date()), vas}});
  }
  return out;
}

}  // namespace huigui::store
