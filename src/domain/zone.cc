#include "domain/zone.h"

#include "domain/person.h"

namespace huigui {
namespace {

void CheckDate(Date admitted_on, const std::optional<ZoneMove>& previous, const ZoneMove& next,
               Date today, FieldErrors& errors) {
  if (next.date > today) errors.Add("date", "not_in_future", "must not be after today");
  if (next.date < admitted_on) {
    errors.Add("date", "not_before_admission",
               "must not be before the admission on " + admitted_on.ToString());
  } else if (previous && next.date < previous->date) {
    errors.Add("date", "chronological",
               "must not be before the previous move on " + previous->date.ToString());
  }
}

}  // namespace

std::optional<MoveKind> ValidateZoneMove(Date admitted_on, const std::optional<ZoneMove>& previous,
                                         const ZoneMove& next, Date today, FieldErrors& errors) {
  FieldErrors found;
  CheckDate(admitted_on, previous, next, today, found);
  const auto reason_length = Utf8Length(next.reason);
  if (!reason_length || *reason_length > kMaxMoveReasonLength) {
    found.Add("reason", "length", "must be at most 500 characters");
  }
  const bool has_reason = reason_length && *reason_length > 0;

  MoveKind kind = MoveKind::kFirst;
  if (!previous) {
    if (next.zone != Zone::kDetox && !has_reason) {
      found.Add("reason", "reason_required",
                "a first placement past the detox zone needs a reason (e.g. transferred in)");
    }
  } else {
    const int step = ZoneIndex(next.zone) - ZoneIndex(previous->zone);
    if (step > 1) {
      found.Add(
          "zone", "zone_order",
          "moves forward one zone at a time: from " +
              std::string(NameOf(kZoneNames, previous->zone)) + " the next zone is " +
              std::string(NameOf(kZoneNames, static_cast<Zone>(ZoneIndex(previous->zone) + 1))));
    } else if (step == 1) {
      kind = MoveKind::kForward;
    } else if (step < 0) {
      kind = MoveKind::kBack;
      if (!has_reason) {
        found.Add("reason", "reason_required",
                  "a move back to an earlier zone needs a reason (e.g. violation, relapse of "
                  "symptoms)");
      }
    } else if (next.unit_code == previous->unit_code) {
      found.Add("zone", "no_change", "the person is already in this zone and unit");
    } else {
      kind = MoveKind::kUnitChange;
    }
  }
  if (!found.empty()) {
    const Status status = found.ToStatus();
    for (const auto& e : status.errors()) errors.Add(e.field, e.rule, e.message);
    return std::nullopt;
  }
  return kind;
}

}  // namespace huigui
