#include "domain/craving.h"

#include <algorithm>

namespace huigui {

void ValidateCravingReading(const CravingReading& reading, Date today, FieldErrors& errors,
                            const std::string& prefix) {
  if (reading.vas < kVasMin || reading.vas > kVasMax) {
    errors.Add(prefix + "vas", "range", "must be between 0 and 100");
  }
  if (reading.date > today) errors.Add(prefix + "date", "not_in_future", "must not be after today");
}

std::optional<PersonCravingSummary> SummarisePerson(const CravingSeries& series) {
  if (series.readings.size() < 2) return std::nullopt;
  std::vector<CravingReading> sorted = series.readings;
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const CravingReading& a, const CravingReading& b) { return a.date < b.date; });
  PersonCravingSummary s;
  s.person_id = series.person_id;
  s.readings = static_cast<int>(sorted.size());
  s.first = sorted.front();
  s.latest = sorted.back();
  s.change = s.latest.vas - s.first.vas;
  s.halved = s.first.vas > 0 && 2 * s.latest.vas <= s.first.vas;
  return s;
}

ProgrammeCravingSummary SummariseProgramme(const std::vector<CravingSeries>& series) {
  ProgrammeCravingSummary out;
  int total_change = 0;
  int halved = 0;
  for (const CravingSeries& one : series) {
    std::optional<PersonCravingSummary> s = SummarisePerson(one);
    if (!s) {
      ++out.persons_excluded;
      continue;
    }
    total_change += s->change;
    if (s->halved) ++halved;
    out.persons.push_back(std::move(*s));
  }
  if (out.persons.empty()) return out;
  const auto n = static_cast<double>(out.persons.size());
  out.mean_change = total_change / n;
  out.share_halved = halved / n;
  return out;
}

}  // namespace huigui
