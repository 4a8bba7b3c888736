#include "domain/zone.h"

#include <gtest/gtest.h>

#include <string>

namespace huigui {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

const Date kAdmitted = D(2025, 3, 1);
const Date kToday = D(2025, 12, 1);

ZoneMove Move(Zone zone, std::string unit, Date date, std::string reason = "") {
  return ZoneMove{zone, std::move(unit), date, std::move(reason)};
}

// The single error of a refused move as "field/rule".
std::string Refusal(const std::optional<ZoneMove>& previous, const ZoneMove& next) {
  FieldErrors errors;
  auto kind = ValidateZoneMove(kAdmitted, previous, next, kToday, errors);
  EXPECT_FALSE(kind.has_value());
  const auto status = errors.ToStatus();
  if (status.errors().size() != 1) return "errors=" + std::to_string(status.errors().size());
  return status.errors()[0].field + "/" + status.errors()[0].rule;
}

std::optional<MoveKind> Accepted(const std::optional<ZoneMove>& previous, const ZoneMove& next) {
  FieldErrors errors;
  auto kind = ValidateZoneMove(kAdmitted, previous, next, kToday, errors);
  EXPECT_TRUE(errors.empty()) << errors.ToStatus().detail();
  return kind;
}

TEST(ZoneTest, WireNamesRoundTripInOrder) {
  int i = 0;
  for (const auto& [zone, name] : kZoneNames) {
    EXPECT_EQ(ZoneIndex(zone), i++);
    EXPECT_EQ(ParseName(kZoneNames, name), zone);
  }
  EXPECT_EQ(NameOf(kZoneNames, Zone::kRehabilitationConsolidation), "rehabilitation_consolidation");
  EXPECT_FALSE(ParseName(kZoneNames, "infirmary").has_value());
}

TEST(ZoneTest, FirstPlacementInDetoxOnAdmissionDay) {
  EXPECT_EQ(Accepted(std::nullopt, Move(Zone::kDetox, "D1", kAdmitted)), MoveKind::kFirst);
}

TEST(ZoneTest, FirstPlacementPastDetoxNeedsAReason) {
  EXPECT_EQ(Refusal(std::nullopt, Move(Zone::kRehabilitationConsolidation, "D3", kAdmitted)),
            "reason/reason_required");
  EXPECT_EQ(Accepted(std::nullopt, Move(Zone::kRehabilitationConsolidation, "D3", kAdmitted,
                                        "transferred in from 武汉市强制隔离戒毒所")),
            MoveKind::kFirst);
}

TEST(ZoneTest, ForwardOneZoneAtATime) {
  const ZoneMove detox = Move(Zone::kDetox, "D1", kAdmitted);
  EXPECT_EQ(Accepted(detox, Move(Zone::kEducationAdaptation, "D2", D(2025, 4, 1))),
            MoveKind::kForward);
  // Same day as the previous move is not before it.
  EXPECT_EQ(Accepted(detox, Move(Zone::kEducationAdaptation, "D2", kAdmitted)), MoveKind::kForward);
}

TEST(ZoneTest, SkippingAZoneForwardIsRefusedEvenWithAReason) {
  const ZoneMove detox = Move(Zone::kDetox, "D1", kAdmitted);
  EXPECT_EQ(Refusal(detox, Move(Zone::kRehabilitationConsolidation, "D3", D(2025, 5, 1))),
            "zone/zone_order");
  EXPECT_EQ(Refusal(detox, Move(Zone::kReturnGuidance, "D5", D(2025, 5, 1), "good conduct")),
            "zone/zone_order");
}

TEST(ZoneTest, MovingBackNeedsAReason) {
  const ZoneMove consolidation = Move(Zone::kRehabilitationConsolidation, "D3", D(2025, 6, 1));
  EXPECT_EQ(Refusal(consolidation, Move(Zone::kEducationAdaptation, "D2", D(2025, 7, 1))),
            "reason/reason_required");
  EXPECT_EQ(Accepted(consolidation, Move(Zone::kDetox, "D1", D(2025, 7, 1), "戒断症状反复")),
            MoveKind::kBack);
}

TEST(ZoneTest, SameZoneIsAUnitChangeButNotTheSameUnit) {
  const ZoneMove consolidation = Move(Zone::kRehabilitationConsolidation, "D3", D(2025, 6, 1));
  EXPECT_EQ(Accepted(consolidation, Move(Zone::kRehabilitationConsolidation, "D4", D(2025, 6, 2))),
            MoveKind::kUnitChange);
  EXPECT_EQ(Refusal(consolidation, Move(Zone::kRehabilitationConsolidation, "D3", D(2025, 6, 2))),
            "zone/no_change");
}

TEST(ZoneTest, DateRules) {
  const ZoneMove detox = Move(Zone::kDetox, "D1", D(2025, 3, 10));
  EXPECT_EQ(Refusal(detox, Move(Zone::kEducationAdaptation, "D2", D(2025, 12, 2))),
            "date/not_in_future");
  EXPECT_EQ(Refusal(std::nullopt, Move(Zone::kDetox, "D1", D(2025, 2, 28))),
            "date/not_before_admission");
  EXPECT_EQ(Refusal(detox, Move(Zone::kEducationAdaptation, "D2", D(2025, 3, 9))),
            "date/chronological");
}

TEST(ZoneTest, EveryBrokenRuleIsNamed) {
  FieldErrors errors;
  const ZoneMove detox = Move(Zone::kDetox, "D1", kAdmitted);
  EXPECT_FALSE(ValidateZoneMove(
      kAdmitted, detox, Move(Zone::kReturnGuidance, "D5", D(2026, 1, 1), std::string(501, 'x')),
      kToday, errors));
  const auto status = errors.ToStatus();
  ASSERT_EQ(status.errors().size(), 3u);
  EXPECT_EQ(status.errors()[0].rule, "not_in_future");
  EXPECT_EQ(status.errors()[1].rule, "length");
  EXPECT_EQ(status.errors()[2].rule, "zone_order");
}

}  // namespace
}  // namespace huigui
