#include "app/indicator_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "store/indicator_projection.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

Result<CohortHeader> Header(const RequestContext& ctx, const IndicatorQuery& q) {
  CohortHeader h;
  h.as_of = ctx.today();
  h.to = q.to.value_or(h.as_of);
  h.from = q.from.value_or(h.to.AddYears(-4).AddDays(1));
  if (h.from > h.to) return Status::Invalid("to", "not_before_from", "must not be before from");
  h.org_unit = q.org_unit.value_or(ctx.actor->org_code);
  h.group_by = q.group_by;
  if (q.group_by == IndicatorGrouping::kProgramme) h.programme = q.programme;
  h.aggregates_only = ctx.actor->role == Role::kAnalyst;
  return h;
}

// One release of the cohort with its group and its outcome (computed by the projection when the
// person's facts were last read: domain/outcomes.h).
struct CohortRow {
  int64_t episode_id = 0;
  int64_t person_id = 0;
  Date release;
  std::string group;
  bool observed = false;
  SurvivalObservation observation;
  bool three_years_abstinent = false;
  bool reached = false;
  bool abstinent = false;
};

struct Cohort {
  std::vector<CohortRow> rows;
  std::map<std::string, std::string> labels;
};

// The cohort of the header from the live projection, caught up with every committed write first.
Result<Cohort> LoadCohort(Transaction& tx, store::IndicatorProjection& projection,
                          const RequestContext& ctx, const CohortHeader& h) {
  auto org = FindIndicatorOrg(tx, projection, ctx, h.org_unit);
  if (!org.ok()) return org.status();
  const auto programme_bit =
      h.programme ? static_cast<uint8_t>(1u << static_cast<int>(*h.programme)) : uint8_t{0};
  Cohort c;
  projection.Cohort(org->index, h.from, h.to, [&](const std::vector<store::CohortEntry>& entries) {
    for (const auto& e : entries) {
      const store::ProjectedRelease& r = *e.release;
      std::string group = "all", label = "all";
      switch (h.group_by) {
        case IndicatorGrouping::kNone:
          break;
        case IndicatorGrouping::kFacility:
          group = e.facility->code;
          label = e.facility->name;
          break;
        case IndicatorGrouping::kProgramme:
          group = (r.programmes & programme_bit)
                      ? std::string(NameOf(kProgrammeNames, *h.programme))
                      : "none";
          label = group;
          break;
        case IndicatorGrouping::kSex:
          group = label = *e.sex;
          break;
        case IndicatorGrouping::kReleaseYear:
          group = label = std::to_string(Date::FromDays(r.day).year());
          break;
      }
      c.labels[group] = label;
      CohortRow row;
      row.episode_id = r.episode_id;
      row.person_id = e.person_id;
      row.release = Date::FromDays(r.day);
      row.observed = r.observed;
      row.observation = {group, r.days, r.relapsed};
      row.three_years_abstinent = r.three_years_abstinent;
      row.reached = r.reached;
      row.abstinent = r.abstinent;
      row.group = std::move(group);
      c.rows.push_back(std::move(row));
    }
  });
  return c;
}

std::string AuditDetail(const CohortHeader& h) {
  return "org=" + h.org_unit + " from=" + h.from.ToString() + " to=" + h.to.ToString() +
         " group_by=" + std::string(NameOf(kIndicatorGroupingNames, h.group_by));
}

std::optional<double> Rate(int numerator, int denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / denominator;
}

}  // namespace

Result<SurvivalIndicator> IndicatorService::Survival(const RequestContext& ctx,
                                                     const IndicatorQuery& query) {
  if (Status s = RequireAggregates(ctx); !s.ok()) return s;
  auto header = Header(ctx, query);
  if (!header.ok()) return header.status();
  // Every write committed before this read shows in it (store/indicator_projection.h).
  projection_.CatchUp(db_);
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<SurvivalIndicator> {
        auto cohort = LoadCohort(tx, projection_, ctx, *header);
        if (!cohort.ok()) return cohort.status();
        const Cohort& c = *cohort;
        // Persons and unobserved releases per group.
        std::map<std::string, std::set<int64_t>> persons;
        std::map<std::string, int> unobserved;
        for (const auto& r : c.rows) {
          persons[r.group].insert(r.person_id);
          if (!r.observed) ++unobserved[r.group];
        }
        // Analysts: a group of 1..4 persons is withheld whole, and a second one with it when it
        // is alone (the groups add up to the cohort, which other answers publish).
        std::set<std::string> hidden;
        if (header->aggregates_only) {
          CellTable table;
          std::vector<std::string> names;
          std::vector<int> line;
          for (const auto& [name, ids] : persons) {
            line.push_back(static_cast<int>(names.size()));
            names.push_back(name);
            table.counts.push_back(static_cast<int>(ids.size()));
          }
          table.lines.push_back(line);
          const auto suppressed = SuppressSmallCells(table);
          for (std::size_t i = 0; i < names.size(); ++i) {
            if (suppressed[i]) hidden.insert(names[i]);
          }
        }
        std::vector<SurvivalObservation> observations;
        for (const auto& r : c.rows) {
          if (!hidden.count(r.group)) observations.push_back(r.observation);
        }
        auto analysis = AnalyseSurvival(observations);
        if (!analysis.ok()) return analysis.status();
        SurvivalIndicator out;
        out.cohort = *header;
        out.logrank = analysis->logrank;
        std::map<std::string, GroupSurvival> by_name;
        for (auto& g : analysis->groups) by_name[g.name] = std::move(g);
        for (const auto& [name, ids] : persons) {
          SurvivalGroupView view;
          view.label = c.labels.at(name);
          if (hidden.count(name)) {
            view.suppressed = true;
            view.survival.name = name;
          } else {
            view.persons = static_cast<int>(ids.size());
            view.unobserved = unobserved[name];
            view.survival = std::move(by_name.at(name));
          }
          out.groups.push_back(std::move(view));
        }
        Audit(tx, keys_, ctx, "indicator.survival", std::nullopt, AuditDetail(*header));
        return out;
      });
}

Result<AbstinenceIndicator> IndicatorService::Abstinence(const RequestContext& ctx,
                                                         const IndicatorQuery& query) {
  if (Status s = RequireAggregates(ctx); !s.ok()) return s;
  auto header = Header(ctx, query);
  if (!header.ok()) return header.status();
  // Every write committed before this read shows in it (store/indicator_projection.h).
  projection_.CatchUp(db_);
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<AbstinenceIndicator> {
        auto cohort = LoadCohort(tx, projection_, ctx, *header);
        if (!cohort.ok()) return cohort.status();
        const Cohort& c = *cohort;
        struct Counts {
          int released = 0, reached = 0, abstinent = 0, eligible = 0, three = 0;
        };
        std::map<std::string, Counts> groups;
        Counts total;
        const Date three_years_ago = header->as_of.AddDays(-1095);
        for (const auto& r : c.rows) {
          for (Counts* k : {&groups[r.group], &total}) {
            ++k->released;
            k->reached += r.reached ? 1 : 0;
            k->abstinent += r.abstinent ? 1 : 0;
            if (r.release <= three_years_ago) {
              ++k->eligible;
              k->three += r.three_years_abstinent ? 1 : 0;
            }
          }
        }
        // Cells per row: released, reached, abstinent, relapsed, not reached, eligible, three,
        // eligible but not three; lines tie each row's parts to its totals and each column's
        // groups to the total row.
        constexpr int kCols = 8;
        std::vector<std::string> names;
        std::vector<Counts> rows;
        for (const auto& [name, k] : groups) {
          names.push_back(name);
          rows.push_back(k);
        }
        names.push_back("total");
        rows.push_back(total);
        CellTable table;
        for (const Counts& k : rows) {
          const int base = static_cast<int>(table.counts.size());
          table.counts.insert(table.counts.end(),
                              {k.released, k.reached, k.abstinent, k.reached - k.abstinent,
                               k.released - k.reached, k.eligible, k.three, k.eligible - k.three});
          table.lines.push_back({base + 1, base + 2, base + 3});
          table.lines.push_back({base, base + 1, base + 4});
          table.lines.push_back({base + 5, base + 6, base + 7});
        }
        for (int col = 0; col < kCols; ++col) {
          std::vector<int> line;
          for (std::size_t r = 0; r < rows.size(); ++r) line.push_back(r * kCols + col);
          table.lines.push_back(line);
        }
        std::vector<bool> hidden(table.counts.size(), false);
        if (header->aggregates_only) hidden = SuppressSmallCells(table);
        AbstinenceIndicator out;
        out.cohort = *header;
        for (std::size_t r = 0; r < rows.size(); ++r) {
          const auto cell = [&](int col) -> std::optional<int> {
            const std::size_t i = r * kCols + col;
            if (hidden[i]) return std::nullopt;
            return table.counts[i];
          };
          AbstinenceRow row;
          row.name = names[r];
          row.label = r + 1 == rows.size() ? "total" : c.labels.at(names[r]);
          for (int col = 0; col < kCols; ++col)
            row.suppressed = row.suppressed || hidden[r * kCols + col];
          row.released = cell(0);
          row.reached = cell(1);
          row.abstinent = cell(2);
          if (row.reached && row.abstinent) row.rate = Rate(*row.abstinent, *row.reached);
          row.three_years_eligible = cell(5);
          row.three_years_abstinent = cell(6);
          if (row.three_years_eligible && row.three_years_abstinent) {
            row.three_years_rate = Rate(*row.three_years_abstinent, *row.three_years_eligible);
          }
          if (r + 1 == rows.size()) {
            out.total = std::move(row);
          } else {
            out.groups.push_back(std::move(row));
          }
        }
        Audit(tx, keys_, ctx, "indicator.abstinence", std::nullopt, AuditDetail(*header));
        return out;
      });
}

}  // namespace huigui::app
