#include <gtest/gtest.h>

#include "domain/contact.h"
#include "domain/drug_test.h"
#include "domain/episode.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "domain/role.h"

namespace huigui {
namespace {

const Date kToday = *Date::Parse("2026-11-29");
const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00+08:00");

bool HasError(const FieldErrors& errors, const std::string& field, const std::string& rule) {
  const Status s = errors.ToStatus();
  for (const auto& e : s.errors()) {
    if (e.field == field && e.rule == rule) return true;
  }
  return false;
}

Person ValidPerson() {
  Person p;
  p.alias = "高亮";
  p.birth_year = 1975;
  p.home_org_code = "420202001";
  p.primary_substance = "海洛因";
  p.registration_date = kToday;
  return p;
}

TEST(PersonValidationTest, AcceptsAValidPerson) {
  FieldErrors errors;
  ValidatePerson(ValidPerson(), kToday, errors);
  EXPECT_TRUE(errors.empty());
}

TEST(PersonValidationTest, CountsAliasLengthInCharactersNotBytes) {
  Person p = ValidPerson();
  p.alias = std::string(32 * 3, 'x').substr(0, 0);
  for (int i = 0; i < 32; ++i) p.alias += "高";  // 32 characters, 96 bytes
  FieldErrors ok;
  ValidatePerson(p, kToday, ok);
  EXPECT_TRUE(ok.empty());
  p.alias += "高";
  FieldErrors too_long;
  ValidatePerson(p, kToday, too_long);
  EXPECT_TRUE(HasError(too_long, "alias", "length"));
}

TEST(PersonValidationTest, NamesEveryBadField) {
  Person p = ValidPerson();
  p.alias = "";
  p.birth_year = 2027;
  p.registration_date = kToday.AddDays(1);
  FieldErrors errors;
  ValidatePerson(p, kToday, errors);
  EXPECT_TRUE(HasError(errors, "alias", "length"));
  EXPECT_TRUE(HasError(errors, "birth_year", "range"));
  EXPECT_TRUE(HasError(errors, "registration_date", "not_in_future"));
}

TEST(PersonValidationTest, RejectsInvalidUtf8) {
  Person p = ValidPerson();
  p.alias = "\xff\xfe";
  FieldErrors errors;
  ValidatePerson(p, kToday, errors);
  EXPECT_TRUE(HasError(errors, "alias", "utf8"));
}

TEST(IdentityValidationTest, NamesTheCheckDigitRule) {
  FieldErrors errors;
  ValidateIdentity({"张三", "110105194912310021", "13800000000", "武汉"}, errors);
  EXPECT_TRUE(HasError(errors, "identity.id_number", "gb11643_check_digit"));
  FieldErrors phone;
  ValidateIdentity({"张三", "11010519491231002X", "call me", ""}, phone);
  EXPECT_TRUE(HasError(phone, "identity.phone", "format"));
  FieldErrors good;
  ValidateIdentity({"张三", "11010519491231002X", "+86-13800000000", ""}, good);
  EXPECT_TRUE(good.empty());
}

TEST(ContactValidationTest, RejectsTheFutureBeyondClockSkew) {
  Contact c;
  c.at = Timestamp::FromUnixSeconds(kNow.unix_seconds() + kClockSkewSeconds);
  FieldErrors ok;
  ValidateContact(c, kNow, ok);
  EXPECT_TRUE(ok.empty());
  c.at = Timestamp::FromUnixSeconds(kNow.unix_seconds() + kClockSkewSeconds + 1);
  FieldErrors late;
  ValidateContact(c, kNow, late);
  EXPECT_TRUE(HasError(late, "at", "not_in_future"));
}

TEST(DrugTestValidationTest, SubstancesExactlyWhenPositive) {
  DrugTest t;
  t.at = kNow;
  t.result = TestResult::kPositive;
  FieldErrors missing;
  ValidateDrugTest(t, kNow, missing);
  EXPECT_TRUE(HasError(missing, "substances", "substances_iff_positive"));
  t.substances = {"冰毒"};
  FieldErrors ok;
  ValidateDrugTest(t, kNow, ok);
  EXPECT_TRUE(ok.empty());
  t.result = TestResult::kNegative;
  FieldErrors extra;
  ValidateDrugTest(t, kNow, extra);
  EXPECT_TRUE(HasError(extra, "substances", "substances_iff_positive"));
}

TEST(DrugTestTest, OnlyTakenSamplesCountAsTested) {
  EXPECT_TRUE(CountsAsTested(TestResult::kNegative));
  EXPECT_TRUE(CountsAsTested(TestResult::kPositive));
  EXPECT_FALSE(CountsAsTested(TestResult::kRefused));
  EXPECT_FALSE(CountsAsTested(TestResult::kMissed));
  EXPECT_FALSE(CountsAsTested(TestResult::kInvalid));
}

TEST(EpisodeValidationTest, PlannedEndWithinTheStatutoryTerm) {
  Episode e;
  e.kind = EpisodeKind::kCompulsoryIsolation;
  e.start_date = *Date::Parse("2026-05-13");
  e.planned_end_date = *Date::Parse("2028-05-12");
  FieldErrors ok;
  ValidateNewEpisode(e, kToday, ok);
  EXPECT_TRUE(ok.empty());
  e.planned_end_date = *Date::Parse("2028-05-13");
  FieldErrors over;
  ValidateNewEpisode(e, kToday, over);
  EXPECT_TRUE(HasError(over, "planned_end_date", "statutory_term"));
  e.planned_end_date = *Date::Parse("2026-05-12");
  FieldErrors before;
  ValidateNewEpisode(e, kToday, before);
  EXPECT_TRUE(HasError(before, "planned_end_date", "after_start"));
  e.planned_end_date.reset();
  e.start_date = kToday.AddDays(1);
  FieldErrors future;
  ValidateNewEpisode(e, kToday, future);
  EXPECT_TRUE(HasError(future, "start_date", "not_in_future"));
}

TEST(OrgUnitTest, SubtreeIsAPathPrefix) {
  EXPECT_TRUE(InSubtree("/420000/420100/420102/", "/420000/420100/"));
  EXPECT_TRUE(InSubtree("/420000/420100/", "/420000/420100/"));
  EXPECT_FALSE(InSubtree("/420000/420200/", "/420000/420100/"));
  EXPECT_FALSE(InSubtree("/420000/4201000/", "/420000/420100/"));  // sibling sharing a prefix
  EXPECT_FALSE(InSubtree("/420000/", ""));
  EXPECT_EQ(ChildPath("/420000/", "420100"), "/420000/420100/");
  EXPECT_TRUE(IsValidOrgCode("420000F01"));
  EXPECT_FALSE(IsValidOrgCode("42/00"));
}

// Closed by default: the table of who may do what.
TEST(RoleTest, OnlyCaseWorkersTouchPersons) {
  for (const auto& [role, name] : kRoleNames) {
    const bool case_worker = role == Role::kDirector || role == Role::kSocialWorker ||
                             role == Role::kFacilityOfficer || role == Role::kPolice;
    EXPECT_EQ(Can(role, Capability::kReadPersons), case_worker) << name;
    EXPECT_EQ(Can(role, Capability::kWritePersons), case_worker) << name;
    EXPECT_EQ(Can(role, Capability::kRevealIdentity), case_worker) << name;
    EXPECT_EQ(Can(role, Capability::kReadAudit), role == Role::kAuditor || role == Role::kAdmin)
        << name;
  }
}

}  // namespace
}  // namespace huigui

namespace huigui {
namespace {

TEST(EpisodeOwnerTest, EachKindIsRunByItsKindOfOrgUnit) {
  EXPECT_TRUE(CanRunEpisode(EpisodeKind::kCompulsoryIsolation, OrgUnitKind::kFacility));
  EXPECT_FALSE(CanRunEpisode(EpisodeKind::kCompulsoryIsolation, OrgUnitKind::kTownship));
  EXPECT_TRUE(CanRunEpisode(EpisodeKind::kCommunityDetox, OrgUnitKind::kTownship));
  EXPECT_TRUE(CanRunEpisode(EpisodeKind::kCommunityRehab, OrgUnitKind::kCommunity));
  EXPECT_FALSE(CanRunEpisode(EpisodeKind::kCommunityDetox, OrgUnitKind::kFacility));
  EXPECT_TRUE(CanRunEpisode(EpisodeKind::kAftercare, OrgUnitKind::kAftercareStation));
  EXPECT_FALSE(CanRunEpisode(EpisodeKind::kAftercare, OrgUnitKind::kPoliceUnit));
  EXPECT_FALSE(CanRunEpisode(EpisodeKind::kVoluntary, OrgUnitKind::kCounty));
}

}  // namespace
}  // namespace huigui
