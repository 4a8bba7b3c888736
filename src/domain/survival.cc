#include "domain/survival.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstddef>
#include <map>
#include <utility>

namespace huigui {
namespace {

// .Machine$double.eps^0.5, the tolerance of survmean's median rule.
constexpr double kMedianTolerance = 1.4901161193847656e-08;
// A pivot this small relative to the matrix is taken as singular (R's solve() refuses matrices
// whose reciprocal condition number is below .Machine$double.eps).
constexpr double kSingularPivot = 1e-12;

struct Person {
  int days = 0;
  bool relapsed = false;
};

// Kaplan–Meier curve of one group: one point per relapse time, as the header defines it.
std::vector<SurvivalPoint> KaplanMeier(std::vector<Person> persons) {
  std::sort(persons.begin(), persons.end(),
            [](const Person& a, const Person& b) { return a.days < b.days; });
  std::vector<SurvivalPoint> curve;
  auto at_risk = static_cast<int>(persons.size());
  double surv = 1;
  double greenwood = 0;  // sum of d / (n (n - d))
  int censored_since_last_row = 0;
  for (std::size_t i = 0; i < persons.size();) {
    const int t = persons[i].days;
    int events = 0;
    int censored = 0;
    for (; i < persons.size() && persons[i].days == t; ++i) {
      if (persons[i].relapsed) {
        ++events;
      } else {
        ++censored;
      }
    }
    censored_since_last_row += censored;
    if (events > 0) {
      SurvivalPoint p;
      p.t = t;
      p.at_risk = at_risk;
      p.events = events;
      p.censored = censored_since_last_row;
      censored_since_last_row = 0;
      const double n = at_risk;
      const double d = events;
      surv *= (n - d) / n;
      p.surv = surv;
      if (events < at_risk) {
        greenwood += d / (n * (n - d));
        const double se_log = std::sqrt(greenwood);
        p.se = surv * se_log;
        p.lower = surv * std::exp(-kNormalQuantile975 * se_log);
        p.upper = std::min(1.0, surv * std::exp(kNormalQuantile975 * se_log));
      }
      curve.push_back(p);
    }
    at_risk -= events + censored;
  }
  return curve;
}

SurvivalAtHorizon AtHorizon(const std::vector<Person>& persons,
                            const std::vector<SurvivalPoint>& curve, int t) {
  SurvivalAtHorizon h;
  h.t = t;
  const bool observed_until_t =
      std::any_of(persons.begin(), persons.end(), [t](const Person& p) { return p.days >= t; });
  if (!observed_until_t) return h;
  h.reported = true;
  h.at_risk = static_cast<int>(
      std::count_if(persons.begin(), persons.end(), [t](const Person& p) { return p.days >= t; }));
  const auto after = std::upper_bound(curve.begin(), curve.end(), t,
                                      [](int x, const SurvivalPoint& p) { return x < p.t; });
  if (after == curve.begin()) {
    h.surv = 1;
    h.se = 0;
    h.lower = 1;
    h.upper = 1;
    return h;
  }
  const SurvivalPoint& p = *(after - 1);
  h.surv = p.surv;
  h.se = p.se;
  h.lower = p.lower;
  h.upper = p.upper;
  return h;
}

void SetMedian(GroupSurvival& g) {
  std::vector<int> times;
  std::vector<std::optional<double>> surv;
  std::vector<std::optional<double>> lower;
  std::vector<std::optional<double>> upper;
  for (const SurvivalPoint& p : g.curve) {
    times.push_back(p.t);
    surv.emplace_back(p.surv);
    lower.push_back(p.lower);
    upper.push_back(p.upper);
  }
  g.median = MedianOfCurve(times, surv);
  // The lower limit curve comes down to one half first: it gives the median's lower limit.
  g.median_lower = MedianOfCurve(times, lower);
  g.median_upper = MedianOfCurve(times, upper);
}

// Solves a x = b in place by Gaussian elimination with partial pivoting (LAPACK's dgesv, which
// R's solve() calls, does the same). False when a is singular.
bool Solve(std::vector<std::vector<double>> a, std::vector<double>& b) {
  const std::size_t m = b.size();
  double scale = 0;
  for (const auto& row : a) {
    for (const double v : row) scale = std::max(scale, std::abs(v));
  }
  if (scale == 0) return false;
  for (std::size_t col = 0; col < m; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < m; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    if (std::abs(a[pivot][col]) <= kSingularPivot * scale) return false;
    std::swap(a[col], a[pivot]);
    std::swap(b[col], b[pivot]);
    for (std::size_t r = col + 1; r < m; ++r) {
      const double f = a[r][col] / a[col][col];
      for (std::size_t c = col; c < m; ++c) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  for (std::size_t col = m; col-- > 0;) {
    for (std::size_t c = col + 1; c < m; ++c) b[col] -= a[col][c] * b[c];
    b[col] /= a[col][col];
  }
  return true;
}

// survdiff with rho = 0 over groups already indexed 0..k-1; fills each group's `expected`.
std::optional<LogRankTest> LogRank(const std::vector<std::pair<std::size_t, Person>>& pooled,
                                   std::vector<GroupSurvival>& groups) {
  const std::size_t k = groups.size();
  std::vector<double> observed(k, 0);
  std::vector<double> expected(k, 0);
  std::vector<std::vector<double>> var(k, std::vector<double>(k, 0));
  std::vector<int> at_risk(k, 0);
  for (std::size_t g = 0; g < k; ++g) at_risk[g] = groups[g].n;

  std::vector<int> events(k, 0);
  std::vector<int> leaving(k, 0);
  for (std::size_t i = 0; i < pooled.size();) {
    const int t = pooled[i].second.days;
    std::fill(events.begin(), events.end(), 0);
    std::fill(leaving.begin(), leaving.end(), 0);
    for (; i < pooled.size() && pooled[i].second.days == t; ++i) {
      const std::size_t g = pooled[i].first;
      ++leaving[g];
      if (pooled[i].second.relapsed) ++events[g];
    }
    int n_total = 0;
    int d_total = 0;
    for (std::size_t g = 0; g < k; ++g) {
      n_total += at_risk[g];
      d_total += events[g];
    }
    if (d_total > 0) {
      const double n = n_total;
      const double d = d_total;
      for (std::size_t g = 0; g < k; ++g) {
        observed[g] += events[g];
        expected[g] += d * at_risk[g] / n;
      }
      if (n_total > 1) {
        const double factor = d * (n - d) / (n * n * (n - 1));
        for (std::size_t a = 0; a < k; ++a) {
          for (std::size_t b = 0; b < k; ++b) {
            const double delta = a == b ? n : 0.0;
            var[a][b] += factor * at_risk[a] * (delta - at_risk[b]);
          }
        }
      }
    }
    for (std::size_t g = 0; g < k; ++g) at_risk[g] -= leaving[g];
  }
  for (std::size_t g = 0; g < k; ++g) groups[g].expected = expected[g];

  std::vector<std::size_t> kept;
  for (std::size_t g = 0; g < k; ++g) {
    if (expected[g] > 0) kept.push_back(g);
  }
  if (kept.size() < 2) return std::nullopt;
  const std::size_t m = kept.size() - 1;
  std::vector<std::vector<double>> v(m, std::vector<double>(m, 0));
  std::vector<double> diff(m, 0);
  for (std::size_t a = 0; a < m; ++a) {
    diff[a] = observed[kept[a + 1]] - expected[kept[a + 1]];
    for (std::size_t b = 0; b < m; ++b) v[a][b] = var[kept[a + 1]][kept[b + 1]];
  }
  std::vector<double> x = diff;
  if (!Solve(v, x)) return std::nullopt;
  LogRankTest test;
  for (std::size_t a = 0; a < m; ++a) test.chisq += x[a] * diff[a];
  test.df = static_cast<int>(m);
  test.p = ChiSquareUpperTail(test.chisq, test.df);
  return test;
}

}  // namespace

Result<SurvivalAnalysis> AnalyseSurvival(const std::vector<SurvivalObservation>& observations,
                                         std::span<const int> horizons) {
  FieldErrors errors;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const std::string prefix = "observations[" + std::to_string(i) + "].";
    if (observations[i].group.empty()) errors.Add(prefix + "group", "required", "must be given");
    if (observations[i].days < 0) {
      errors.Add(prefix + "days", "non_negative",
                 "must be 0 or more (days from release to relapse or last contact)");
    }
  }
  for (std::size_t i = 0; i < horizons.size(); ++i) {
    if (horizons[i] < 0) {
      errors.Add("horizons[" + std::to_string(i) + "]", "non_negative", "must be 0 or more");
    }
  }
  if (!errors.empty()) return errors.ToStatus();

  std::map<std::string, std::vector<Person>> by_group;
  for (const SurvivalObservation& o : observations) {
    by_group[o.group].push_back(Person{o.days, o.relapsed});
  }
  SurvivalAnalysis out;
  std::vector<std::pair<std::size_t, Person>> pooled;
  pooled.reserve(observations.size());
  for (const auto& [name, persons] : by_group) {
    GroupSurvival g;
    g.name = name;
    g.n = static_cast<int>(persons.size());
    for (const Person& p : persons) {
      if (p.relapsed) {
        ++g.events;
      } else {
        ++g.censored;
      }
      pooled.emplace_back(out.groups.size(), p);
    }
    g.curve = KaplanMeier(persons);
    for (const int t : horizons) g.horizons.push_back(AtHorizon(persons, g.curve, t));
    SetMedian(g);
    out.groups.push_back(std::move(g));
  }
  std::stable_sort(pooled.begin(), pooled.end(),
                   [](const auto& a, const auto& b) { return a.second.days < b.second.days; });
  out.logrank = LogRank(pooled, out.groups);
  return out;
}

std::optional<double> MedianOfCurve(std::span<const int> times,
                                    std::span<const std::optional<double>> values) {
  std::optional<std::size_t> first;
  for (std::size_t i = 0; i < values.size() && i < times.size(); ++i) {
    if (!values[i] || *values[i] >= 0.5 + kMedianTolerance) continue;
    if (!first) {
      first = i;
      if (std::abs(*values[i] - 0.5) >= kMedianTolerance) break;
      continue;
    }
    if (*values[i] < *values[*first]) return (times[*first] + static_cast<double>(times[i])) / 2;
  }
  if (!first) return std::nullopt;
  return static_cast<double>(times[*first]);
}

double ChiSquareUpperTail(double x, int df) {
  if (x <= 0) return 1;
  return boost::math::gamma_q(df / 2.0, x / 2.0);
}

}  // namespace huigui
