#include "app/request_context.h"

#include <chrono>

namespace huigui::app {

Timestamp SystemNow() {
  const auto d = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromUnixSeconds(std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

}  // namespace huigui::app
