// Contacts with a person under care: calls, visits, peer education, crisis interventions.
#pragma once

#include <cstdint>
#include <string>

#include "domain/civil_time.h"
#include "domain/enum_names.h"
#include "domain/status.h"

namespace huigui {

enum class ContactKind {
  kPhone,
  kWechat,
  kHomeVisit,
  kOfficeVisit,
  kPeerEducation,       // 同伴教育
  kCrisisIntervention,  // 危机干预
  kCounselling,
  kWorkplaceVisit,  // 就业单位走访
  kJobHelp,         // 就业帮扶
};

inline constexpr EnumNames<ContactKind, 9> kContactKindNames{{
    {ContactKind::kPhone, "phone"},
    {ContactKind::kWechat, "wechat"},
    {ContactKind::kHomeVisit, "home_visit"},
    {ContactKind::kOfficeVisit, "office_visit"},
    {ContactKind::kPeerEducation, "peer_education"},
    {ContactKind::kCrisisIntervention, "crisis_intervention"},
    {ContactKind::kCounselling, "counselling"},
    {ContactKind::kWorkplaceVisit, "workplace_visit"},
    {ContactKind::kJobHelp, "job_help"},
}};

struct Contact {
  int64_t id = 0;
  int64_t person_id = 0;
  ContactKind kind = ContactKind::kPhone;
  Timestamp at;
  std::string note;
  std::string recorded_by;  // username
  std::string org_code;     // where it happened: the recorder's org unit
};

// An event may be recorded up to 10 minutes ahead of `now` (clock skew), never later.
inline constexpr int64_t kClockSkewSeconds = 600;

void ValidateContact(const Contact& contact, Timestamp now, FieldErrors& errors);

}  // namespace huigui
