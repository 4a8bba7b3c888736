#include "domain/resident_id.h"

#include <gtest/gtest.h>

namespace huigui {
namespace {

// The worked example of GB 11643-1999.
constexpr const char* kValid = "11010519491231002X";

TEST(ResidentIdTest, ComputesTheCheckCharacter) {
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(ResidentIdCheckChar("44052418800101001"), '4');
  EXPECT_FALSE(ResidentIdCheckChar("1101051949123100"));
  EXPECT_FALSE(ResidentIdCheckChar("1101051949123100A"));
}

TEST(ResidentIdTest, AcceptsValidNumbers) {
  EXPECT_EQ(ValidateResidentId(kValid), ResidentIdError::kNone);
  EXPECT_EQ(ValidateResidentId("11010519491231002x"), ResidentIdError::kNone);
  EXPECT_EQ(ValidateResidentId("440524188001010014"), ResidentIdError::kNone);
}

TEST(ResidentIdTest, NamesWhatIsWrong) {
  EXPECT_EQ(ValidateResidentId("110105194912310021"), ResidentIdError::kCheckDigit);
  EXPECT_EQ(ValidateResidentId("1101051949123100"), ResidentIdError::kLength);
  EXPECT_EQ(ValidateResidentId("1101051949123100XX"), ResidentIdError::kDigits);
  EXPECT_EQ(ValidateResidentId("11010519490230002X"), ResidentIdError::kBirthDate);  // 30 Feb
  EXPECT_EQ(ValidateResidentId(""), ResidentIdError::kLength);
}

TEST(ResidentIdTest, ExtractsTheBirthDate) {
  EXPECT_EQ(ResidentIdBirthDate(kValid)->ToString(), "1949-12-31");
}

// Every single-digit change of a valid number is caught by the check character.
TEST(ResidentIdTest, CatchesEverySingleDigitError) {
  std::string id = kValid;
  for (std::size_t i = 0; i < 17; ++i) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == kValid[i]) continue;
      std::string changed = id;
      changed[i] = c;
      EXPECT_NE(ValidateResidentId(changed), ResidentIdError::kNone) << changed;
    }
  }
}

}  // namespace
}  // namespace huigui
