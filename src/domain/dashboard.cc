#include "domain/dashboard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

namespace huigui {
namespace {

constexpr double kRelativeTolerance = 1e-9;

class Differ {
 public:
  explicit Differ(std::vector<std::string>& out) : out_(out) {}

  void Text(const std::string& what, const std::string& a, const std::string& b) {
    if (a != b) out_.push_back(what + ": \"" + a + "\" vs \"" + b + "\"");
  }
  void Int(const std::string& what, int a, int b) {
    if (a != b) out_.push_back(what + ": " + std::to_string(a) + " vs " + std::to_string(b));
  }
  void Real(const std::string& what, double a, double b) {
    if (a == b) return;
    const double scale = std::max(std::abs(a), std::abs(b));
    if (std::abs(a - b) <= kRelativeTolerance * scale) return;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g vs %.17g", a, b);
    out_.push_back(what + ": " + buf);
  }
  void Order(const std::string& what) { out_.push_back(what + ": in another order"); }
  void Missing(const std::string& what, bool in_a) {
    out_.push_back(what + (in_a ? ": only in the first" : ": only in the second"));
  }

 private:
  std::vector<std::string>& out_;
};

void DiffUnit(Differ& d, const std::string& at, const UnitFigures& a, const UnitFigures& b) {
  d.Text(at + ".code", a.code, b.code);
  d.Text(at + ".name", a.name, b.name);
  d.Int(at + ".current_users", a.current_users, b.current_users);
  d.Int(at + ".released", a.released, b.released);
  d.Int(at + ".reached", a.reached, b.reached);
  d.Int(at + ".abstinent", a.abstinent, b.abstinent);
  d.Int(at + ".three_years_eligible", a.three_years_eligible, b.three_years_eligible);
  d.Int(at + ".three_years_abstinent", a.three_years_abstinent, b.three_years_abstinent);
  d.Int(at + ".under_measures", a.under_measures, b.under_measures);
  d.Int(at + ".tested", a.tested, b.tested);
  d.Int(at + ".lost_contact", a.lost_contact, b.lost_contact);
  d.Int(at + ".handovers_due", a.handovers_due, b.handovers_due);
  d.Int(at + ".handovers_on_time", a.handovers_on_time, b.handovers_on_time);
  d.Int(at + ".aftercare_persons", a.aftercare_persons, b.aftercare_persons);
  d.Int(at + ".aftercare_contacts", a.aftercare_contacts, b.aftercare_contacts);
  std::set<std::string> kinds;
  for (const auto& [k, v] : a.aftercare_by_kind) kinds.insert(k);
  for (const auto& [k, v] : b.aftercare_by_kind) kinds.insert(k);
  for (const auto& k : kinds) {
    const auto ia = a.aftercare_by_kind.find(k);
    const auto ib = b.aftercare_by_kind.find(k);
    std::string what = at;
    what.append(".aftercare_by_kind[").append(k).append("]");
    d.Int(what, ia == a.aftercare_by_kind.end() ? 0 : ia->second,
          ib == b.aftercare_by_kind.end() ? 0 : ib->second);
  }
  d.Int(at + ".admissions", a.admissions, b.admissions);
  d.Int(at + ".releases", a.releases, b.releases);
  d.Int(at + ".beds", a.beds, b.beds);
  d.Int(at + ".occupied", a.occupied, b.occupied);
}

void DiffMonth(Differ& d, const std::string& at, const MonthFigures& a, const MonthFigures& b) {
  d.Int(at + ".under_measures", a.under_measures, b.under_measures);
  d.Int(at + ".tested", a.tested, b.tested);
  d.Int(at + ".lost_contact", a.lost_contact, b.lost_contact);
  d.Int(at + ".admissions", a.admissions, b.admissions);
  d.Int(at + ".releases", a.releases, b.releases);
}

void DiffSurvival(Differ& d, const std::string& at, const SurvivalFigures& a,
                  const SurvivalFigures& b) {
  d.Int(at + ".n", a.n, b.n);
  d.Int(at + ".events", a.events, b.events);
  d.Real(at + ".at_1y", a.at_1y, b.at_1y);
  d.Real(at + ".at_2y", a.at_2y, b.at_2y);
  d.Real(at + ".at_3y", a.at_3y, b.at_3y);
}

// Matches the items of two lists by key (in the first list's order, then the second's extras).
template <typename T>
void DiffByKey(Differ& d, const std::string& name, const std::vector<T>& a, const std::vector<T>& b,
               const std::function<std::string(const T&)>& key,
               const std::function<void(Differ&, const std::string&, const T&, const T&)>& diff) {
  std::set<std::string> seen;
  for (const T& x : a) {
    const std::string k = key(x);
    seen.insert(k);
    std::string at = name;
    at.append("[").append(k).append("]");
    const auto it = std::find_if(b.begin(), b.end(), [&](const T& y) { return key(y) == k; });
    if (it == b.end()) {
      d.Missing(at, true);
    } else {
      diff(d, at, x, *it);
    }
  }
  std::set<std::string> in_b;
  for (const T& y : b) {
    in_b.insert(key(y));
    if (!seen.count(key(y))) {
      std::string at = name;
      at.append("[").append(key(y)).append("]");
      d.Missing(at, false);
    }
  }
  // The same items in another order.
  std::vector<std::string> order_a, order_b;
  for (const T& x : a) {
    if (in_b.count(key(x))) order_a.push_back(key(x));
  }
  for (const T& y : b) {
    if (seen.count(key(y))) order_b.push_back(key(y));
  }
  if (order_a != order_b) d.Order(name);
}

std::string MonthName(const MonthFigures& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
  return buf;
}

}  // namespace

std::vector<std::string> DiffFigures(const DashboardFigures& a, const DashboardFigures& b) {
  std::vector<std::string> out;
  Differ d(out);
  d.Text("org_unit", a.org_unit, b.org_unit);
  d.Text("from", a.from.ToString(), b.from.ToString());
  d.Text("to", a.to.ToString(), b.to.ToString());
  d.Text("as_of", a.as_of.ToString(), b.as_of.ToString());
  DiffUnit(d, "total", a.total, b.total);
  DiffByKey<UnitFigures>(
      d, "children", a.children, b.children, [](const UnitFigures& u) { return u.code; }, DiffUnit);
  DiffByKey<MonthFigures>(d, "trend", a.trend, b.trend, MonthName, DiffMonth);
  DiffByKey<SurvivalFigures>(
      d, "survival", a.survival, b.survival, [](const SurvivalFigures& s) { return s.group; },
      DiffSurvival);
  return out;
}

}  // namespace huigui
