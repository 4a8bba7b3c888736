#include "domain/safety.h"

#include <algorithm>

namespace huigui {
namespace {

// Accumulates the incidents of one scope (all six, or one category) into a streak.
class StreakBuilder {
 public:
  StreakBuilder(int records_since, Date today) : records_since_(records_since), today_(today) {}

  void Add(Date date) {
    if (date > today_) return;
    if (!last_incident_ || date > *last_incident_) last_incident_ = date;
    if (date.year() < today_.year()) {
      last_bad_complete_year_ =
          std::max(last_bad_complete_year_.value_or(date.year()), date.year());
    }
  }

  SafetyStreak Build() const {
    SafetyStreak s;
    s.last_incident = last_incident_;
    s.current_year_clean = !last_incident_ || last_incident_->year() < today_.year();
    // The streak starts after the latest complete year with an incident, and never before the
    // records do.
    const int last_bad_year =
        std::max(records_since_ - 1, last_bad_complete_year_.value_or(records_since_ - 1));
    const int last_complete_year = today_.year() - 1;
    s.completed_years_streak = std::max(0, last_complete_year - last_bad_year);
    if (s.completed_years_streak > 0) s.since_year = last_bad_year + 1;
    return s;
  }

 private:
  int records_since_;
  Date today_;
  std::optional<Date> last_incident_;          // on or before today
  std::optional<int> last_bad_complete_year_;  // before today's year
};

SafetyRecord Compute(const std::vector<Incident>& incidents,
                     const std::optional<std::string_view>& facility_code, int records_since,
                     Date today) {
  StreakBuilder all(records_since, today);
  std::vector<StreakBuilder> per(kSafetyCategoryCount, StreakBuilder(records_since, today));
  for (const Incident& incident : incidents) {
    if (facility_code && incident.facility_code != *facility_code) continue;
    StreakBuilder& one = per[static_cast<std::size_t>(incident.category)];
    all.Add(incident.date);
    one.Add(incident.date);
  }
  SafetyRecord record;
  record.six_nos = all.Build();
  for (std::size_t i = 0; i < kSafetyCategoryCount; ++i) record.by_category[i] = per[i].Build();
  return record;
}

}  // namespace

void ValidateIncident(const Incident& incident, Date today, FieldErrors& errors) {
  if (incident.id.empty()) errors.Add("id", "required", "must not be empty");
  if (incident.facility_code.empty()) errors.Add("facility_code", "required", "must not be empty");
  if (incident.date > today) errors.Add("date", "not_in_future", "must not be after today");
}

SafetyRecord ComputeFacilitySafetyRecord(const std::vector<Incident>& incidents,
                                         std::string_view facility_code, int records_since,
                                         Date today) {
  return Compute(incidents, facility_code, records_since, today);
}

SafetyRecord ComputeSystemSafetyRecord(const std::vector<Incident>& incidents, int records_since,
                                       Date today) {
  return Compute(incidents, std::nullopt, records_since, today);
}

}  // namespace huigui
