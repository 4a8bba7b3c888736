#include "domain/episode.h"

namespace huigui {

std::optional<int> StatutoryTermYears(EpisodeKind kind) {
  switch (kind) {
    case EpisodeKind::kCommunityDetox:
    case EpisodeKind::kCommunityRehab:
      return 3;
    case EpisodeKind::kCompulsoryIsolation:
      return 2;
    case EpisodeKind::kVoluntary:
    case EpisodeKind::kAftercare:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Date> DefaultPlannedEnd(EpisodeKind kind, Date start) {
  const auto years = StatutoryTermYears(kind);
  if (!years) return std::nullopt;
  return start.AddYears(*years).AddDays(-1);
}

bool CanRunEpisode(EpisodeKind episode, OrgUnitKind org) {
  switch (episode) {
    case EpisodeKind::kCompulsoryIsolation:
    case EpisodeKind::kVoluntary:
      return org == OrgUnitKind::kFacility;
    case EpisodeKind::kCommunityDetox:
    case EpisodeKind::kCommunityRehab:
      return org == OrgUnitKind::kTownship || org == OrgUnitKind::kCommunity;
    case EpisodeKind::kAftercare:
      return org == OrgUnitKind::kAftercareStation || org == OrgUnitKind::kFacility ||
             org == OrgUnitKind::kTownship;
  }
  return false;
}

void ValidateNewEpisode(const Episode& e, Date today, FieldErrors& errors) {
  if (e.start_date > today) {
    errors.Add("start_date", "not_in_future", "must not be after today");
  }
  if (e.planned_end_date && *e.planned_end_date < e.start_date) {
    errors.Add("planned_end_date", "after_start", "must not be before start_date");
  }
  const auto years = StatutoryTermYears(e.kind);
  if (e.planned_end_date && years &&
      *e.planned_end_date > *DefaultPlannedEnd(e.kind, e.start_date)) {
    errors.Add("planned_end_date", "statutory_term",
               "exceeds the statutory term of " + std::to_string(*years) + " years");
  }
  if (e.decision_number.size() > 64) {
    errors.Add("decision_number", "length", "must be at most 64 characters");
  }
}

}  // namespace huigui
