// What every use case needs to know about the request it serves: who acts, when, and the
// request id that ties logs and audit rows together. The clock is read once, at the edge.
#pragma once

#include <optional>
#include <string>

#include "domain/actor.h"
#include "domain/civil_time.h"

namespace huigui::app {

struct RequestContext {
  std::string request_id;
  Timestamp now;
  std::optional<Actor> actor;

  Date today() const { return now.LocalDate(); }
};

// Reads the system clock (the one place the app layer does).
Timestamp SystemNow();

}  // namespace huigui::app
