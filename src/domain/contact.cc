#include "domain/contact.h"

#include "domain/person.h"

namespace huigui {

void ValidateContact(const Contact& c, Timestamp now, FieldErrors& errors) {
  if (c.at.unix_seconds() > now.unix_seconds() + kClockSkewSeconds) {
    errors.Add("at", "not_in_future", "must not be in the future");
  }
  const auto len = Utf8Length(c.note);
  if (!len) {
    errors.Add("note", "utf8", "must be valid UTF-8");
  } else if (*len > 2000) {
    errors.Add("note", "length", "must be at most 2000 characters");
  }
}

}  // namespace huigui
