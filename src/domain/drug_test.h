// Drug tests: urine covers 1–3 days, hair about 3–6 months (domain.md §6).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class Sample { kUrine, kHair, kSaliva, kBlood };
inline constexpr EnumNames<Sample, 4> kSampleNames{{
    {Sample::kUrine, "urine"},
    {Sample::kHair, "hair"},
    {Sample::kSaliva, "saliva"},
    {Sample::kBlood, "blood"},
}};

enum class TestResult { kNegative, kPositive, kRefused, kMissed, kInvalid };
inline constexpr EnumNames<TestResult, 5> kTestResultNames{{
    {TestResult::kNegative, "negative"},
    {TestResult::kPositive, "positive"},
    {TestResult::kRefused, "refused"},
    {TestResult::kMissed, "missed"},
    {TestResult::kInvalid, "invalid"},
}};

struct DrugTest {
  int64_t id = 0;
  int64_t person_id = 0;
  Sample sample = Sample::kUrine;
  TestResult result = TestResult::kNegative;
  Timestamp at;
  std::vector<std::string> substances;  // non-empty exactly when positive
  std::string recorded_by;
  std::string org_code;
};

// A test counts as "done" for the schedule when a sample was actually taken and read.
bool CountsAsTested(TestResult result);

void ValidateDrugTest(const DrugTest& test, Timestamp now, FieldErrors& errors);

}  // namespace huigui
