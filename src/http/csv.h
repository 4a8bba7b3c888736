// CSV export of indicator tables (issue 5 §3): rows given as JSON objects are flattened (nested
// objects become dotted column names, e.g. "testing.rate"), columns are the union of keys in the
// order first seen, null is an empty cell, and fields holding a comma, quote or line break are
// quoted (RFC 4180). The text starts with a UTF-8 byte order mark so spreadsheet programs read
// the Chinese names correctly. Identifying columns (group, label, org_unit, name) come first.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/http_types.h"

namespace huigui::http {

std::string CsvOfRows(const std::vector<nlohmann::json>& rows);

// A 200 text/csv answer offered for download as `filename`.
HttpResponse CsvResponse(std::string body, const std::string& filename);

}  // namespace huigui::http
