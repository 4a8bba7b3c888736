// Staying abstinent after release (操守保持, domain.md §6): Kaplan–Meier estimates per group and
// the log-rank test between groups, computed exactly as R's survival package does
// (survfit, summary.survfit, print.survfit's median, survdiff; checked against R in
// tests/unit/survival_test.cc with fixtures from tests/fixtures/survival/generate.R).
//
// Time origin is the release date; the event is relapse (the first evidence of use after
// release); a person without relapse is censored at the last contact that showed abstinence.
// Times are whole days. At a time with both relapses and censorings, the relapses come first:
// the censored are still at risk at that time (R's convention).
//
// Definitions (n = at risk at t, the persons with days >= t; d = relapses at t):
//   surv(t)   = product over event times u <= t of (1 - d/n)
//   se_log(t) = sqrt(sum over event times u <= t of d / (n (n - d)))      Greenwood, log scale
//   se(t)     = surv(t) * se_log(t)                       R's summary(survfit)$std.err
//   lower/upper = surv * exp(-/+ z * se_log), upper clipped at 1, z = qnorm(0.975) (R's
//               default conf.type = "log")
// Where surv reaches 0, se_log is infinite: R reports std.err NaN and NA limits; we report
// nullopt for se, lower and upper.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/status.h"

namespace huigui {

// qnorm(0.975), to the last digit R uses.
inline constexpr double kNormalQuantile975 = 1.959963984540054;

// One person: days from release to relapse, or to the last contact that showed abstinence.
struct SurvivalObservation {
  std::string group;      // e.g. a cohort, a facility, a programme; compared byte for byte
  int days = 0;           // >= 0; 0 = relapse (or last contact) on the day of release
  bool relapsed = false;  // true: event at `days`; false: censored at `days`
};

// One row of the curve per time with at least one relapse (summary(survfit) with its default
// censored = FALSE).
struct SurvivalPoint {
  int t = 0;
  int at_risk = 0;   // n.risk: persons with days >= t
  int events = 0;    // n.event: relapses at t
  int censored = 0;  // n.censor: censorings after the previous row's t, up to and including t
  double surv = 1;
  std::optional<double> se;  // nullopt where surv == 0 (R: NaN)
  std::optional<double> lower;
  std::optional<double> upper;
};

// The estimate at a horizon such as 1 year: the step function's last value at or before t
// (surv 1, se 0, limits 1 before the first relapse). `reported` is false when t is after the
// group's last observation (event or censoring): R's summary(survfit, times = ...) drops such
// times (extend = FALSE), and then every other field is left at its default / nullopt.
struct SurvivalAtHorizon {
  int t = 0;
  bool reported = false;
  int at_risk = 0;  // persons with days >= t
  std::optional<double> surv;
  std::optional<double> se;
  std::optional<double> lower;
  std::optional<double> upper;
};

struct GroupSurvival {
  std::string name;
  int n = 0;
  int events = 0;
  int censored = 0;
  // print.survfit's median and its 95% limits (MedianOfCurve over surv, lower, upper): nullopt
  // when the curve never comes down to one half (R: NA), e.g. for a group without relapses.
  std::optional<double> median;
  std::optional<double> median_lower;
  std::optional<double> median_upper;
  std::vector<SurvivalPoint> curve;
  std::vector<SurvivalAtHorizon> horizons;  // in the order requested
  double expected = 0;  // log-rank expected relapses under equal hazards (survdiff's exp)
};

// survdiff(Surv(days, relapsed) ~ group), rho = 0. Groups whose expected count is 0 (nobody at
// risk at any relapse time) are left out, as survdiff does; df = (groups left in) - 1, which is
// k - 1 when every group is at risk at some relapse. chisq = (O - E)' V^-1 (O - E) over the
// groups left in minus the first one (V is the hypergeometric covariance matrix; dropping one
// group is survdiff's generalised inverse, and chisq does not depend on which group is dropped).
struct LogRankTest {
  double chisq = 0;
  int df = 0;
  double p = 1;  // pchisq(chisq, df, lower.tail = FALSE)
};

struct SurvivalAnalysis {
  std::vector<GroupSurvival> groups;  // ordered by name (byte order)
  // nullopt when no test is possible: fewer than two groups with a positive expected count, or a
  // singular covariance matrix (R's solve() stops with an error there).
  std::optional<LogRankTest> logrank;
};

// 1, 2 and 3 years.
inline constexpr int kDefaultSurvivalHorizons[] = {365, 730, 1095};

// Kaplan–Meier per group and the log-rank test. Field errors, all collected:
// observations[i].group [required], observations[i].days [non_negative],
// horizons[i] [non_negative]. No observations give no groups and no test.
Result<SurvivalAnalysis> AnalyseSurvival(const std::vector<SurvivalObservation>& observations,
                                         std::span<const int> horizons = kDefaultSurvivalHorizons);

// print.survfit's rule (survival:::survmean, `minmin`) for the median of a step curve given at
// increasing times: the first time whose value is below 0.5 + tol (tol = sqrt(DBL_EPSILON), as
// all.equal uses); if that value is 0.5 within tol and the curve later drops below it, the
// midpoint between that time and the first time it does. Values that are nullopt (R's NA) are
// skipped. Applied to the upper and lower limit curves it gives the median's 95% limits.
std::optional<double> MedianOfCurve(std::span<const int> times,
                                    std::span<const std::optional<double>> values);

// P(X > x) for X chi-squared with df degrees of freedom: R's pchisq(x, df, lower.tail = FALSE).
// Requires df >= 1; x <= 0 gives 1.
double ChiSquareUpperTail(double x, int df);

}  // namespace huigui
