#include "domain/follow_up.h"

#include <algorithm>

#include "domain/person.h"

namespace huigui {

void ValidateFollowUp(FollowUpResult result, const std::string& evidence, Date date,
                      std::optional<Date> release, FieldErrors& errors) {
  const auto len = Utf8Length(evidence);
  if (!len || *len > kMaxEvidenceChars) {
    errors.Add("evidence", "length", "must be at most 2000 characters");
  } else if (result == FollowUpResult::kRelapsed && *len == 0) {
    errors.Add("evidence", "required_for_relapse", "say what showed the relapse");
  }
  if (!release) {
    errors.Add("at", "release_required",
               "the person has no release from compulsory isolation to follow up");
  } else if (date < *release) {
    errors.Add("at", "not_before_release",
               "must not be before the release on " + release->ToString());
  }
}

Status ValidateCadence(const FollowUpCadence& cadence) {
  FieldErrors errors;
  const auto& days = cadence.days_after_release;
  if (days.empty() || days.size() > 24) {
    errors.Add("cadence_days", "required", "give 1 to 24 points");
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] < 1 || days[i] > 3650) {
      errors.Add("cadence_days", "range", "each point must be 1 to 3650 days");
      break;
    }
    if (i > 0 && days[i] <= days[i - 1]) {
      errors.Add("cadence_days", "increasing", "points must be strictly increasing");
      break;
    }
  }
  if (cadence.early_days < 0 || cadence.early_days > 90) {
    errors.Add("early_days", "range", "must be 0 to 90");
  } else {
    // Windows open early_days before their point and must not swallow the previous point.
    for (std::size_t i = 1; i < days.size(); ++i) {
      if (days[i] - days[i - 1] <= cadence.early_days) {
        errors.Add("early_days", "below_gap", "must be smaller than every gap between points");
        break;
      }
    }
  }
  return errors.ToStatus();
}

FollowUpSchedule ScheduleFollowUps(Date release, const std::vector<FollowUpFact>& facts,
                                   const FollowUpCadence& cadence, Date today) {
  std::vector<FollowUpFact> sorted;
  for (const auto& f : facts) {
    if (!(f.date < release)) sorted.push_back(f);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const FollowUpFact& a, const FollowUpFact& b) { return a.date < b.date; });
  FollowUpSchedule out;
  const auto& days = cadence.days_after_release;
  out.points = static_cast<int>(days.size());
  for (const auto& f : sorted) {
    if (f.result == FollowUpResult::kRelapsed) out.ended_by_relapse = true;
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Date point = release.AddDays(days[i]);
    const Date opens = point.AddDays(-cadence.early_days);
    // The window closes when the next one opens; the last stays open.
    const std::optional<Date> closes =
        i + 1 < days.size() ? std::optional<Date>(release.AddDays(days[i + 1] - cadence.early_days))
                            : std::nullopt;
    const bool met = std::any_of(sorted.begin(), sorted.end(), [&](const FollowUpFact& f) {
      return ReachedPerson(f.result) && !(f.date < opens) && (!closes || f.date < *closes);
    });
    if (met) {
      ++out.met;
    } else if (closes && !(today < *closes)) {
      ++out.missed;
    } else if (!out.next_due && !out.ended_by_relapse) {
      out.next_due = point;
    }
  }
  return out;
}

}  // namespace huigui
