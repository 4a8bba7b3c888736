#include "domain/person.h"

#include "domain/resident_id.h"

namespace huigui {

std::optional<std::size_t> Utf8Length(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    // The lead byte tells the length of a UTF-8 sequence.
    std::size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c >> 5) == 0x6) {
      len = 2;
    } else if ((c >> 4) == 0xE) {
      len = 3;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
    } else {
      return std::nullopt;
    }
    if (i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

namespace {

void CheckText(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
               FieldErrors& errors) {
  const auto len = Utf8Length(value);
  if (!len) {
    errors.Add(field, "utf8", "must be valid UTF-8");
  } else if (*len < min || *len > max) {
    errors.Add(field, "length",
               "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters");
  }
}

}  // namespace

void ValidatePerson(const Person& p, Date today, FieldErrors& errors) {
  CheckText("alias", p.alias, 1, 32, errors);
  if (p.birth_year < 1900 || p.birth_year > today.year()) {
    errors.Add("birth_year", "range", "must be between 1900 and " + std::to_string(today.year()));
  }
  CheckText("primary_substance", p.primary_substance, 1, 64, errors);
  if (p.registration_date > today) {
    errors.Add("registration_date", "not_in_future", "must not be after today");
  }
}

void ValidateIdentity(const Identity& id, FieldErrors& errors) {
  CheckText("identity.name", id.name, 1, 64, errors);
  switch (ValidateResidentId(id.id_number)) {
    case ResidentIdError::kNone:
      break;
    case ResidentIdError::kLength:
      errors.Add("identity.id_number", "length", "must be 18 characters");
      break;
    case ResidentIdError::kDigits:
      errors.Add("identity.id_number", "format", "must be 17 digits and a digit or X");
      break;
    case ResidentIdError::kBirthDate:
      errors.Add("identity.id_number", "birth_date", "positions 7-14 must be a real date");
      break;
    case ResidentIdError::kCheckDigit:
      errors.Add("identity.id_number", "gb11643_check_digit",
                 "check digit does not match (GB 11643)");
      break;
  }
  bool phone_ok = id.phone.size() >= 5 && id.phone.size() <= 20;
  for (char c : id.phone) {
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-')) phone_ok = false;
  }
  if (!id.phone.empty() && !phone_ok) {
    errors.Add("identity.phone", "format", "must be 5-20 digits, '+' or '-'");
  }
  CheckText("identity.address", id.address, 0, 200, errors);
}

}  // namespace huigui
