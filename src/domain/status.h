// Status and Result: expected failures as values (the LevelDB / DuckDB error policy).
//
// Every fallible operation in the domain, store and app layers returns a Status or a
// Result<T>. Exceptions are reserved for programmer errors and for failures that abort the
// whole operation (lost database connection); the HTTP layer maps each Code to one HTTP status
// in a single table (src/http/problem.cc).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace huigui {

// One offending field of a request: which field, which rule it broke, and a message for people.
struct FieldError {
  std::string field;    // dotted path, e.g. "identity.id_number"
  std::string rule;     // machine-readable rule name, e.g. "gb11643_check_digit"
  std::string message;  // English explanation
};

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,       // input breaks a schema rule (400)
    kUnauthenticated,       // no valid session (401)
    kPermissionDenied,      // role may not do this at all (403)
    kCsrfRejected,          // cookie session without the right X-CSRF-Token (403)
    kNotFound,              // missing or outside scope: indistinguishable on purpose (404)
    kConflict,              // duplicate or stale version (409)
    kPayloadTooLarge,       // (413)
    kUnsupportedMedia,      // (415)
    kRuleViolation,         // a domain rule is broken (422)
    kLocked,                // account locked after failed logins (423)
    kPreconditionRequired,  // update without a version (428)
    kUnavailable,           // a dependency the request needs is missing or failed (503)
    kInternal,              // a bug (500)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string detail, std::vector<FieldError> errors = {}) {
    return Status(Code::kInvalidArgument, std::move(detail), std::move(errors));
  }
  static Status Invalid(std::string field, std::string rule, std::string message) {
    std::string detail = field + ": " + message;
    return Status(Code::kInvalidArgument, std::move(detail),
                  {FieldError{std::move(field), std::move(rule), std::move(message)}});
  }
  static Status Unauthenticated(std::string detail) {
    return Status(Code::kUnauthenticated, std::move(detail));
  }
  static Status PermissionDenied(std::string detail) {
    return Status(Code::kPermissionDenied, std::move(detail));
  }
  static Status CsrfRejected(std::string detail) {
    return Status(Code::kCsrfRejected, std::move(detail));
  }
  static Status NotFound(std::string detail) { return Status(Code::kNotFound, std::move(detail)); }
  static Status Conflict(std::string detail, std::vector<FieldError> errors = {}) {
    return Status(Code::kConflict, std::move(detail), std::move(errors));
  }
  static Status PayloadTooLarge(std::string detail) {
    return Status(Code::kPayloadTooLarge, std::move(detail));
  }
  static Status UnsupportedMedia(std::string detail) {
    return Status(Code::kUnsupportedMedia, std::move(detail));
  }
  static Status RuleViolation(std::string detail, std::vector<FieldError> errors = {}) {
    return Status(Code::kRuleViolation, std::move(detail), std::move(errors));
  }
  static Status Locked(std::string detail) { return Status(Code::kLocked, std::move(detail)); }
  static Status PreconditionRequired(std::string detail) {
    return Status(Code::kPreconditionRequired, std::move(detail));
  }
  static Status Unavailable(std::string detail) {
    return Status(Code::kUnavailable, std::move(detail));
  }
  static Status Internal(std::string detail) { return Status(Code::kInternal, std::move(detail)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  Status(Code code, std::string detail, std::vector<FieldError> errors = {})
      : code_(code), detail_(std::move(detail)), errors_(std::move(errors)) {}

  Code code_ = Code::kOk;
  std::string detail_;
  std::vector<FieldError> errors_;
};

// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// Collects field errors while validating a whole object, so one answer names every bad field.
class FieldErrors {
 public:
  void Add(std::string field, std::string rule, std::string message) {
    errors_.push_back({std::move(field), std::move(rule), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  // InvalidArgument naming every collected field, or Ok when none.
  Status ToStatus(Status::Code code = Status::Code::kInvalidArgument) const {
    if (errors_.empty()) return Status::Ok();
    std::string detail;
    for (const auto& e : errors_) {
      if (!detail.empty()) detail += "; ";
      detail += e.field + ": " + e.message;
    }
    if (code == Status::Code::kRuleViolation) return Status::RuleViolation(detail, errors_);
    return Status::InvalidArgument(detail, errors_);
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace huigui
