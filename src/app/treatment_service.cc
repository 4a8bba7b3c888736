#include "app/treatment_service.h"

#include <map>
#include <set>

#include "app/continuum_service.h"
#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"
#include "store/user_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

bool Under(const std::string& path, const std::string& scope) {
  return path.compare(0, scope.size(), scope) == 0;
}

// The episode when it exists and its person is in the actor's scope; else 404 like a missing one.
Result<store::EpisodeRow> EpisodeInScope(Transaction& tx, const RequestContext& ctx,
                                         int64_t episode_id) {
  auto episode = store::ContinuumRepository(tx.sql()).FindEpisode(episode_id);
  if (!episode ||
      !store::PersonRepository(tx.sql()).FindInScope(episode->person_id, ctx.actor->org_path)) {
    return NotFound("episode", episode_id);
  }
  if (episode->kind != EpisodeKind::kCompulsoryIsolation) {
    return Status::RuleViolation(
        "treatment plans belong to compulsory isolation",
        {{"episode", "compulsory_isolation_only", "is not a compulsory isolation"}});
  }
  return *episode;
}

// Writes are the facility's: a facility officer whose facility holds the episode.
Status RequireOfficer(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kFacilityOfficer) {
    return Status::PermissionDenied("treatment is recorded by facility officers");
  }
  return Status::Ok();
}

// An episode the officer may write on: held by their facility, the person admitted today.
Status CheckWritable(Transaction& tx, const RequestContext& ctx, const store::EpisodeRow& e) {
  if (!Under(e.org_path, ctx.actor->org_path)) {
    return Status::NotFound("no episode " + std::to_string(e.id));
  }
  store::ContinuumRepository repo(tx.sql());
  const ClockState clock = EpisodeClock(repo, e, ctx.today());
  if (clock.state != EpisodeState::kInFacility && clock.state != EpisodeState::kMedicalParole) {
    return Status::RuleViolation(
        "treatment is recorded for a person in the facility",
        {{"episode", "in_facility_only",
          "the episode is " + std::string(NameOf(kEpisodeStateNames, clock.state))}});
  }
  return Status::Ok();
}

TreatmentPlanView PlanViewOf(store::TreatmentRepository& repo, const store::EpisodeRow& e) {
  TreatmentPlanView view;
  view.episode_id = e.id;
  view.person_id = e.person_id;
  view.facility_code = e.org_code;
  view.plan = repo.FindPlan(e.id);
  if (view.plan) {
    std::vector<TreatmentSession> sessions;
    for (const auto& s : repo.Sessions(e.id)) sessions.push_back(s.session);
    view.progress = PlanProgress(view.plan->programmes, sessions);
  }
  return view;
}

}  // namespace

std::vector<ProgrammeSummaryRow> SummariseProgrammes(
    const std::vector<store::ProgrammeAttendance>& attendance,
    const std::vector<std::pair<int64_t, CravingReading>>& readings) {
  std::map<int64_t, std::vector<CravingReading>> by_person;
  for (const auto& [person, reading] : readings) by_person[person].push_back(reading);
  std::vector<ProgrammeSummaryRow> out;
  for (const auto& [programme, name] : kProgrammeNames) {
    ProgrammeSummaryRow row;
    row.programme = programme;
    std::vector<CravingSeries> series;
    for (const auto& a : attendance) {
      if (a.programme != programme) continue;
      ++row.persons;
      row.sessions += a.sessions;
      auto it = by_person.find(a.person_id);
      series.push_back({std::to_string(a.person_id),
                        it == by_person.end() ? std::vector<CravingReading>{} : it->second});
    }
    const ProgrammeCravingSummary summary = SummariseProgramme(series);
    row.persons_assessed = static_cast<int>(summary.persons.size());
    row.mean_change = summary.mean_change;
    row.share_halved = summary.share_halved;
    if (row.persons > 0 && row.persons < MinCellPersons()) {
      row = ProgrammeSummaryRow{};
      row.programme = programme;
      row.suppressed = true;
    } else if (row.persons_assessed > 0 && row.persons_assessed < MinCellPersons()) {
      row.persons_assessed = 0;
      row.figures_suppressed = true;
      row.mean_change.reset();
      row.share_halved.reset();
    }
    out.push_back(row);
  }
  return out;
}

Result<TreatmentPlanView> TreatmentService::Plan(const RequestContext& ctx, int64_t episode_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(db_, Transaction::Mode::kWrite,
                       [&](Transaction& tx) -> Result<TreatmentPlanView> {
                         auto episode = EpisodeInScope(tx, ctx, episode_id);
                         if (!episode.ok()) return episode.status();
                         store::TreatmentRepository repo(tx.sql());
                         TreatmentPlanView view = PlanViewOf(repo, *episode);
                         Audit(tx, keys_, ctx, "treatment.plan.read", episode->person_id,
                               "episode=" + std::to_string(episode_id));
                         return view;
                       });
}

Result<TreatmentPlanView> TreatmentService::PutPlan(
    const RequestContext& ctx, int64_t episode_id,
    const std::vector<ProgrammeSubmission>& programmes) {
  if (Status s = RequireOfficer(ctx); !s.ok()) return s;
  auto plan = ReadTreatmentPlan(programmes);
  if (!plan.ok()) return plan.status();
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<TreatmentPlanView> {
        auto episode = EpisodeInScope(tx, ctx, episode_id);
        if (!episode.ok()) return episode.status();
        if (Status s = CheckWritable(tx, ctx, *episode); !s.ok()) return s;
        store::TreatmentRepository repo(tx.sql());
        std::set<Programme> kept;
        for (const auto& p : *plan) kept.insert(p.programme);
        for (const auto& s : repo.Sessions(episode_id)) {
          if (!kept.count(s.session.programme)) {
            return Status::RuleViolation(
                "a programme with sessions stays in the plan",
                {{"programmes", "programme_has_sessions",
                  std::string(NameOf(kProgrammeNames, s.session.programme)) +
                      " has recorded sessions"}});
          }
        }
        repo.PutPlan(episode_id, episode->person_id, *plan, ctx.actor->username, ctx.now);
        std::string detail = "episode=" + std::to_string(episode_id);
        for (const auto& p : *plan)
          detail += " " + std::string(NameOf(kProgrammeNames, p.programme));
        Audit(tx, keys_, ctx, "treatment.plan.put", episode->person_id, detail);
        return PlanViewOf(repo, *episode);
      });
}

Result<std::vector<store::TreatmentSessionRow>> TreatmentService::Sessions(
    const RequestContext& ctx, int64_t episode_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite,
      [&](Transaction& tx) -> Result<std::vector<store::TreatmentSessionRow>> {
        auto episode = EpisodeInScope(tx, ctx, episode_id);
        if (!episode.ok()) return episode.status();
        auto rows = store::TreatmentRepository(tx.sql()).Sessions(episode_id);
        Audit(tx, keys_, ctx, "treatment.session.list", episode->person_id,
              "episode=" + std::to_string(episode_id) + " items=" + std::to_string(rows.size()));
        return rows;
      });
}

Result<store::TreatmentSessionRow> TreatmentService::RecordSession(
    const RequestContext& ctx, int64_t episode_id, const SessionSubmission& submission,
    const std::optional<std::string>& officer) {
  if (Status s = RequireOfficer(ctx); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::TreatmentSessionRow> {
        auto episode = EpisodeInScope(tx, ctx, episode_id);
        if (!episode.ok()) return episode.status();
        if (Status s = CheckWritable(tx, ctx, *episode); !s.ok()) return s;
        auto session = ReadTreatmentSession(
            submission, EpisodeWindow{episode->start_date, std::nullopt}, ctx.today());
        if (!session.ok()) return session.status();
        store::TreatmentRepository repo(tx.sql());
        auto plan = repo.FindPlan(episode_id);
        if (!plan) {
          return Status::RuleViolation(
              "a session needs a treatment plan",
              {{"programme", "plan_required", "the episode has no treatment plan yet"}});
        }
        bool planned = false;
        for (const auto& p : plan->programmes) planned |= p.programme == session->programme;
        if (!planned) {
          return Status::RuleViolation(
              "the programme is not in the plan",
              {{"programme", "in_plan", "is not a programme of the treatment plan"}});
        }
        const std::string officer_name = officer.value_or(ctx.actor->username);
        auto user = store::UserRepository(tx.sql()).FindByUsername(officer_name);
        if (!user || user->role != Role::kFacilityOfficer ||
            !Under(episode->org_path, user->org.path)) {
          return Status::RuleViolation("the officer must work at the facility",
                                       {{"officer", "officer_of_facility",
                                         "is not a facility officer of " + episode->org_code}});
        }
        auto facility = store::OrgUnitRepository(tx.sql()).FindByCode(episode->org_code);
        store::TreatmentSessionRow row;
        row.episode_id = episode_id;
        row.person_id = episode->person_id;
        row.facility_code = episode->org_code;
        row.session = *session;
        row.officer = officer_name;
        row.recorded_by = ctx.actor->username;
        row.id = repo.InsertSession(row, facility->id, ctx.now);
        Audit(tx, keys_, ctx, "treatment.session.create", episode->person_id,
              std::string(NameOf(kProgrammeNames, session->programme)) +
                  " episode=" + std::to_string(episode_id));
        return row;
      });
}

Result<std::vector<store::CravingAssessmentRow>> TreatmentService::CravingAssessments(
    const RequestContext& ctx, int64_t person_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite,
      [&](Transaction& tx) -> Result<std::vector<store::CravingAssessmentRow>> {
        if (!store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path)) {
          return NotFound("person", person_id);
        }
        auto rows = store::TreatmentRepository(tx.sql()).CravingAssessments(person_id);
        Audit(tx, keys_, ctx, "craving_assessment.list", person_id,
              "items=" + std::to_string(rows.size()));
        return rows;
      });
}

Result<store::CravingAssessmentRow> TreatmentService::RecordCravingAssessment(
    const RequestContext& ctx, int64_t person_id, const CravingAssessmentSubmission& submission) {
  if (Status s = RequireOfficer(ctx); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::CravingAssessmentRow> {
        if (!store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path)) {
          return NotFound("person", person_id);
        }
        store::ContinuumRepository continuum(tx.sql());
        std::optional<store::EpisodeRow> episode;
        for (const auto& e : continuum.EpisodesOfPerson(person_id)) {
          if (e.kind != EpisodeKind::kCompulsoryIsolation || e.status != "open" ||
              !Under(e.org_path, ctx.actor->org_path)) {
            continue;
          }
          const ClockState clock = EpisodeClock(continuum, e, ctx.today());
          if (clock.state == EpisodeState::kInFacility ||
              clock.state == EpisodeState::kMedicalParole) {
            episode = e;
          }
        }
        if (!episode) {
          return Status::RuleViolation(
              "craving is assessed for a person in the facility",
              {{"person", "in_facility_only", "is not admitted to your facility"}});
        }
        auto assessment = ReadCravingAssessment(
            submission, EpisodeWindow{episode->start_date, std::nullopt}, ctx.today());
        if (!assessment.ok()) return assessment.status();
        auto facility = store::OrgUnitRepository(tx.sql()).FindByCode(episode->org_code);
        store::CravingAssessmentRow row;
        row.person_id = person_id;
        row.episode_id = episode->id;
        row.facility_code = episode->org_code;
        row.assessment = *assessment;
        row.recorded_by = ctx.actor->username;
        row.id = store::TreatmentRepository(tx.sql()).InsertCravingAssessment(row, facility->id,
                                                                              ctx.now);
        Audit(tx, keys_, ctx, "craving_assessment.create", person_id,
              "vas=" + std::to_string(assessment->vas));
        return row;
      });
}

Result<CravingTrend> TreatmentService::Craving(const RequestContext& ctx, int64_t person_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<CravingTrend> {
        if (!store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path)) {
          return NotFound("person", person_id);
        }
        store::TreatmentRepository repo(tx.sql());
        CravingTrend trend;
        trend.person_id = person_id;
        trend.assessments = repo.CravingAssessments(person_id);
        trend.sessions = repo.SessionsOfPerson(person_id);
        CravingSeries series{std::to_string(person_id), {}};
        for (const auto& a : trend.assessments) {
          series.readings.push_back({a.assessment.date, a.assessment.vas});
        }
        trend.summary = SummarisePerson(series);
        // The open episode's plan, else the latest one's (episodes come oldest first).
        std::optional<store::EpisodeRow> chosen;
        for (const auto& e : store::ContinuumRepository(tx.sql()).EpisodesOfPerson(person_id)) {
          if (e.kind != EpisodeKind::kCompulsoryIsolation || !repo.FindPlan(e.id)) continue;
          if (!chosen || chosen->status != "open" || e.status == "open") chosen = e;
        }
        if (chosen) trend.plan = PlanViewOf(repo, *chosen);
        Audit(tx, keys_, ctx, "craving.read", person_id,
              "assessments=" + std::to_string(trend.assessments.size()) +
                  " sessions=" + std::to_string(trend.sessions.size()));
        return trend;
      });
}

Result<std::vector<ProgrammeSummaryRow>> TreatmentService::ProgrammeSummary(
    const RequestContext& ctx, const std::string& facility_code, bool any_unit) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kAnalyst && !Can(ctx.actor->role, Capability::kReadPersons)) {
    return Status::PermissionDenied("role " + std::string(NameOf(kRoleNames, ctx.actor->role)) +
                                    " may not read treatment figures");
  }
  return InTransaction(
      db_, Transaction::Mode::kWrite,
      [&](Transaction& tx) -> Result<std::vector<ProgrammeSummaryRow>> {
        auto org =
            store::OrgUnitRepository(tx.sql()).FindInScope(facility_code, ctx.actor->org_path);
        if (!org || (!any_unit && org->kind != OrgUnitKind::kFacility)) {
          return Status::NotFound((any_unit ? "no org unit " : "no facility ") + facility_code);
        }
        store::TreatmentRepository repo(tx.sql());
        auto rows = SummariseProgrammes(repo.Attendance(org->path),
                                        repo.FacilityCravingReadings(org->path));
        Audit(tx, keys_, ctx, "treatment.programme_summary", std::nullopt, facility_code);
        return rows;
      });
}

}  // namespace huigui::app
