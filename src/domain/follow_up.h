// Follow-up after release (回访, issue 5 §1; domain.md §6): how a released person is reached, what
// was found, and when the next follow-up falls due.
//
// A follow-up belongs to the person's latest release from compulsory isolation. The schedule is a
// configurable cadence of days after release (default 30, 90, 180 days, 1, 1.5, 2 and 3 years).
// Each point has a window: from `early_days` before it until `early_days` before the next point
// (the last point's window never closes). A point is met by a follow-up that reached the person
// (result abstinent or relapsed) dated inside its window; one follow-up meets at most one point,
// so calls bunched on one day cannot clear several, and a late follow-up meets the point whose
// window it falls in. A point whose window closed unmet is missed and no longer due. The first
// unmet point whose window is still open is the next one due (overdue once its date has passed).
// A relapse found (by follow-up or any other record) ends the schedule: the event the abstinence
// figures count has happened.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class FollowUpMethod { kPhone, kVisit, kTest };
inline constexpr EnumNames<FollowUpMethod, 3> kFollowUpMethodNames{{
    {FollowUpMethod::kPhone, "phone"},
    {FollowUpMethod::kVisit, "visit"},
    {FollowUpMethod::kTest, "test"},
}};

enum class FollowUpResult { kAbstinent, kRelapsed, kUnreachable };
inline constexpr EnumNames<FollowUpResult, 3> kFollowUpResultNames{{
    {FollowUpResult::kAbstinent, "abstinent"},
    {FollowUpResult::kRelapsed, "relapsed"},
    {FollowUpResult::kUnreachable, "unreachable"},
}};

// An unreachable person was not followed up: only these results meet a point of the cadence.
inline bool ReachedPerson(FollowUpResult r) { return r != FollowUpResult::kUnreachable; }

inline constexpr int kMaxEvidenceChars = 2000;

// What a follow-up submission must satisfy beyond its types: evidence [length] (at most 2,000
// characters) and [required_for_relapse] (a relapse is recorded with what showed it); at
// [not_before_release] when `release` is known (the follow-up of a release comes after it) and
// [release_required] when the person has no release from compulsory isolation at all.
void ValidateFollowUp(FollowUpResult result, const std::string& evidence, Date date,
                      std::optional<Date> release, FieldErrors& errors);

struct FollowUpCadence {
  std::vector<int> days_after_release = {30, 90, 180, 365, 545, 730, 1095};
  int early_days = 14;  // a follow-up this many days before a point still meets it
};

// cadence_days [required] (1 to 24 points), [increasing] (strictly), [range] (each 1..3650);
// early_days [range] (0..90).
Status ValidateCadence(const FollowUpCadence& cadence);

struct FollowUpFact {
  Date date;
  FollowUpResult result = FollowUpResult::kAbstinent;
};

struct FollowUpSchedule {
  int points = 0;  // in the cadence
  int met = 0;     // points met so far
  int missed = 0;  // points whose window closed, on or before `today`, without a follow-up
  std::optional<Date> next_due;  // the first unmet point with its window open; none when ended
  bool ended_by_relapse = false;
};

// `facts` in any order; only those on or after `release` count. A fact with result relapsed
// stands for any relapse found after release.
FollowUpSchedule ScheduleFollowUps(Date release, const std::vector<FollowUpFact>& facts,
                                   const FollowUpCadence& cadence, Date today);

}  // namespace huigui
