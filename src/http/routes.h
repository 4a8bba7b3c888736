// The route table: every endpoint of the API, in one place (checked against openapi.json by
// tests/unit/openapi_routes_test.cc).
#pragma once

#include "http/handlers/handlers.h"
#include "http/router.h"

namespace huigui::http {

void RegisterRoutes(Router& router, Services& services);

// Method and pattern of every route, in table order.
std::vector<std::pair<std::string, std::string>> RouteList();

}  // namespace huigui::http
