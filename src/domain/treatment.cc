#include "domain/treatment.h"

#include <set>

#include "domain/craving.h"
#include "domain/person.h"

namespace huigui {
namespace {

void CheckLength(const std::string& text, std::size_t min, std::size_t max,
                 const std::string& field, FieldErrors& errors) {
  const auto length = Utf8Length(text);
  if (!length || *length < min || *length > max) {
    errors.Add(field, "length",
               "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters");
  }
}

void CheckDate(const std::optional<Date>& date, const EpisodeWindow& window, Date today,
               FieldErrors& errors) {
  if (!date) {
    errors.Add("date", "required", "must be given");
  } else if (*date > today) {
    errors.Add("date", "not_in_future", "must not be after today");
  } else if (*date < window.from || (window.until && *date > *window.until)) {
    errors.Add("date", "within_episode",
               "must be from " + window.from.ToString() + " to " +
                   (window.until ? window.until->ToString() : std::string("today")));
  }
}

void CheckVas(const std::optional<int>& vas, const std::string& field, FieldErrors& errors) {
  if (!vas) {
    errors.Add(field, "required", "must be given");
  } else if (*vas < kVasMin || *vas > kVasMax) {
    errors.Add(field, "range", "must be 0 to 100");
  }
}

template <typename T>
void CheckReading(const std::optional<T>& value, Programme programme, T min, T max,
                  const std::string& field, const std::string& unit, FieldErrors& errors) {
  if (!value) {
    if (ReadingsRequired(programme)) {
      errors.Add(field, "required", "must be given for a biofeedback session");
    }
    return;
  }
  if (!ReadingsAllowed(programme)) {
    errors.Add(field, "not_applicable",
               "is recorded only for biofeedback and systematic desensitisation");
  } else if (*value < min || *value > max) {
    errors.Add(field, "range",
               "must be " + std::to_string(static_cast<int>(min)) + " to " +
                   std::to_string(static_cast<int>(max)) + " " + unit);
  }
}

}  // namespace

Result<std::vector<PlannedProgramme>> ReadTreatmentPlan(
    const std::vector<ProgrammeSubmission>& programmes) {
  FieldErrors errors;
  if (programmes.empty()) errors.Add("programmes", "required", "at least one programme");
  std::vector<PlannedProgramme> plan;
  std::set<Programme> seen;
  for (std::size_t i = 0; i < programmes.size(); ++i) {
    const ProgrammeSubmission& in = programmes[i];
    const std::string prefix = "programmes[" + std::to_string(i) + "].";
    PlannedProgramme p;
    const auto programme = ParseName(kProgrammeNames, in.programme);
    if (!programme) {
      errors.Add(prefix + "programme", "one_of",
                 "must be one of: " + AllowedNames(kProgrammeNames));
    } else if (!seen.insert(*programme).second) {
      errors.Add(prefix + "programme", "unique", "is already in the plan");
    } else {
      p.programme = *programme;
    }
    if (!in.goal) {
      errors.Add(prefix + "goal", "required", "must be given");
    } else {
      CheckLength(*in.goal, 1, kMaxGoalLength, prefix + "goal", errors);
      p.goal = *in.goal;
    }
    if (!in.planned_sessions) {
      errors.Add(prefix + "planned_sessions", "required", "must be given");
    } else if (*in.planned_sessions < 1 || *in.planned_sessions > kMaxPlannedSessions) {
      errors.Add(prefix + "planned_sessions", "range", "must be 1 to 500");
    } else {
      p.planned_sessions = *in.planned_sessions;
    }
    plan.push_back(std::move(p));
  }
  if (!errors.empty()) return errors.ToStatus();
  return plan;
}

bool ReadingsRequired(Programme programme) { return programme == Programme::kBiofeedback; }

bool ReadingsAllowed(Programme programme) {
  return programme == Programme::kBiofeedback || programme == Programme::kSystematicDesensitisation;
}

Result<TreatmentSession> ReadTreatmentSession(const SessionSubmission& in,
                                              const EpisodeWindow& window, Date today) {
  FieldErrors errors;
  TreatmentSession s;
  const auto programme = ParseName(kProgrammeNames, in.programme);
  if (in.programme.empty()) {
    errors.Add("programme", "required", "must be given");
  } else if (!programme) {
    errors.Add("programme", "one_of", "must be one of: " + AllowedNames(kProgrammeNames));
  }
  if (programme) {
    s.programme = *programme;
    const bool desensitisation = *programme == Programme::kSystematicDesensitisation;
    if (in.stage && !desensitisation) {
      errors.Add("stage", "not_applicable", "is recorded only for systematic desensitisation");
    } else if (!in.stage && desensitisation) {
      errors.Add("stage", "required", "must be given for systematic desensitisation");
    } else if (in.stage) {
      s.stage = ParseName(kDesensitisationStageNames, *in.stage);
      if (!s.stage) {
        errors.Add("stage", "one_of",
                   "must be one of: " + AllowedNames(kDesensitisationStageNames));
      }
    }
    CheckReading(in.heart_rate, *programme, kHeartRateMin, kHeartRateMax, "heart_rate", "bpm",
                 errors);
    CheckReading(in.rmssd, *programme, kRmssdMin, kRmssdMax, "rmssd", "ms", errors);
    CheckReading(in.skin_conductance, *programme, kSkinConductanceMin, kSkinConductanceMax,
                 "skin_conductance", "µS", errors);
  }
  CheckDate(in.date, window, today, errors);
  CheckVas(in.vas_before, "vas_before", errors);
  CheckVas(in.vas_after, "vas_after", errors);
  CheckLength(in.notes, 0, kMaxNotesLength, "notes", errors);
  if (!errors.empty()) return errors.ToStatus();
  s.date = *in.date;
  s.vas_before = *in.vas_before;
  s.vas_after = *in.vas_after;
  s.heart_rate = in.heart_rate;
  s.rmssd = in.rmssd;
  s.skin_conductance = in.skin_conductance;
  s.notes = in.notes;
  return s;
}

Result<CravingAssessment> ReadCravingAssessment(const CravingAssessmentSubmission& in,
                                                const EpisodeWindow& window, Date today) {
  FieldErrors errors;
  CheckDate(in.date, window, today, errors);
  CheckVas(in.vas, "vas", errors);
  if (in.instrument || in.total) {
    const InstrumentRange* range = nullptr;
    for (const auto& r : kInstrumentRanges) {
      if (in.instrument && r.name == *in.instrument) range = &r;
    }
    std::string names;
    for (const auto& r : kInstrumentRanges)
      names += (names.empty() ? "" : ", ") + std::string(r.name);
    if (!in.instrument) {
      errors.Add("instrument", "required", "must be given with a questionnaire total");
    } else if (!range) {
      errors.Add("instrument", "one_of", "must be one of: " + names);
    }
    if (!in.total) {
      errors.Add("total", "required", "must be given with the instrument");
    } else if (range && (*in.total < range->min_total || *in.total > range->max_total)) {
      errors.Add("total", "range",
                 "must be " + std::to_string(range->min_total) + " to " +
                     std::to_string(range->max_total) + " for " + std::string(range->name));
    }
  }
  CheckLength(in.notes, 0, kMaxNotesLength, "notes", errors);
  if (!errors.empty()) return errors.ToStatus();
  return CravingAssessment{*in.date, *in.vas, in.instrument, in.total, in.notes};
}

std::vector<ProgrammeProgress> PlanProgress(const std::vector<PlannedProgramme>& plan,
                                            const std::vector<TreatmentSession>& sessions) {
  std::vector<ProgrammeProgress> out;
  for (const auto& p : plan) {
    ProgrammeProgress progress{p.programme, p.planned_sessions, 0};
    for (const auto& s : sessions) {
      if (s.programme == p.programme) ++progress.done;
    }
    out.push_back(progress);
  }
  return out;
}

}  // namespace huigui
