#include "domain/org_unit.h"

namespace huigui {

std::string ChildPath(std::string_view parent_path, std::string_view code) {
  std::string path = parent_path.empty() ? std::string("/") : std::string(parent_path);
  path += code;
  path += '/';
  return path;
}

bool InSubtree(std::string_view path, std::string_view scope_path) {
  return !scope_path.empty() && path.substr(0, scope_path.size()) == scope_path;
}

bool IsValidOrgCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 20) return false;
  for (char c : code) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace huigui
