// Facility safety records: the "six no's" (六无, domain.md §5) and the streaks provinces report
// ("连续9年实现六无", "连续23年实现安全生产无事故").
//
// Streak convention. A streak counts whole calendar years, counting back from the last complete
// year (today.year() - 1); the current year, being incomplete, never counts. So a report written
// in 2024 about "9 consecutive years" means 2015–2023. An incident in the current year does not
// shorten the streak of completed years (those years were clean), but it means the year will not
// join the streak when it completes: `current_year_clean` says so, and
// `streak_if_year_ends_clean()` is what next year's report will say only when it is true.
//
// Record start. Years before `records_since` have no records and are not counted: a facility
// whose records start in year Y has a streak of at most today.year() - Y. `records_since` is the
// first year whose records are complete, so a facility opened on 1 July 2015 passes 2016 unless
// its 2015 half-year is to count as a whole year.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

// The six no's, in the order the page lists them.
enum class SafetyCategory {
  kDrugsEntering,       // 毒品流入场所 drugs entering the facility
  kEscape,              // 戒毒人员脱逃 escape
  kAbnormalDeath,       // 戒毒人员非正常死亡 abnormal death of an inmate
  kCriminalCase,        // 所内案件 criminal case inside the facility
  kWorkSafetyAccident,  // 安全生产事故 work-safety accident
  kFoodSafetyIncident,  // 食品安全事件 food-safety incident
};
inline constexpr std::size_t kSafetyCategoryCount = 6;
inline constexpr EnumNames<SafetyCategory, kSafetyCategoryCount> kSafetyCategoryNames{{
    {SafetyCategory::kDrugsEntering, "drugs_entering"},
    {SafetyCategory::kEscape, "escape"},
    {SafetyCategory::kAbnormalDeath, "abnormal_death"},
    {SafetyCategory::kCriminalCase, "criminal_case"},
    {SafetyCategory::kWorkSafetyAccident, "work_safety_accident"},
    {SafetyCategory::kFoodSafetyIncident, "food_safety_incident"},
}};

// One recorded incident breaking one of the six no's.
struct Incident {
  std::string id;
  std::string facility_code;  // the facility (org unit code) where it happened
  SafetyCategory category = SafetyCategory::kDrugsEntering;
  Date date;  // local date (UTC+8) it happened
};

// Field errors for a recorded incident: id and facility_code required, date not after today.
void ValidateIncident(const Incident& incident, Date today, FieldErrors& errors);

// A streak of clean calendar years, as of `today`.
struct SafetyStreak {
  // Consecutive complete calendar years without an incident, ending with today.year() - 1 and
  // starting no earlier than records_since. 0 when last year had an incident or records start
  // this year.
  int completed_years_streak = 0;
  // The first year of the streak; nullopt when the streak is 0.
  std::optional<int> since_year;
  // No incident from 1 January of today's year through today.
  bool current_year_clean = true;
  // The latest incident on or before today, if any (in any year, records_since or not).
  std::optional<Date> last_incident;

  // The streak next year's report will give if the rest of this year stays clean: one more than
  // completed_years_streak when the current year is clean so far, else 0.
  int streak_if_year_ends_clean() const {
    return current_year_clean ? completed_years_streak + 1 : 0;
  }
};

// The six no's together (an incident of any category breaks it) and each category on its own.
struct SafetyRecord {
  SafetyStreak six_nos;
  std::array<SafetyStreak, kSafetyCategoryCount> by_category;  // in SafetyCategory order

  const SafetyStreak& For(SafetyCategory category) const {
    return by_category[static_cast<std::size_t>(category)];
  }
};

// The record of one facility: only incidents whose facility_code equals `facility_code` count.
// Incidents dated after today are ignored (they cannot have happened yet; ValidateIncident keeps
// them out).
SafetyRecord ComputeFacilitySafetyRecord(const std::vector<Incident>& incidents,
                                         std::string_view facility_code, int records_since,
                                         Date today);

// The record of the whole system (the province's figure): every incident counts, whichever
// facility it happened in; `records_since` is the first year of the system's records.
SafetyRecord ComputeSystemSafetyRecord(const std::vector<Incident>& incidents, int records_since,
                                       Date today);

}  // namespace huigui
