// The four zones of a compulsory isolation facility (domain.md §4, the national model of
// 2018–2021) and the rules for moving a person between them. A person in a facility is placed in
// a zone and a unit (大队); a move is a dated event recorded by an officer.
//
// Order. A person moves forward one zone at a time: detox → education and adaptation →
// rehabilitation consolidation → return guidance. A move that skips a zone forward is refused
// ("zone_order"). A move back (violation of facility rules, symptoms returning) is allowed with a
// reason ("reason_required"). A move within the same zone changes the unit only.
//
// First placement. Normally into the detox zone on or after admission. A first placement in a
// later zone (a person transferred in from another facility, or admitted before zones were
// recorded) needs a reason, like a move back.
#pragma once

#include <optional>
#include <string>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class Zone {
  kDetox,                        // 生理脱毒区 physiological detox
  kEducationAdaptation,          // 教育适应区 education and adaptation
  kRehabilitationConsolidation,  // 康复巩固区 rehabilitation consolidation
  kReturnGuidance,               // 回归指导区 return guidance
};
inline constexpr std::size_t kZoneCount = 4;
inline constexpr EnumNames<Zone, kZoneCount> kZoneNames{{
    {Zone::kDetox, "detox"},
    {Zone::kEducationAdaptation, "education_adaptation"},
    {Zone::kRehabilitationConsolidation, "rehabilitation_consolidation"},
    {Zone::kReturnGuidance, "return_guidance"},
}};

// A zone's place in the order, 0 (detox) to 3 (return guidance).
constexpr int ZoneIndex(Zone zone) { return static_cast<int>(zone); }

// One placement: the zone and unit a person is in from `date` on.
struct ZoneMove {
  Zone zone = Zone::kDetox;
  std::string unit_code;
  Date date;
  std::string reason;  // why (required for a move back or a first placement past detox)
};

// Longest reason accepted, in code points.
inline constexpr int kMaxMoveReasonLength = 500;

// The kind of a valid move relative to the previous placement.
enum class MoveKind {
  kFirst,       // first placement of the episode
  kForward,     // one zone on
  kBack,        // one or more zones back (with a reason)
  kUnitChange,  // same zone, another unit
};
inline constexpr EnumNames<MoveKind, 4> kMoveKindNames{{
    {MoveKind::kFirst, "first"},
    {MoveKind::kForward, "forward"},
    {MoveKind::kBack, "back"},
    {MoveKind::kUnitChange, "unit_change"},
}};

// Whether `next` may follow `previous` (nullopt: the first placement) for a person admitted on
// `admitted_on`. Each broken rule is added to `errors` with its field:
//   date:   not_in_future (after today), not_before_admission, chronological (before previous)
//   zone:   zone_order (skips a zone forward), no_change (same zone and unit as now)
//   reason: reason_required (move back, or first placement past detox), length (> 500)
// Returns the kind of move when no rule is broken.
std::optional<MoveKind> ValidateZoneMove(Date admitted_on, const std::optional<ZoneMove>& previous,
                                         const ZoneMove& next, Date today, FieldErrors& errors);

}  // namespace huigui
