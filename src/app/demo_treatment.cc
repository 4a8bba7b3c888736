#include "app/demo_treatment.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "app/continuum_service.h"
#include "domain/treatment.h"
#include "store/continuum_repository.h"
#include "store/org_unit_repository.h"
#include "store/treatment_repository.h"

namespace huigui::app {
namespace {

// The same portable shaping as demo_builder.cc: mt19937_64 is specified exactly, the standard
// distributions are not.
using Rng = std::mt19937_64;
int Uniform(Rng& rng, int lo, int hi) {
  const auto span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>(rng() % span);
}
bool Chance(Rng& rng, int percent) { return Uniform(rng, 0, 99) < percent; }
int ClampVas(int v) { return std::clamp(v, kVasMin, kVasMax); }

struct ProgrammeSeed {
  Programme programme;
  const char* goal;
  int planned;
  int interval_days;
};

// What each facility runs (the page: Shizishan's desensitisation with biofeedback, the women's
// facility's reading club and "beacon of hope", the juvenile facility's TCM emotion therapy).
std::vector<ProgrammeSeed> ProgrammesOf(std::string_view facility) {
  if (facility == "420000F01") {
    return {{Programme::kSystematicDesensitisation,
             "按“诱发渴求—放松训练—降低渴求”流程训练，渴求 VAS 降至基线一半以下", 24, 7},
            {Programme::kBiofeedback, "掌握放松反应：心率下降、心率变异性提升", 12, 14},
            {Programme::kPsychologicalCounselling, "识别负性情绪与高危情境，建立应对方式", 6, 28},
            {Programme::kEducationCourse, "完成禁毒法治与健康教育课程", 16, 14},
            {Programme::kRehabilitationTraining, "体能康复训练，恢复作息与体质", 36, 7}};
  }
  if (facility == "420000F02") {
    return {{Programme::kPsychologicalCounselling, "缓解抵触与焦虑情绪，修复家庭关系", 8, 21},
            {Programme::kEducationCourse, "参加“妈妈读书会”“希望灯塔”教育项目", 20, 14},
            {Programme::kBiofeedback, "学会放松训练，降低情绪性渴求", 10, 14},
            {Programme::kRehabilitationTraining, "康复训练与健康管理", 24, 7}};
  }
  if (facility == "420000F03") {
    return {{Programme::kTcmEmotionTherapy, "以中医情志理论调畅情志，身心整合疗愈", 16, 14},
            {Programme::kEducationCourse, "文化课与法治教育", 24, 7},
            {Programme::kPsychologicalCounselling, "青少年心理辅导，建立同伴支持", 8, 21},
            {Programme::kRehabilitationTraining, "体能与作息康复", 24, 7}};
  }
  return {{Programme::kEducationCourse, "禁毒法治与健康教育", 12, 14},
          {Programme::kRehabilitationTraining, "体能康复训练", 24, 7},
          {Programme::kPsychologicalCounselling, "心理咨询与情绪疏导", 6, 28}};
}

// A person's craving over the stay: from `baseline` on the plan day towards baseline × `floor`
// six months later, then flat.
struct Trajectory {
  int baseline = 80;
  double floor = 0.4;
  int At(int days, Rng& rng) const {
    const double progress = std::min(1.0, std::max(0, days) / 182.0);
    const double level = baseline * (1.0 - (1.0 - floor) * progress);
    return ClampVas(static_cast<int>(std::lround(level)) + Uniform(rng, -4, 4));
  }
};

const char* SessionNote(Programme p, std::optional<DesensitisationStage> stage) {
  switch (p) {
    case Programme::kSystematicDesensitisation:
      if (stage == DesensitisationStage::kCueInducedCraving)
        return "观看毒品相关线索视频，诱发渴求并记录生理反应";
      if (stage == DesensitisationStage::kRelaxationTraining)
        return "线索暴露后腹式呼吸与肌肉放松训练";
      return "渴求降低阶段：线索下保持放松，渴求明显回落";
    case Programme::kBiofeedback:
      return "生物反馈放松训练（心率、心率变异性、皮电）";
    case Programme::kPsychologicalCounselling:
      return "个别心理咨询";
    case Programme::kEducationCourse:
      return "教育课程";
    case Programme::kRehabilitationTraining:
      return "康复训练";
    case Programme::kTcmEmotionTherapy:
      return "中医情志疗法：五音调神、情志相胜";
  }
  return "";
}

class TreatmentDemo {
 public:
  TreatmentDemo(soci::session& sql, const TreatmentDemoInput& input)
      : input_(input),
        today_(input.now.LocalDate()),
        rng_(input.seed * 0x9E3779B97F4A7C15ULL + 4),
        continuum_(sql),
        orgs_(sql),
        repo_(sql) {}

  Result<TreatmentDemoSummary> Build() {
    for (const auto& e : continuum_.OpenEpisodesInScope("/")) {
      if (e.kind != EpisodeKind::kCompulsoryIsolation || e.org_kind != OrgUnitKind::kFacility) {
        continue;
      }
      const ClockState clock = EpisodeClock(continuum_, e, today_);
      if (clock.state != EpisodeState::kInFacility) continue;
      std::optional<Date> admitted;
      for (const auto& a : continuum_.Actions(e.id)) {
        if (a.record.action == EpisodeAction::kAdmit) admitted = a.record.date;
      }
      if (!admitted) continue;
      auto facility = orgs_.FindByCode(e.org_code);
      if (!facility) continue;
      if (input_.yan_liang_episode == e.id) {
        if (Status s = YanLiang(e, facility->id); !s.ok()) return s;
      } else if (Status s = Person(e, facility->id, *admitted); !s.ok()) {
        return s;
      }
    }
    return summary_;
  }

 private:
  // Writes the plan; the API's rules first (the demo never stores what the API would refuse).
  Status Plan(const store::EpisodeRow& e, const std::vector<ProgrammeSeed>& seeds, Date day) {
    std::vector<ProgrammeSubmission> in;
    for (const auto& s : seeds)
      in.push_back({std::string(NameOf(kProgrammeNames, s.programme)), s.goal, s.planned});
    auto plan = ReadTreatmentPlan(in);
    if (!plan.ok())
      return Status::Internal("demo built an invalid plan: " + plan.status().detail());
    const std::string officer = input_.officer(e.org_code);
    repo_.PutPlan(e.id, e.person_id, *plan, officer, At(day));
    ++summary_.plans;
    return Status::Ok();
  }

  Status Session(const store::EpisodeRow& e, int64_t facility_id, SessionSubmission in) {
    auto session = ReadTreatmentSession(in, EpisodeWindow{e.start_date, std::nullopt}, today_);
    if (!session.ok()) {
      return Status::Internal("demo built an invalid session: " + session.status().detail());
    }
    store::TreatmentSessionRow row;
    row.episode_id = e.id;
    row.person_id = e.person_id;
    row.session = *session;
    row.officer = input_.officer(e.org_code);
    row.recorded_by = row.officer;
    repo_.InsertSession(row, facility_id, At(session->date));
    ++summary_.sessions;
    return Status::Ok();
  }

  Status Assessment(const store::EpisodeRow& e, int64_t facility_id, Date day, int vas) {
    // DDQ total (13 items × 1–7) roughly tracking the VAS.
    const int ddq =
        std::clamp(13 + static_cast<int>(std::lround(vas * 0.78)) + Uniform(rng_, -4, 4), 13, 91);
    CravingAssessmentSubmission in{day, vas, std::string("ddq"), ddq, ""};
    auto a = ReadCravingAssessment(in, EpisodeWindow{e.start_date, std::nullopt}, today_);
    if (!a.ok())
      return Status::Internal("demo built an invalid assessment: " + a.status().detail());
    store::CravingAssessmentRow row;
    row.person_id = e.person_id;
    row.episode_id = e.id;
    row.assessment = *a;
    row.recorded_by = input_.officer(e.org_code);
    repo_.InsertCravingAssessment(row, facility_id, At(day));
    ++summary_.craving_assessments;
    return Status::Ok();
  }

  SessionSubmission Reading(Programme p, Date day, int level, int index, int planned) {
    SessionSubmission in;
    in.programme = std::string(NameOf(kProgrammeNames, p));
    in.date = day;
    std::optional<DesensitisationStage> stage;
    int before = level, drop = Uniform(rng_, 0, 6);
    if (p == Programme::kSystematicDesensitisation) {
      // The stage reached moves on over the plan: a third each.
      stage = index * 3 < planned       ? DesensitisationStage::kCueInducedCraving
              : index * 3 < 2 * planned ? DesensitisationStage::kRelaxationTraining
                                        : DesensitisationStage::kCravingReduction;
      in.stage = std::string(NameOf(kDesensitisationStageNames, *stage));
      before = level + Uniform(rng_, 5, 12);  // cues raise craving on purpose
      drop = Uniform(rng_, 10, 22);
    } else if (p == Programme::kBiofeedback) {
      drop = Uniform(rng_, 5, 14);
    }
    in.vas_before = ClampVas(before);
    in.vas_after = ClampVas(before - drop);
    if (ReadingsAllowed(p)) {
      in.heart_rate = Uniform(rng_, 68, 96) - index / 3;
      in.rmssd = Uniform(rng_, 180, 420) / 10.0 + index * 0.4;
      in.skin_conductance = Uniform(rng_, 30, 120) / 10.0;
    }
    in.notes = SessionNote(p, stage);
    return in;
  }

  Status Person(const store::EpisodeRow& e, int64_t facility_id, Date admitted) {
    const Date plan_day = admitted.AddDays(Uniform(rng_, 25, 35));  // after physiological detox
    if (plan_day > today_) return Status::Ok();
    const auto seeds = ProgrammesOf(e.org_code);
    if (Status s = Plan(e, seeds, plan_day); !s.ok()) return s;
    // Most people's craving falls by half or more; about one in five hardly moves.
    Trajectory t;
    t.baseline = Uniform(rng_, 58, 92);
    t.floor = Chance(rng_, 80) ? Uniform(rng_, 20, 48) / 100.0 : Uniform(rng_, 75, 100) / 100.0;
    for (const auto& seed : seeds) {
      Date day = plan_day.AddDays(Uniform(rng_, 1, seed.interval_days));
      for (int i = 0; i < seed.planned && day <= today_; ++i) {
        const int level = t.At(day - plan_day, rng_);
        if (Status s =
                Session(e, facility_id, Reading(seed.programme, day, level, i, seed.planned));
            !s.ok()) {
          return s;
        }
        day = day.AddDays(seed.interval_days + Uniform(rng_, -1, 1));
      }
    }
    for (Date day = plan_day; day <= today_; day = day.AddDays(28 + Uniform(rng_, -3, 3))) {
      if (Status s = Assessment(e, facility_id, day, t.At(day - plan_day, rng_)); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // 严良: the page's six months of desensitisation, session by session as his contacts tell it,
  // assessed every four weeks from a baseline of 85 (his contacts' baseline) to clearly lower.
  Status YanLiang(const store::EpisodeRow& e, int64_t facility_id) {
    const Date plan_day = input_.yan_liang_plan_day;
    if (plan_day > today_) return Status::Ok();
    const std::vector<ProgrammeSeed> seeds = {
        {Programme::kSystematicDesensitisation,
         "个性化系统脱敏计划（半年）：诱发渴求—放松训练—降低渴求，渴求明显下降",
         static_cast<int>(input_.yan_liang_sessions.size()), 7},
        {Programme::kPsychologicalCounselling, "打破“负性情绪—渴求—复吸”链条，建立高危情境应对方式",
         6, 28},
    };
    if (Status s = Plan(e, seeds, plan_day); !s.ok()) return s;
    const int planned = static_cast<int>(input_.yan_liang_sessions.size());
    for (int i = 0; i < planned; ++i) {
      const auto& page = input_.yan_liang_sessions[i];
      if (page.date > today_) break;
      SessionSubmission in =
          Reading(Programme::kSystematicDesensitisation, page.date, 0, i, planned);
      in.vas_before = ClampVas(page.vas_before);
      in.vas_after = ClampVas(page.vas_after);
      in.heart_rate = page.heart_rate;
      in.skin_conductance = page.skin_conductance;
      in.notes =
          "系统脱敏第" + std::to_string(i + 1) + "次（生物反馈）：诱发渴求→放松训练→降低渴求";
      if (Status s = Session(e, facility_id, in); !s.ok()) return s;
    }
    Date day = plan_day.AddDays(14);
    for (int i = 0; i < 6 && day <= today_; ++i, day = day.AddDays(28)) {
      const int level = 70 - 6 * i + Uniform(rng_, -3, 3);
      SessionSubmission in = Reading(Programme::kPsychologicalCounselling, day, level, i, 6);
      if (Status s = Session(e, facility_id, in); !s.ok()) return s;
    }
    Trajectory t{85, 0.38};
    for (Date d = plan_day; d <= today_; d = d.AddDays(28)) {
      const int vas = d == plan_day ? 85 : t.At(d - plan_day, rng_);
      if (Status s = Assessment(e, facility_id, d, vas); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // Noon (UTC+8) of `day`, never after now.
  Timestamp At(Date day) const {
    return std::min(Timestamp::FromUnixSeconds(int64_t{day.days()} * 86400 + 4 * 3600), input_.now);
  }

  const TreatmentDemoInput& input_;
  const Date today_;
  Rng rng_;
  store::ContinuumRepository continuum_;
  store::OrgUnitRepository orgs_;
  store::TreatmentRepository repo_;
  TreatmentDemoSummary summary_;
};

}  // namespace

Result<TreatmentDemoSummary> BuildTreatmentDemo(soci::session& sql,
                                                const TreatmentDemoInput& input) {
  return TreatmentDemo(sql, input).Build();
}

}  // namespace huigui::app
