#include "domain/breach.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

const Date kSince = D("2026-01-01");
const Date kToday = D("2026-12-31");

std::vector<TestFact> Tests(std::initializer_list<std::pair<const char*, TestResult>> specs) {
  std::vector<TestFact> out;
  int64_t id = 1;
  for (const auto& [date, result] : specs) out.push_back({id++, D(date), result});
  return out;
}

AbsenceFact Away(int64_t id, const char* from, const char* to, bool authorised = false) {
  return {id, D(from), D(to), authorised};
}

const BreachFinding* Find(const std::vector<BreachFinding>& findings, const std::string& rule) {
  for (const auto& f : findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

TEST(BreachTest, NothingOnAnEmptyRecord) {
  EXPECT_TRUE(DetectSeriousBreach({}, {}, kSince, kToday).empty());
}

TEST(BreachTest, TwoEvadedTestsAreNotABreachThreeAre) {
  const auto two =
      Tests({{"2026-02-01", TestResult::kRefused}, {"2026-03-01", TestResult::kMissed}});
  EXPECT_TRUE(DetectSeriousBreach(two, {}, kSince, kToday).empty());

  const auto three = Tests({{"2026-02-01", TestResult::kRefused},
                            {"2026-03-01", TestResult::kMissed},
                            {"2026-04-01", TestResult::kNegative},
                            {"2026-05-01", TestResult::kRefused}});
  const auto findings = DetectSeriousBreach(three, {}, kSince, kToday);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "tests_evaded_or_refused");
  EXPECT_EQ(findings[0].evidence_ids, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_NE(findings[0].summary.find("3 tests"), std::string::npos);
}

TEST(BreachTest, PositiveNegativeAndInvalidTestsAreNotEvasion) {
  const auto tests = Tests({{"2026-02-01", TestResult::kPositive},
                            {"2026-03-01", TestResult::kInvalid},
                            {"2026-04-01", TestResult::kNegative},
                            {"2026-05-01", TestResult::kPositive}});
  EXPECT_TRUE(DetectSeriousBreach(tests, {}, kSince, kToday).empty());
}

TEST(BreachTest, TestsOutsideTheWindowDoNotCount) {
  // The window's first and last days count; the day before and the day after do not.
  const auto tests = Tests({{"2025-12-31", TestResult::kRefused},
                            {"2026-01-01", TestResult::kRefused},
                            {"2026-12-31", TestResult::kMissed},
                            {"2027-01-01", TestResult::kMissed}});
  EXPECT_TRUE(DetectSeriousBreach(tests, {}, kSince, kToday).empty());

  auto with_third = tests;
  with_third.push_back({9, D("2026-06-01"), TestResult::kRefused});
  const auto findings = DetectSeriousBreach(with_third, {}, kSince, kToday);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].evidence_ids, (std::vector<int64_t>{2, 3, 9}));
}

struct ExitCase {
  const char* name;
  std::vector<AbsenceFact> absences;
  bool exits_finding;
  bool days_finding;
};

TEST(BreachTest, UnauthorisedExitsAndDaysAway) {
  const std::vector<ExitCase> cases = {
      {"two exits of 3 days",
       {Away(1, "2026-02-01", "2026-02-03"), Away(2, "2026-03-01", "2026-03-03")},
       false,
       false},
      {"three exits of 3 days",
       {Away(1, "2026-02-01", "2026-02-03"), Away(2, "2026-03-01", "2026-03-03"),
        Away(3, "2026-04-01", "2026-04-03")},
       true,
       false},
      {"2-day absences need no report",
       {Away(1, "2026-02-01", "2026-02-02"), Away(2, "2026-03-01", "2026-03-02"),
        Away(3, "2026-04-01", "2026-04-02")},
       false,
       false},
      {"reported absences are authorised",
       {Away(1, "2026-02-01", "2026-02-03", true), Away(2, "2026-03-01", "2026-03-03"),
        Away(3, "2026-04-01", "2026-04-03")},
       false,
       false},
      {"30 days in total is not more than 30",
       {Away(1, "2026-02-01", "2026-03-02")},  // 28 + 2 days
       false,
       false},
      {"31 days in total is", {Away(1, "2026-02-01", "2026-03-03")}, false, true},
      {"30 days across two exits",
       {Away(1, "2026-02-01", "2026-02-15"), Away(2, "2026-05-01", "2026-05-15")},
       false,
       false},
      {"31 days across two exits",
       {Away(1, "2026-02-01", "2026-02-15"), Away(2, "2026-05-01", "2026-05-16")},
       false,
       true},
      {"short absences add no days",
       {Away(1, "2026-02-01", "2026-03-02"), Away(2, "2026-05-01", "2026-05-02")},
       false,
       false},
      {"authorised days add nothing",
       {Away(1, "2026-02-01", "2026-03-02"), Away(2, "2026-05-01", "2026-05-10", true)},
       false,
       false},
      {"only days inside the window count: 3 inside",
       {Away(1, "2025-12-20", "2026-01-03"), Away(2, "2026-03-01", "2026-03-03"),
        Away(3, "2026-04-01", "2026-04-03")},
       true,
       false},
      {"only days inside the window count: 2 inside",
       {Away(1, "2025-12-20", "2026-01-02"), Away(2, "2026-03-01", "2026-03-03"),
        Away(3, "2026-04-01", "2026-04-03")},
       false,
       false},
      {"a long absence before the window adds nothing",
       {Away(1, "2025-10-01", "2026-01-05")},  // 5 days inside
       false,
       false},
      {"an absence running past today counts to today",
       {Away(1, "2026-12-01", "2027-02-01")},  // 31 days inside
       false,
       true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto findings = DetectSeriousBreach({}, c.absences, kSince, kToday);
    EXPECT_EQ(Find(findings, "unauthorised_exits") != nullptr, c.exits_finding);
    EXPECT_EQ(Find(findings, "days_away") != nullptr, c.days_finding);
    EXPECT_EQ(Find(findings, "tests_evaded_or_refused"), nullptr);
  }
}

TEST(BreachTest, FindingsListTheirEvidence) {
  const std::vector<AbsenceFact> absences = {
      Away(11, "2026-02-01", "2026-02-20"), Away(12, "2026-03-01", "2026-03-03", true),
      Away(13, "2026-04-01", "2026-04-10"), Away(14, "2026-05-01", "2026-05-02"),
      Away(15, "2026-06-01", "2026-06-05")};
  const auto tests = Tests({{"2026-02-01", TestResult::kRefused},
                            {"2026-03-01", TestResult::kMissed},
                            {"2026-04-01", TestResult::kMissed}});
  const auto findings = DetectSeriousBreach(tests, absences, kSince, kToday);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].rule, "tests_evaded_or_refused");
  EXPECT_EQ(findings[1].rule, "unauthorised_exits");
  EXPECT_EQ(findings[1].evidence_ids, (std::vector<int64_t>{11, 13, 15}));
  EXPECT_EQ(findings[2].rule, "days_away");  // 20 + 10 + 5 = 35 days
  EXPECT_EQ(findings[2].evidence_ids, (std::vector<int64_t>{11, 13, 15}));
  EXPECT_NE(findings[2].summary.find("35 days"), std::string::npos);
}

}  // namespace
}  // namespace huigui
