// In-facility treatment (issue 4 §3, domain.md §4): the individual treatment plan of a person in
// compulsory isolation, the sessions of its programmes, and craving assessments over time.
//
// The programmes are the ones the page names for Hubei's facilities: systematic desensitisation
// with biofeedback (系统脱敏, Shizishan: the chain "negative emotion → craving → relapse" broken by
// cue-induced craving → relaxation training → craving reduction), biofeedback (生物反馈),
// psychological counselling (心理咨询), education courses (教育课程), rehabilitation training
// (康复训练) and traditional-Chinese-medicine emotion therapy (中医情志疗法).
//
// Craving is measured on a VAS 0–100 (craving.h). A craving assessment may also carry a
// questionnaire total; the instruments and their ranges are the table kInstrumentRanges.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class Programme {
  kSystematicDesensitisation,  // 系统脱敏
  kBiofeedback,                // 生物反馈
  kPsychologicalCounselling,   // 心理咨询
  kEducationCourse,            // 教育课程
  kRehabilitationTraining,     // 康复训练
  kTcmEmotionTherapy,          // 中医情志疗法
};
inline constexpr std::size_t kProgrammeCount = 6;
inline constexpr EnumNames<Programme, kProgrammeCount> kProgrammeNames{{
    {Programme::kSystematicDesensitisation, "systematic_desensitisation"},
    {Programme::kBiofeedback, "biofeedback"},
    {Programme::kPsychologicalCounselling, "psychological_counselling"},
    {Programme::kEducationCourse, "education_course"},
    {Programme::kRehabilitationTraining, "rehabilitation_training"},
    {Programme::kTcmEmotionTherapy, "tcm_emotion_therapy"},
}};

// The stage a systematic desensitisation session reached (诱发渴求 → 放松训练 → 降低渴求).
enum class DesensitisationStage {
  kCueInducedCraving,   // 诱发渴求
  kRelaxationTraining,  // 放松训练
  kCravingReduction,    // 降低渴求
};
inline constexpr EnumNames<DesensitisationStage, 3> kDesensitisationStageNames{{
    {DesensitisationStage::kCueInducedCraving, "cue_induced_craving"},
    {DesensitisationStage::kRelaxationTraining, "relaxation_training"},
    {DesensitisationStage::kCravingReduction, "craving_reduction"},
}};

// Craving questionnaires with a documented total range. DDQ: Desires for Drug Questionnaire
// (Franken, Hendriks & van den Brink 2002, Addictive Behaviors 27:675–685), 13 items each rated
// 1–7, so a total of 13–91. Another instrument is one more row here.
struct InstrumentRange {
  std::string_view name;
  int min_total;
  int max_total;
};
inline constexpr std::array<InstrumentRange, 1> kInstrumentRanges{{
    {"ddq", 13, 91},
}};

// Limits of the plan and of a session's fields.
inline constexpr int kMaxPlannedSessions = 500;  // two years of daily sessions, with room
inline constexpr std::size_t kMaxGoalLength = 500;
inline constexpr std::size_t kMaxNotesLength = 2000;
// Plausible biofeedback readings (outside them the sensor or the typing is wrong).
inline constexpr int kHeartRateMin = 30, kHeartRateMax = 220;                // beats per minute
inline constexpr double kRmssdMin = 0, kRmssdMax = 300;                      // ms
inline constexpr double kSkinConductanceMin = 0, kSkinConductanceMax = 100;  // µS

// --- the plan ----------------------------------------------------------------------------------

struct ProgrammeSubmission {
  std::string programme;  // kProgrammeNames
  std::optional<std::string> goal;
  std::optional<int> planned_sessions;
};

struct PlannedProgramme {
  Programme programme = Programme::kSystematicDesensitisation;
  std::string goal;
  int planned_sessions = 0;
};

// Validates every programme and answers once (InvalidArgument), fields prefixed
// "programmes[i].": programmes [required] (at least one); programme [one_of, unique] (each at
// most once); goal [required, length] (1..500 characters); planned_sessions [required, range]
// (1..500). The plan keeps the order given.
Result<std::vector<PlannedProgramme>> ReadTreatmentPlan(
    const std::vector<ProgrammeSubmission>& programmes);

// --- sessions ----------------------------------------------------------------------------------

struct SessionSubmission {
  std::string programme;             // kProgrammeNames
  std::optional<std::string> stage;  // kDesensitisationStageNames
  std::optional<Date> date;
  std::optional<int> vas_before, vas_after;
  std::optional<int> heart_rate;
  std::optional<double> rmssd;
  std::optional<double> skin_conductance;
  std::string notes;
};

struct TreatmentSession {
  Programme programme = Programme::kSystematicDesensitisation;
  std::optional<DesensitisationStage> stage;
  Date date;
  int vas_before = 0;
  int vas_after = 0;
  std::optional<int> heart_rate;
  std::optional<double> rmssd;
  std::optional<double> skin_conductance;
  std::string notes;
};

// The days a session may fall on: from the episode's decision to its end (or today while open).
struct EpisodeWindow {
  Date from;
  std::optional<Date> until;
};

// Biofeedback readings are required (all three) for biofeedback sessions, allowed for systematic
// desensitisation (which uses the same equipment) and not_applicable for the other programmes.
bool ReadingsRequired(Programme programme);
bool ReadingsAllowed(Programme programme);

// Validates every field and answers once (InvalidArgument), naming each bad one:
// programme [required, one_of]; stage [required] for systematic desensitisation, [one_of],
// [not_applicable] for other programmes; date [required, not_in_future, within_episode];
// vas_before, vas_after [required, range] (0..100); heart_rate, rmssd, skin_conductance
// [required] for biofeedback, [range] (30–220 bpm, 0–300 ms, 0–100 µS), [not_applicable] for
// programmes without readings; notes [length] (at most 2000 characters).
Result<TreatmentSession> ReadTreatmentSession(const SessionSubmission& submission,
                                              const EpisodeWindow& window, Date today);

// --- craving assessments -----------------------------------------------------------------------

struct CravingAssessmentSubmission {
  std::optional<Date> date;
  std::optional<int> vas;
  std::optional<std::string> instrument;  // kInstrumentRanges; given together with total
  std::optional<int> total;
  std::string notes;
};

struct CravingAssessment {
  Date date;
  int vas = 0;
  std::optional<std::string> instrument;
  std::optional<int> total;
  std::string notes;
};

// date [required, not_in_future, within_episode]; vas [required, range]; instrument [one_of,
// required] (when total is given); total [required] (when instrument is given), [range] (the
// instrument's); notes [length].
Result<CravingAssessment> ReadCravingAssessment(const CravingAssessmentSubmission& submission,
                                                const EpisodeWindow& window, Date today);

// --- progress ----------------------------------------------------------------------------------

struct ProgrammeProgress {
  Programme programme = Programme::kSystematicDesensitisation;
  int planned = 0;
  int done = 0;
  // done / planned, capped at 1: a plan exceeded is complete.
  double share() const {
    if (planned <= 0) return 0;
    return done >= planned ? 1.0 : static_cast<double>(done) / planned;
  }
};

// Sessions done against the plan, per planned programme in plan order. Sessions of programmes
// no longer in the plan are not counted.
std::vector<ProgrammeProgress> PlanProgress(const std::vector<PlannedProgramme>& plan,
                                            const std::vector<TreatmentSession>& sessions);

}  // namespace huigui
