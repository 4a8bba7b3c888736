#include "domain/drug_test.h"

#include "domain/contact.h"
#include "domain/person.h"

namespace huigui {

bool CountsAsTested(TestResult result) {
  return result == TestResult::kNegative || result == TestResult::kPositive;
}

void ValidateDrugTest(const DrugTest& t, Timestamp now, FieldErrors& errors) {
  if (t.at.unix_seconds() > now.unix_seconds() + kClockSkewSeconds) {
    errors.Add("at", "not_in_future", "must not be in the future");
  }
  const bool positive = t.result == TestResult::kPositive;
  if (positive == t.substances.empty()) {
    errors.Add("substances", "substances_iff_positive",
               positive ? "a positive test must name at least one substance"
                        : "only a positive test names substances");
  }
  if (t.substances.size() > 10) errors.Add("substances", "count", "at most 10 substances");
  for (const auto& s : t.substances) {
    const auto len = Utf8Length(s);
    if (!len || *len == 0 || *len > 64) {
      errors.Add("substances", "length", "each substance must be 1-64 characters");
      break;
    }
  }
}

}  // namespace huigui
