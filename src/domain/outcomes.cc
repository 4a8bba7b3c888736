#include "domain/outcomes.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

namespace huigui {
namespace {

std::atomic<int>& Minimum() {
  static std::atomic<int> value{kSmallCellMinimum};
  return value;
}

}  // namespace

int SmallCellMinimum() { return Minimum().load(std::memory_order_relaxed); }

void SetSmallCellMinimum(int minimum) { Minimum().store(minimum, std::memory_order_relaxed); }

std::vector<ReleaseOutcome> AssembleOutcomes(const std::vector<Release>& releases,
                                             const std::vector<Evidence>& evidence, Date today) {
  std::unordered_map<int64_t, std::vector<const Evidence*>> by_person;
  for (const auto& e : evidence) by_person[e.person_id].push_back(&e);
  std::vector<ReleaseOutcome> out;
  out.reserve(releases.size());
  for (const auto& r : releases) {
    const Date end = r.next_isolation ? std::min(*r.next_isolation, today) : today;
    std::optional<int> first_use, last_use, last_abstinent;
    if (auto it = by_person.find(r.person_id); it != by_person.end()) {
      for (const Evidence* e : it->second) {
        if (e->date < r.release || e->date > end) continue;
        const int day = e->date - r.release;
        if (e->kind == EvidenceKind::kUse) {
          first_use = std::min(first_use.value_or(day), day);
          last_use = std::max(last_use.value_or(day), day);
        } else {
          last_abstinent = std::max(last_abstinent.value_or(day), day);
        }
      }
    }
    ReleaseOutcome o;
    o.observation.group = r.group;
    o.observed = first_use.has_value() || last_abstinent.has_value();
    o.last_use_day = last_use;
    o.last_abstinent_day = last_abstinent;
    if (first_use) {
      o.observation.relapsed = true;
      o.observation.days = *first_use;
    } else {
      o.observation.days = last_abstinent.value_or(0);
    }
    out.push_back(std::move(o));
  }
  return out;
}

bool ThreeYearsAbstinent(const ReleaseOutcome& outcome) {
  return !outcome.observation.relapsed && outcome.last_abstinent_day &&
         *outcome.last_abstinent_day >= 1095;
}

FollowUpOutcome LatestFollowUp(const std::vector<FollowUpFact>& facts) {
  FollowUpOutcome out;
  std::optional<Date> latest;
  for (const auto& f : facts) {
    if (!ReachedPerson(f.result)) continue;
    if (!latest || f.date >= *latest) {
      latest = f.date;
      out.reached = true;
      out.abstinent = f.result == FollowUpResult::kAbstinent;
    }
  }
  return out;
}

std::vector<bool> SuppressSmallCells(const CellTable& table, int minimum) {
  const auto n = table.counts.size();
  std::vector<bool> hidden(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    hidden[i] = table.counts[i] > 0 && table.counts[i] < minimum;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& line : table.lines) {
      int suppressed = 0;
      std::optional<std::size_t> smallest;
      for (int raw : line) {
        if (raw < 0 || static_cast<std::size_t>(raw) >= n) continue;
        const auto i = static_cast<std::size_t>(raw);
        if (hidden[i]) {
          ++suppressed;
        } else if (!smallest || table.counts[i] < table.counts[*smallest]) {
          smallest = i;
        }
      }
      if (suppressed == 1 && smallest) {
        hidden[*smallest] = true;
        changed = true;
      }
    }
  }
  return hidden;
}

}  // namespace huigui
