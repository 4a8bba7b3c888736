// Admission allocation: Huigui's min-cost flow (LEMON NetworkSimplex over grouped admissions)
// against the named baseline GLPK (glpsol's simplex on the same grouped model written as a
// CPLEX LP file), in one run, on a deterministic Hubei-like instance of 10,000 pending
// admissions and 60 facilities. Prints both solvers' median wall and CPU times, the ratios
// GLPK / Huigui of each, both objectives and whether they are equal. Exits 2 when glpsol is
// missing, 1 when the objectives differ.
//
//   build/huigui_allocation_bench [--people N] [--huigui-runs R] [--glpk-runs R]
//
// What each time covers. Huigui: one call of Allocate, from the list of pending admissions to
// the result: validation, grouping, eligibility, distances, graph build, NetworkSimplex and every
// placement's explanation. GLPK: one glpsol command run through std::system, from start to exit
// (so the shell and process start, a few ms, are in it): reading and parsing the LP file, its
// simplex (default options) to the optimum, writing the plain-text solution (-w) that the
// objective is read from. Building the model and writing the LP file for GLPK happen once,
// before, untimed. The runs alternate (Huigui, glpsol, Huigui, ...) so that both see the same
// load on a shared machine; the figures are medians, of wall time and of CPU time (user +
// system; for GLPK that of the shell and glpsol), the latter not inflated by other processes.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/allocation.h"

namespace {

using huigui::AllocationModel;
using huigui::FacilityCapacity;
using huigui::FacilityKind;
using huigui::PendingAdmission;
using huigui::Sex;

// SplitMix64: fully specified, so the instance is the same with every standard library
// (std::uniform_*_distribution is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Between(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

struct County {
  std::string code;
  std::string region;
  double lat;
  double lon;
  double weight;
};

struct Region {
  std::string code;
  double lat;
  double lon;
};

// 13 city-level regions with seats roughly where Hubei's are.
std::vector<Region> Regions() {
  return {{"420100", 30.59, 114.31}, {"420200", 30.20, 115.04}, {"420300", 32.63, 110.80},
          {"420500", 30.69, 111.29}, {"420600", 32.01, 112.12}, {"420700", 30.39, 114.89},
          {"420800", 31.04, 112.20}, {"420900", 30.92, 113.92}, {"421000", 30.33, 112.24},
          {"421100", 30.45, 114.87}, {"421200", 29.84, 114.32}, {"421300", 31.69, 113.38},
          {"422800", 30.27, 109.49}};
}

std::vector<County> Counties(Rng& rng) {
  std::vector<County> counties;
  const std::vector<Region> regions = Regions();
  for (int i = 0; i < 100; ++i) {
    const Region& r = regions[i % regions.size()];
    const int serial = i / static_cast<int>(regions.size()) + 1;
    County c;
    c.region = r.code;
    c.code = r.code.substr(0, 4) + (serial < 10 ? "0" : "") + std::to_string(serial);
    c.lat = std::clamp(r.lat + rng.Between(-0.7, 0.7), 29.0, 33.0);
    c.lon = std::clamp(r.lon + rng.Between(-0.8, 0.8), 108.0, 116.0);
    c.weight = r.code == "420100" ? 3.0 : rng.Between(0.5, 1.5);  // Wuhan is populous
    counties.push_back(c);
  }
  return counties;
}

std::vector<PendingAdmission> Admissions(Rng& rng, const std::vector<County>& counties,
                                         int people) {
  double total_weight = 0;
  for (const auto& c : counties) total_weight += c.weight;
  std::vector<PendingAdmission> out;
  out.reserve(people);
  for (int i = 0; i < people; ++i) {
    double pick = rng.Uniform() * total_weight;
    std::size_t k = 0;
    while (k + 1 < counties.size() && pick >= counties[k].weight) pick -= counties[k++].weight;
    const County& c = counties[k];
    PendingAdmission p;
    p.id = "A" + std::to_string(i);
    p.sex = rng.Uniform() < 0.86 ? Sex::kMale : Sex::kFemale;
    const double age_draw = rng.Uniform();
    p.age = age_draw < 0.03   ? 14 + rng.Below(2)
            : age_draw < 0.07 ? 16 + rng.Below(2)
                              : 18 + rng.Below(45);
    p.home_county = c.code;
    p.home_region = c.region;
    p.home_lat = c.lat;
    p.home_lon = c.lon;
    const double needs = rng.Uniform();
    p.medical_needs = needs < 0.70 ? 0 : needs < 0.92 ? 1 : 2;
    if (p.sex == Sex::kFemale && p.age >= 18) {
      const double law = rng.Uniform();
      p.pregnant = law < 0.02;
      p.nursing_infant_under_1 = law >= 0.02 && law < 0.04;
    }
    out.push_back(p);
  }
  return out;
}

// 60 facilities: 40 men's, 12 women's, 8 juvenile, about 10,500 free beds; women's and
// juvenile beds are tight on purpose, and few facilities treat medical level 2.
std::vector<FacilityCapacity> Facilities(Rng& rng) {
  const std::vector<Region> regions = Regions();
  std::vector<FacilityCapacity> out;
  auto add = [&](FacilityKind kind, int index, int beds) {
    const Region& r = regions[index % regions.size()];
    FacilityCapacity f;
    const char* prefix = kind == FacilityKind::kMen     ? "M"
                         : kind == FacilityKind::kWomen ? "W"
                                                        : "J";
    f.code = std::string(prefix) + (index < 9 ? "0" : "") + std::to_string(index + 1);
    f.kind = kind;
    f.region = r.code;
    f.lat = r.lat + rng.Between(-0.4, 0.4);
    f.lon = r.lon + rng.Between(-0.4, 0.4);
    f.free_beds = beds;
    f.accepts_male = kind != FacilityKind::kWomen;
    f.accepts_female = kind != FacilityKind::kMen;
    f.min_age = kind == FacilityKind::kJuvenile ? 12 : 18;
    f.max_age = kind == FacilityKind::kJuvenile ? 17 : 200;
    f.medical_level = index % 5 == 0 ? 2 : index % 5 < 3 ? 1 : 0;
    out.push_back(f);
  };
  for (int i = 0; i < 40; ++i) add(FacilityKind::kMen, i, 190 + rng.Below(60));
  for (int i = 0; i < 12; ++i) add(FacilityKind::kWomen, i, 95 + rng.Below(25));
  for (int i = 0; i < 8; ++i) add(FacilityKind::kJuvenile, i, 40 + rng.Below(20));
  return out;
}

// The grouped transportation problem in CPLEX LP format, one term per line. x_g_f: people of
// group g placed at facility f; u_g: people of group g unplaced.
void WriteLp(const AllocationModel& model, const std::filesystem::path& path) {
  std::ofstream out(path);
  out << "\\ Huigui admission allocation: grouped transportation problem\nMinimize\n obj:";
  for (const auto& a : model.arcs)
    out << "\n + " << a.cost << " x_" << a.group << '_' << a.facility;
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    out << "\n + " << model.unplaced_cost << " u_" << g;
  }
  out << "\nSubject To\n";
  std::vector<std::vector<std::size_t>> by_facility(model.facilities.size());
  std::size_t next = 0;
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    out << " g_" << g << ":";
    for (; next < model.arcs.size() && model.arcs[next].group == static_cast<int>(g); ++next) {
      out << "\n + x_" << g << '_' << model.arcs[next].facility;
      by_facility[model.arcs[next].facility].push_back(next);
    }
    out << "\n + u_" << g << " = " << model.groups[g].size() << '\n';
  }
  for (std::size_t f = 0; f < model.facilities.size(); ++f) {
    if (by_facility[f].empty()) continue;
    out << " f_" << f << ":";
    for (const std::size_t i : by_facility[f]) {
      out << "\n + x_" << model.arcs[i].group << '_' << model.arcs[i].facility;
    }
    out << "\n <= " << model.facilities[f].free_beds << '\n';
  }
  out << "End\n";
}

// The objective from glpsol's plain-text solution (-w): the "s bas ..." line's last field.
bool ReadGlpkObjective(const std::filesystem::path& path, double& objective) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("s bas", 0) != 0) continue;
    std::istringstream fields(line);
    std::vector<std::string> parts;
    for (std::string part; fields >> part;) parts.push_back(part);
    if (parts.size() < 7 || parts[4] != "f" || parts[5] != "f") return false;  // not optimal
    objective = std::stod(parts.back());
    return true;
  }
  return false;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// CPU time (user + system) of this process, and of its waited-for children (glpsol and the
// shell that runs it), in milliseconds: unlike wall time, not inflated by other processes
// sharing the cores.
double OwnCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double ChildrenCpuMs() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  auto ms = [](const timeval& v) {
    return static_cast<double>(v.tv_sec) * 1e3 + static_cast<double>(v.tv_usec) / 1e3;
  };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

int IntArg(int argc, char** argv, const std::string& name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int people = IntArg(argc, argv, "--people", 10000);
  const int huigui_runs = std::max(1, IntArg(argc, argv, "--huigui-runs", 15));
  const int glpk_runs = std::max(1, IntArg(argc, argv, "--glpk-runs", 5));
  if (std::system("command -v glpsol >/dev/null 2>&1") != 0) {
    std::cerr << "glpsol not found: install glpk-utils (scripts/deps)\n";
    return 2;
  }

  Rng rng(20260513);
  const std::vector<County> counties = Counties(rng);
  const std::vector<PendingAdmission> admissions = Admissions(rng, counties, people);
  const std::vector<FacilityCapacity> facilities = Facilities(rng);
  const huigui::AllocationOptions options;
  int beds = 0;
  for (const auto& f : facilities) beds += f.free_beds;

  // The model GLPK solves is exactly the one Allocate builds and solves.
  const auto model = huigui::BuildAllocationModel(admissions, facilities, options);
  if (!model.ok()) {
    std::cerr << "allocation model failed: " << model.status().detail() << '\n';
    return 1;
  }
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "huigui_allocation_bench";
  std::filesystem::create_directories(dir);
  const auto lp = dir / "allocation.lp";
  const auto solution = dir / "solution.txt";
  WriteLp(*model, lp);
  const std::string command = "glpsol --lp " + lp.string() + " -w " + solution.string() + " >" +
                              (dir / "glpsol.log").string() + " 2>&1";

  std::vector<double> huigui_ms;
  std::vector<double> glpk_ms;
  std::vector<double> huigui_cpu_ms;
  std::vector<double> glpk_cpu_ms;
  huigui::AllocationResult result;
  double glpk_objective = 0;
  for (int run = 0; run < std::max(huigui_runs, glpk_runs); ++run) {
    if (run < huigui_runs) {
      const double cpu = OwnCpuMs();
      const auto start = std::chrono::steady_clock::now();
      auto r = huigui::Allocate(admissions, facilities, options);
      huigui_ms.push_back(MillisecondsSince(start));
      huigui_cpu_ms.push_back(OwnCpuMs() - cpu);
      if (!r.ok()) {
        std::cerr << "allocation failed: " << r.status().detail() << '\n';
        return 1;
      }
      result = std::move(*r);
    }
    if (run < glpk_runs) {
      std::filesystem::remove(solution);
      const double cpu = ChildrenCpuMs();
      const auto start = std::chrono::steady_clock::now();
      const int rc = std::system(command.c_str());
      glpk_ms.push_back(MillisecondsSince(start));
      glpk_cpu_ms.push_back(ChildrenCpuMs() - cpu);
      if (rc != 0 || !ReadGlpkObjective(solution, glpk_objective)) {
        std::cerr << "glpsol failed or found no optimum; see " << dir.string() << '\n';
        return 1;
      }
    }
  }

  const double huigui_median = Median(huigui_ms);
  const double glpk_median = Median(glpk_ms);
  const bool equal = std::llround(glpk_objective) == result.objective &&
                     std::fabs(glpk_objective - static_cast<double>(result.objective)) < 0.5;
  std::printf("instance: %d pending admissions, %zu facilities, %d free beds\n", people,
              facilities.size(), beds);
  std::printf("model: %zu groups, %zu eligible arcs; unplaced cost %lld\n", model->groups.size(),
              model->arcs.size(), static_cast<long long>(model->unplaced_cost));
  std::printf("result: %d placed, %d unplaced (%zu unplaced groups), %.1f km travel in total\n",
              result.placed, result.unplaced_total, result.unplaced.size(),
              static_cast<double>(result.distance_m) / 1000.0);
  std::printf(
      "huigui (Allocate: admissions to explained result, LEMON NetworkSimplex), %d runs:\n"
      "  wall median %.2f ms (min %.2f, max %.2f); CPU median %.2f ms\n",
      huigui_runs, huigui_median, *std::min_element(huigui_ms.begin(), huigui_ms.end()),
      *std::max_element(huigui_ms.begin(), huigui_ms.end()), Median(huigui_cpu_ms));
  std::printf(
      "glpk (whole glpsol command: read LP, simplex, write solution), %d runs:\n"
      "  wall median %.2f ms (min %.2f, max %.2f); CPU median %.2f ms\n",
      glpk_runs, glpk_median, *std::min_element(glpk_ms.begin(), glpk_ms.end()),
      *std::max_element(glpk_ms.begin(), glpk_ms.end()), Median(glpk_cpu_ms));
  std::printf("ratio glpk/huigui: %.1fx (wall medians), %.1fx (CPU medians)\n",
              glpk_median / huigui_median, Median(glpk_cpu_ms) / Median(huigui_cpu_ms));
  std::printf("objective huigui: %lld\n", static_cast<long long>(result.objective));
  std::printf("objective glpk:   %.1f\n", glpk_objective);
  std::printf("objectives equal: %s\n", equal ? "yes" : "NO");
  return equal ? 0 : 1;
}
