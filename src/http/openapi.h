// The OpenAPI 3.1 document (src/http/openapi.json), embedded at build time.
#pragma once

namespace huigui::http {

const char* OpenApiDocument();

}  // namespace huigui::http
