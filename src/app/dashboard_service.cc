#include "app/dashboard_service.h"

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "domain/outcomes.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

std::vector<std::pair<std::string, int>> UnitCells(const UnitFigures& u) {
  return {{"current_users", u.current_users},
          {"released", u.released},
          {"reached", u.reached},
          {"abstinent", u.abstinent},
          {"three_years_eligible", u.three_years_eligible},
          {"three_years_abstinent", u.three_years_abstinent},
          {"under_measures", u.under_measures},
          {"tested", u.tested},
          {"lost_contact", u.lost_contact},
          {"handovers_due", u.handovers_due},
          {"handovers_on_time", u.handovers_on_time},
          {"aftercare_persons", u.aftercare_persons},
          {"admissions", u.admissions},
          {"releases", u.releases},
          {"occupied", u.occupied}};
}

namespace {

std::vector<std::pair<std::string, int>> MonthCells(const MonthFigures& m) {
  return {{"under_measures", m.under_measures},
          {"tested", m.tested},
          {"lost_contact", m.lost_contact},
          {"admissions", m.admissions},
          {"releases", m.releases}};
}

// Index of a field in a row of cells.
int Col(const std::vector<std::pair<std::string, int>>& cells, const std::string& name) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].first == name) return static_cast<int>(i);
  }
  return -1;
}

// Rows of cells → withheld field names per row: each column across the rows is a line, and each
// pair (denominator, part) published as a rate is a line.
std::vector<std::set<std::string>> Withhold(
    const std::vector<std::vector<std::pair<std::string, int>>>& rows,
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::set<std::string>> out(rows.size());
  if (rows.empty()) return out;
  const auto& first = rows.front();
  const int cols = static_cast<int>(first.size());
  CellTable table;
  for (const auto& r : rows) {
    for (const auto& [name, n] : r) table.counts.push_back(n);
  }
  for (int c = 0; c < cols; ++c) {
    std::vector<int> line;
    for (std::size_t r = 0; r < rows.size(); ++r) line.push_back(static_cast<int>(r) * cols + c);
    table.lines.push_back(std::move(line));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int base = static_cast<int>(r) * cols;
    for (const auto& [whole, part] : pairs) {
      table.lines.push_back({base + Col(first, whole), base + Col(first, part)});
    }
  }
  const auto hidden = SuppressSmallCells(table);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < cols; ++c) {
      if (hidden[r * cols + c]) out[r].insert(first[c].first);
    }
  }
  return out;
}

}  // namespace

Result<DashboardAnswer> DashboardService::Dashboard(const RequestContext& ctx,
                                                    const DashboardQuery& query) {
  if (Status s = RequireAggregates(ctx); !s.ok()) return s;
  if (query.from > query.to)
    return Status::Invalid("to", "not_before_from", "must not be before from");
  const std::string code = query.org_unit.value_or(ctx.actor->org_code);
  // Every write committed before this read shows in it (store/indicator_projection.h).
  projection_.CatchUp(db_);
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<DashboardAnswer> {
        auto org = FindIndicatorOrg(tx, projection_, ctx, code);
        if (!org.ok()) return org.status();
        DashboardAnswer out;
        out.figures = projection_.Dashboard(org->index, query.from, query.to, ctx.today());
        out.name = org->org.name;
        out.aggregates_only = ctx.actor->role == Role::kAnalyst;
        const auto& f = out.figures;
        if (out.aggregates_only) {
          std::vector<std::vector<std::pair<std::string, int>>> rows;
          for (const auto& c : f.children) rows.push_back(UnitCells(c));
          rows.push_back(UnitCells(f.total));
          out.unit_withheld = Withhold(rows, {{"released", "reached"},
                                              {"reached", "abstinent"},
                                              {"three_years_eligible", "three_years_abstinent"},
                                              {"under_measures", "tested"},
                                              {"under_measures", "lost_contact"},
                                              {"handovers_due", "handovers_on_time"}});
          std::vector<std::vector<std::pair<std::string, int>>> months;
          for (const auto& m : f.trend) months.push_back(MonthCells(m));
          out.month_withheld =
              Withhold(months, {{"under_measures", "tested"}, {"under_measures", "lost_contact"}});
          // A group of 1..4 releases is withheld whole, and the other with it (they add up to
          // the cohort, which the total row publishes).
          CellTable groups;
          std::vector<int> line;
          for (const auto& s : f.survival) {
            line.push_back(static_cast<int>(groups.counts.size()));
            groups.counts.push_back(s.n);
          }
          groups.lines.push_back(line);
          out.survival_withheld = SuppressSmallCells(groups);
        } else {
          out.unit_withheld.assign(f.children.size() + 1, {});
          out.month_withheld.assign(f.trend.size(), {});
          out.survival_withheld.assign(f.survival.size(), false);
        }
        Audit(tx, keys_, ctx, "indicator.dashboard", std::nullopt,
              "org=" + org->org.code + " from=" + query.from.ToString() +
                  " to=" + query.to.ToString());
        return out;
      });
}

}  // namespace huigui::app
