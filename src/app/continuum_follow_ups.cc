// 回访: follow-up after release from compulsory isolation (issue 5 §1). Part of ContinuumService:
// a follow-up that finds a relapse is a relapse of the continuum (alert, risk), and the next
// follow-up due is one of the person's obligations.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/continuum_internal.h"
#include "app/continuum_service.h"
#include "app/settings_json.h"
#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/continuum_repository.h"
#include "store/org_unit_repository.h"
#include "store/person_repository.h"

namespace huigui::app {

using json = nlohmann::json;
using store::Transaction;

namespace {

constexpr const char* kFollowUpSetting = "follow_up";

}  // namespace

namespace internal {

FollowUpCadence LoadFollowUpCadence(Transaction& tx) {
  FollowUpCadence cadence;
  if (auto text = store::ContinuumRepository(tx.sql()).Setting(kFollowUpSetting)) {
    const json j = json::parse(*text, nullptr, false);
    if (j.is_object()) {
      FollowUpCadence stored;
      stored.days_after_release = j.value("cadence_days", cadence.days_after_release);
      stored.early_days = j.value("early_days", cadence.early_days);
      if (ValidateCadence(stored).ok()) cadence = stored;
    }
  }
  return cadence;
}

std::optional<ObligationView> FollowUpObligation(const store::ReleaseRow& release,
                                                 const std::vector<FollowUpFact>& facts,
                                                 const FollowUpCadence& cadence, Date today) {
  const FollowUpSchedule schedule = ScheduleFollowUps(release.release, facts, cadence, today);
  if (!schedule.next_due) return std::nullopt;
  ObligationView view;
  view.obligation.kind = "follow_up";
  view.obligation.due = *schedule.next_due;
  view.obligation.owner = DeadlineOwner::kPerson;  // the home township's office acts
  view.obligation.episode_id = release.episode_id;
  if (*schedule.next_due < today) {
    view.obligation.status = ObligationStatus::kOverdue;
    view.obligation.overdue_days = today - *schedule.next_due;
  }
  view.owner_org = release.home_code;
  view.episode_kind = EpisodeKind::kCompulsoryIsolation;
  return view;
}

}  // namespace internal

Result<store::FollowUpRow> ContinuumService::RecordFollowUp(const RequestContext& ctx,
                                                            int64_t person_id,
                                                            const FollowUpInput& input) {
  if (Status s = Require(ctx, Capability::kWritePersons); !s.ok()) return s;
  if (input.at.unix_seconds() > ctx.now.unix_seconds() + kClockSkewSeconds) {
    return Status::Invalid("at", "not_in_future", "must not be in the future");
  }
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<store::FollowUpRow> {
        auto person = store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path);
        if (!person) return NotFound("person", person_id);
        store::FollowUpRepository follow_ups(tx.sql());
        const auto release = follow_ups.LatestRelease(person_id);
        FieldErrors errors;
        ValidateFollowUp(input.result, input.evidence, input.at.LocalDate(),
                         release ? std::optional<Date>(release->release) : std::nullopt, errors);
        if (!errors.empty()) {
          // A text too long (or not UTF-8) is bad input (400) when it is the only problem;
          // otherwise the rules of the record answer (422), naming every field.
          const Status all = errors.ToStatus();
          const bool shape_only =
              std::all_of(all.errors().begin(), all.errors().end(),
                          [](const FieldError& e) { return e.rule == "length"; });
          return errors.ToStatus(shape_only ? Status::Code::kInvalidArgument
                                            : Status::Code::kRuleViolation);
        }
        store::ContinuumRepository repo(tx.sql());
        store::OrgUnitRepository orgs(tx.sql());
        const auto actor_org = orgs.FindByCode(ctx.actor->org_code);
        store::FollowUpRow row;
        row.person_id = person_id;
        row.release_episode_id = release->episode_id;
        row.at = input.at;
        row.date = input.at.LocalDate();
        row.method = input.method;
        row.result = input.result;
        row.evidence = input.evidence;
        row.recorded_by = ctx.actor->username;
        if (input.result == FollowUpResult::kRelapsed) {
          const int64_t relapse =
              repo.InsertRelapse(person_id, input.at, input.evidence, "follow_up", std::nullopt,
                                 ctx.actor->username, actor_org->id, ctx.now);
          row.relapse_id = relapse;
          const auto home = orgs.FindByCode(person->person.home_org_code);
          repo.OpenAlert(person_id, "relapse", home->id,
                         json{{"relapse_id", relapse},
                              {"at", input.at.ToString()},
                              {"evidence", input.evidence},
                              {"source", "follow_up"}}
                             .dump(),
                         "relapse:" + std::to_string(relapse), ctx.now);
        }
        row.id = follow_ups.Insert(row, actor_org->id, ctx.now);
        row.org_code = ctx.actor->org_code;
        internal::RecomputeRiskIn(tx, person_id, "follow_up", ctx.now);
        std::string detail =
            std::string("result=") + std::string(NameOf(kFollowUpResultNames, input.result));
        if (row.relapse_id) {
          Audit(tx, keys_, ctx, "relapse.create", person_id,
                "source=follow_up follow_up=" + std::to_string(row.id));
          detail += " relapse=" + std::to_string(*row.relapse_id);
        }
        Audit(tx, keys_, ctx, "follow_up.create", person_id, detail);
        return row;
      });
}

Result<FollowUpView> ContinuumService::FollowUps(const RequestContext& ctx, int64_t person_id) {
  if (Status s = Require(ctx, Capability::kReadPersons); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<FollowUpView> {
        if (!store::PersonRepository(tx.sql()).FindInScope(person_id, ctx.actor->org_path)) {
          return NotFound("person", person_id);
        }
        store::FollowUpRepository repo(tx.sql());
        FollowUpView view;
        view.release = repo.LatestRelease(person_id);
        view.items = repo.OfPerson(person_id);
        const FollowUpCadence cadence = internal::LoadFollowUpCadence(tx);
        if (view.release) {
          view.schedule = ScheduleFollowUps(
              view.release->release,
              repo.FactsOfReleases({view.release->episode_id})[view.release->episode_id], cadence,
              ctx.today());
        }
        Audit(tx, keys_, ctx, "follow_up.list", person_id);
        return view;
      });
}

Result<FollowUpCadence> ContinuumService::GetFollowUpCadence(const RequestContext& ctx) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  return InTransaction(db_, Transaction::Mode::kRead,
                       [&](Transaction& tx) -> Result<FollowUpCadence> {
                         return internal::LoadFollowUpCadence(tx);
                       });
}

Result<FollowUpCadence> ContinuumService::PutFollowUpCadence(const RequestContext& ctx,
                                                             const FollowUpCadence& cadence) {
  if (!ctx.actor) return Status::Unauthenticated("not logged in");
  if (ctx.actor->role != Role::kAdmin) {
    return Status::PermissionDenied("only an administrator changes the follow-up cadence");
  }
  if (Status s = ValidateCadence(cadence); !s.ok()) return s;
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<FollowUpCadence> {
        store::ContinuumRepository(tx.sql()).PutSetting(
            kFollowUpSetting, FollowUpCadenceJson(cadence).dump(), ctx.actor->username, ctx.now);
        Audit(tx, keys_, ctx, "settings.follow_up", std::nullopt,
              "points=" + std::to_string(cadence.days_after_release.size()));
        return cadence;
      });
}

}  // namespace huigui::app
