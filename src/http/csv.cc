#include "http/csv.h"

#include <algorithm>
#include <map>
#include <utility>

namespace huigui::http {
namespace {

using json = nlohmann::json;

void Flatten(const json& value, const std::string& prefix,
             std::vector<std::pair<std::string, const json*>>& out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    }
    return;
  }
  out.emplace_back(prefix, &value);
}

std::string Field(const json* v) {
  if (v == nullptr || v->is_null()) return "";
  std::string text = v->is_string() ? v->get<std::string>() : v->dump();
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string CsvOfRows(const std::vector<json>& rows) {
  std::vector<std::vector<std::pair<std::string, const json*>>> flat(rows.size());
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Flatten(rows[r], "", flat[r]);
    for (const auto& [key, value] : flat[r]) {
      if (index.emplace(key, columns.size()).second) columns.push_back(key);
    }
  }
  // Identifying columns first (JSON objects keep their keys sorted, so order is otherwise
  // alphabetical).
  std::vector<std::string> ordered;
  for (const char* lead : {"group", "label", "org_unit", "name"}) {
    if (index.count(lead)) ordered.emplace_back(lead);
  }
  for (const auto& c : columns) {
    if (std::find(ordered.begin(), ordered.end(), c) == ordered.end()) ordered.push_back(c);
  }
  columns = std::move(ordered);
  for (std::size_t c = 0; c < columns.size(); ++c) index[columns[c]] = c;
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += ',';
    const json name = columns[c];
    out += Field(&name);
  }
  out += "\r\n";
  for (const auto& row : flat) {
    std::vector<const json*> cells(columns.size(), nullptr);
    for (const auto& [key, value] : row) cells[index.at(key)] = value;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += ',';
      out += Field(cells[c]);
    }
    out += "\r\n";
  }
  return out;
}

HttpResponse CsvResponse(std::string body, const std::string& filename) {
  HttpResponse r;
  r.status = 200;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace huigui::http
