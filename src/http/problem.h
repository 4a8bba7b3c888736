// The one table from Status codes to HTTP statuses, and problem+json (RFC 9457) bodies.
#pragma once

#include <string>

#include "domain/status.h"
#include "http/http_types.h"

namespace huigui::http {

int HttpStatusOf(Status::Code code);

// An application/problem+json response for a non-ok status.
HttpResponse Problem(const Status& status, const std::string& request_id);

}  // namespace huigui::http
