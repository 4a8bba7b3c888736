#include "domain/treatment.h"

#include "app/treatment_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace huigui {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

const Date kToday = D(2026, 6, 1);
const EpisodeWindow kWindow{D(2025, 9, 1), std::nullopt};

// "field:rule" of every error of a status, in order.
std::vector<std::string> Errors(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.errors()) out.push_back(e.field + ":" + e.rule);
  return out;
}

bool Has(const Status& s, const std::string& field_rule) {
  const auto all = Errors(s);
  return std::find(all.begin(), all.end(), field_rule) != all.end();
}

SessionSubmission Desensitisation() {
  SessionSubmission s;
  s.programme = "systematic_desensitisation";
  s.stage = "relaxation_training";
  s.date = D(2026, 5, 20);
  s.vas_before = 70;
  s.vas_after = 45;
  s.heart_rate = 92;
  s.rmssd = 31.5;
  s.skin_conductance = 8.4;
  s.notes = "诱发渴求后放松训练";
  return s;
}

SessionSubmission Biofeedback() {
  SessionSubmission s = Desensitisation();
  s.programme = "biofeedback";
  s.stage.reset();
  return s;
}

TEST(TreatmentPlanTest, ValidPlanKeepsTheOrderGiven) {
  auto plan = ReadTreatmentPlan(
      {{"biofeedback", "心率变异性提升", 12}, {"systematic_desensitisation", "渴求 VAS 减半", 24}});
  ASSERT_TRUE(plan.ok()) << plan.status().detail();
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].programme, Programme::kBiofeedback);
  EXPECT_EQ((*plan)[1].planned_sessions, 24);
  EXPECT_EQ((*plan)[1].goal, "渴求 VAS 减半");
}

TEST(TreatmentPlanTest, EmptyPlanIsRefused) {
  auto plan = ReadTreatmentPlan({});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(Errors(plan.status()), std::vector<std::string>{"programmes:required"});
}

TEST(TreatmentPlanTest, EveryBadProgrammeFieldIsNamed) {
  auto plan = ReadTreatmentPlan({{"yoga", "x", 3},
                                 {"biofeedback", std::nullopt, 0},
                                 {"biofeedback", "", 501},
                                 {"education_course", std::string(501, 'a'), std::nullopt}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Has(plan.status(), "programmes[0].programme:one_of"));
  EXPECT_TRUE(Has(plan.status(), "programmes[1].goal:required"));
  EXPECT_TRUE(Has(plan.status(), "programmes[1].planned_sessions:range"));
  EXPECT_TRUE(Has(plan.status(), "programmes[2].programme:unique"));
  EXPECT_TRUE(Has(plan.status(), "programmes[2].goal:length"));
  EXPECT_TRUE(Has(plan.status(), "programmes[2].planned_sessions:range"));
  EXPECT_TRUE(Has(plan.status(), "programmes[3].goal:length"));
  EXPECT_TRUE(Has(plan.status(), "programmes[3].planned_sessions:required"));
}

TEST(TreatmentPlanTest, GoalLengthCountsCharactersNotBytes) {
  // 500 Chinese characters are 1,500 bytes and still within the limit.
  std::string goal;
  for (int i = 0; i < 500; ++i) goal += "戒";
  EXPECT_TRUE(ReadTreatmentPlan({{"biofeedback", goal, 1}}).ok());
  EXPECT_FALSE(ReadTreatmentPlan({{"biofeedback", goal + "戒", 1}}).ok());
}

TEST(TreatmentSessionTest, DesensitisationWithReadingsIsValid) {
  auto s = ReadTreatmentSession(Desensitisation(), kWindow, kToday);
  ASSERT_TRUE(s.ok()) << s.status().detail();
  EXPECT_EQ(s->programme, Programme::kSystematicDesensitisation);
  EXPECT_EQ(s->stage, DesensitisationStage::kRelaxationTraining);
  EXPECT_EQ(s->vas_before, 70);
  EXPECT_EQ(s->vas_after, 45);
  EXPECT_DOUBLE_EQ(*s->rmssd, 31.5);
}

TEST(TreatmentSessionTest, DesensitisationReadingsAreOptional) {
  SessionSubmission in = Desensitisation();
  in.heart_rate.reset();
  in.rmssd.reset();
  in.skin_conductance.reset();
  EXPECT_TRUE(ReadTreatmentSession(in, kWindow, kToday).ok());
}

TEST(TreatmentSessionTest, StageIsRequiredForDesensitisationOnly) {
  SessionSubmission in = Desensitisation();
  in.stage.reset();
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"stage:required"});
  in.stage = "hypnosis";
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"stage:one_of"});
  SessionSubmission counselling = Desensitisation();
  counselling.programme = "psychological_counselling";
  counselling.heart_rate.reset();
  counselling.rmssd.reset();
  counselling.skin_conductance.reset();
  EXPECT_EQ(Errors(ReadTreatmentSession(counselling, kWindow, kToday).status()),
            std::vector<std::string>{"stage:not_applicable"});
  counselling.stage.reset();
  EXPECT_TRUE(ReadTreatmentSession(counselling, kWindow, kToday).ok());
}

TEST(TreatmentSessionTest, BiofeedbackNeedsAllThreeReadings) {
  SessionSubmission in = Biofeedback();
  EXPECT_TRUE(ReadTreatmentSession(in, kWindow, kToday).ok());
  in.heart_rate.reset();
  in.rmssd.reset();
  in.skin_conductance.reset();
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            (std::vector<std::string>{"heart_rate:required", "rmssd:required",
                                      "skin_conductance:required"}));
}

TEST(TreatmentSessionTest, ReadingsOutsidePlausibleRangesAreRefusedAtTheEdges) {
  SessionSubmission in = Biofeedback();
  in.heart_rate = 30;
  in.rmssd = 0;
  in.skin_conductance = 100;
  EXPECT_TRUE(ReadTreatmentSession(in, kWindow, kToday).ok());
  in.heart_rate = 29;
  in.rmssd = 300.5;
  in.skin_conductance = -0.1;
  EXPECT_EQ(
      Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
      (std::vector<std::string>{"heart_rate:range", "rmssd:range", "skin_conductance:range"}));
  in.heart_rate = 221;
  in.rmssd = 12;
  in.skin_conductance = 5;
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"heart_rate:range"});
}

TEST(TreatmentSessionTest, ReadingsAreNotApplicableToOtherProgrammes) {
  SessionSubmission in = Biofeedback();
  in.programme = "education_course";
  in.rmssd.reset();
  in.skin_conductance.reset();
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"heart_rate:not_applicable"});
}

TEST(TreatmentSessionTest, DateMustBeWithinTheEpisodeAndNotInTheFuture) {
  SessionSubmission in = Desensitisation();
  in.date = kToday.AddDays(1);
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"date:not_in_future"});
  in.date = kWindow.from.AddDays(-1);
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"date:within_episode"});
  in.date = kWindow.from;
  EXPECT_TRUE(ReadTreatmentSession(in, kWindow, kToday).ok());
  const EpisodeWindow closed{kWindow.from, D(2026, 3, 1)};
  in.date = D(2026, 3, 2);
  EXPECT_EQ(Errors(ReadTreatmentSession(in, closed, kToday).status()),
            std::vector<std::string>{"date:within_episode"});
  in.date.reset();
  EXPECT_EQ(Errors(ReadTreatmentSession(in, closed, kToday).status()),
            std::vector<std::string>{"date:required"});
}

TEST(TreatmentSessionTest, VasAndProgrammeAndNotesAreChecked) {
  SessionSubmission in = Desensitisation();
  in.programme = "";
  in.vas_before = -1;
  in.vas_after.reset();
  in.notes = std::string(2001, 'x');
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            (std::vector<std::string>{"programme:required", "vas_before:range",
                                      "vas_after:required", "notes:length"}));
  in.programme = "hypnosis";
  EXPECT_TRUE(Has(ReadTreatmentSession(in, kWindow, kToday).status(), "programme:one_of"));
  in = Desensitisation();
  in.vas_before = 0;
  in.vas_after = 100;
  EXPECT_TRUE(ReadTreatmentSession(in, kWindow, kToday).ok());
  in.vas_after = 101;
  EXPECT_EQ(Errors(ReadTreatmentSession(in, kWindow, kToday).status()),
            std::vector<std::string>{"vas_after:range"});
}

TEST(CravingAssessmentTest, VasAloneOrWithAQuestionnaire) {
  CravingAssessmentSubmission in{D(2026, 5, 1), 60, std::nullopt, std::nullopt, ""};
  auto a = ReadCravingAssessment(in, kWindow, kToday);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->instrument.has_value());
  in.instrument = "ddq";
  in.total = 13;
  EXPECT_TRUE(ReadCravingAssessment(in, kWindow, kToday).ok());
  in.total = 91;
  EXPECT_TRUE(ReadCravingAssessment(in, kWindow, kToday).ok());
}

TEST(CravingAssessmentTest, InstrumentAndTotalGoTogetherWithinTheInstrumentsRange) {
  CravingAssessmentSubmission in{D(2026, 5, 1), 60, "ddq", 92, ""};
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            std::vector<std::string>{"total:range"});
  in.total = 12;
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            std::vector<std::string>{"total:range"});
  in.total.reset();
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            std::vector<std::string>{"total:required"});
  in.instrument.reset();
  in.total = 40;
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            std::vector<std::string>{"instrument:required"});
  in.instrument = "bdi";
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            std::vector<std::string>{"instrument:one_of"});
}

TEST(CravingAssessmentTest, DateAndVasAreChecked) {
  CravingAssessmentSubmission in{std::nullopt, 101, std::nullopt, std::nullopt, ""};
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            (std::vector<std::string>{"date:required", "vas:range"}));
  in.date = D(2025, 8, 31);
  in.vas.reset();
  EXPECT_EQ(Errors(ReadCravingAssessment(in, kWindow, kToday).status()),
            (std::vector<std::string>{"date:within_episode", "vas:required"}));
}

TEST(PlanProgressTest, CountsSessionsPerPlannedProgrammeInPlanOrder) {
  const std::vector<PlannedProgramme> plan = {
      {Programme::kSystematicDesensitisation, "g", 4},
      {Programme::kBiofeedback, "g", 2},
      {Programme::kEducationCourse, "g", 10},
  };
  std::vector<TreatmentSession> sessions(5);
  sessions[0].programme = Programme::kSystematicDesensitisation;
  sessions[1].programme = Programme::kBiofeedback;
  sessions[2].programme = Programme::kBiofeedback;
  sessions[3].programme = Programme::kBiofeedback;
  sessions[4].programme = Programme::kTcmEmotionTherapy;  // not planned: not counted
  const auto progress = PlanProgress(plan, sessions);
  ASSERT_EQ(progress.size(), 3u);
  EXPECT_EQ(progress[0].done, 1);
  EXPECT_DOUBLE_EQ(progress[0].share(), 0.25);
  EXPECT_EQ(progress[1].done, 3);
  EXPECT_DOUBLE_EQ(progress[1].share(), 1.0);  // exceeded counts as complete
  EXPECT_EQ(progress[2].done, 0);
  EXPECT_DOUBLE_EQ(progress[2].share(), 0.0);
}

}  // namespace
}  // namespace huigui

namespace huigui::app {
namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

std::vector<std::pair<int64_t, CravingReading>> Readings(int64_t first, int64_t last, int from,
                                                         int to) {
  std::vector<std::pair<int64_t, CravingReading>> out;
  for (int64_t p = first; p <= last; ++p) {
    out.push_back({p, {D(2026, 1, 1), from}});
    out.push_back({p, {D(2026, 4, 1), to}});
  }
  return out;
}

TEST(ProgrammeSummaryTest, SmallCellsAreSuppressedAndZerosShown) {
  std::vector<store::ProgrammeAttendance> attendance;
  for (int64_t p = 1; p <= 5; ++p) attendance.push_back({p, Programme::kBiofeedback, 3});
  for (int64_t p = 1; p <= 4; ++p) attendance.push_back({p, Programme::kEducationCourse, 2});
  // Persons 1..3 have two readings: 3 assessed persons in biofeedback is a small cell.
  const auto rows = SummariseProgrammes(attendance, Readings(1, 3, 80, 30));
  ASSERT_EQ(rows.size(), kProgrammeCount);
  const auto& bio = rows[1];
  EXPECT_EQ(bio.programme, Programme::kBiofeedback);
  EXPECT_FALSE(bio.suppressed);
  EXPECT_EQ(bio.persons, 5);
  EXPECT_EQ(bio.sessions, 15);
  EXPECT_TRUE(bio.figures_suppressed);
  EXPECT_FALSE(bio.mean_change.has_value());
  const auto& education = rows[3];
  EXPECT_TRUE(education.suppressed);
  EXPECT_EQ(education.persons, 0);
  EXPECT_EQ(education.sessions, 0);
  const auto& tcm = rows[5];
  EXPECT_FALSE(tcm.suppressed);  // nobody: a zero reveals no one
  EXPECT_EQ(tcm.persons, 0);
}

TEST(ProgrammeSummaryTest, MeanChangeAndShareHalvedOverAssessedPersons) {
  std::vector<store::ProgrammeAttendance> attendance;
  for (int64_t p = 1; p <= 6; ++p) attendance.push_back({p, Programme::kBiofeedback, 1});
  auto readings = Readings(1, 4, 80, 30);    // -50, halved
  const auto more = Readings(5, 5, 60, 50);  // -10, not halved
  readings.insert(readings.end(), more.begin(), more.end());
  readings.push_back({6, {D(2026, 1, 1), 70}});  // one reading: not assessed
  const auto rows = SummariseProgrammes(attendance, readings);
  const auto& bio = rows[1];
  EXPECT_EQ(bio.persons, 6);
  EXPECT_EQ(bio.persons_assessed, 5);
  EXPECT_FALSE(bio.figures_suppressed);
  EXPECT_DOUBLE_EQ(*bio.mean_change, -42.0);
  EXPECT_DOUBLE_EQ(*bio.share_halved, 0.8);
}

}  // namespace
}  // namespace huigui::app
