// Episodes of care. This slice records them in a basic form; the legal clock (terms, deadlines,
// transitions) is the continuum's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/org_unit.h"
#include "domain/status.h"

namespace huigui {

enum class EpisodeKind {
  kCommunityDetox,       // 社区戒毒
  kCompulsoryIsolation,  // 强制隔离戒毒
  kCommunityRehab,       // 社区康复
  kVoluntary,            // 自愿戒毒
  kAftercare,            // 后续照管
};

inline constexpr EnumNames<EpisodeKind, 5> kEpisodeKindNames{{
    {EpisodeKind::kCommunityDetox, "community_detox"},
    {EpisodeKind::kCompulsoryIsolation, "compulsory_isolation"},
    {EpisodeKind::kCommunityRehab, "community_rehab"},
    {EpisodeKind::kVoluntary, "voluntary"},
    {EpisodeKind::kAftercare, "aftercare"},
}};

enum class EpisodeStatus { kOpen, kClosed };
inline constexpr EnumNames<EpisodeStatus, 2> kEpisodeStatusNames{
    {{EpisodeStatus::kOpen, "open"}, {EpisodeStatus::kClosed, "closed"}}};

struct Episode {
  int64_t id = 0;
  int64_t person_id = 0;
  EpisodeKind kind = EpisodeKind::kCommunityDetox;
  std::string org_code;
  Date start_date;
  std::optional<Date> planned_end_date;
  std::optional<Date> end_date;
  EpisodeStatus status = EpisodeStatus::kOpen;
  std::string decision_number;
};

// The statutory term in years of a kind, if it has one: 3 for community detox and community
// rehabilitation (the latter "at most 3"), 2 for compulsory isolation (禁毒法 §33, §41, §48).
std::optional<int> StatutoryTermYears(EpisodeKind kind);

// The planned end: the last day of the term, "from 13 May 2026 to 12 May 2028" as decision
// letters write it. Nullopt for kinds without a statutory term.
std::optional<Date> DefaultPlannedEnd(EpisodeKind kind, Date start);

// Which kind of org unit may run an episode of each kind: facilities run compulsory isolation
// and voluntary treatment, township or community offices run community detox and
// rehabilitation, aftercare stations, facilities and townships run aftercare.
bool CanRunEpisode(EpisodeKind episode, OrgUnitKind org);

// Field rules of a new episode. `today` is the local date.
void ValidateNewEpisode(const Episode& episode, Date today, FieldErrors& errors);

}  // namespace huigui
