#include "app/activity_service.h"

#include <set>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "domain/outcomes.h"
#include "store/indicator_projection.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

using Bucket = store::ActivityCounts;

constexpr int kCells = 8;  // under, tested, lost, due, on_time, aftercare persons, adm., rel.

std::vector<int> Cells(const Bucket& b) {
  return {b.under,      b.tested,  b.lost, b.due, b.on_time, b.aftercare_persons,
          b.admissions, b.releases};
}

ActivityRow RowOf(std::string code, std::string name, const Bucket& b,
                  const std::vector<bool>* withheld, std::size_t first) {
  ActivityRow row;
  row.code = std::move(code);
  row.name = std::move(name);
  const std::vector<int> cells = Cells(b);
  std::vector<std::optional<int>> shown(kCells);
  for (int i = 0; i < kCells; ++i) {
    if (withheld && (*withheld)[first + i]) {
      row.suppressed = true;
    } else {
      shown[i] = cells[i];
    }
  }
  row.under_measures = shown[0];
  row.tested = shown[1];
  row.lost_contact = shown[2];
  row.handovers_due = shown[3];
  row.handovers_on_time = shown[4];
  row.aftercare_persons = shown[5];
  row.admissions = shown[6];
  row.releases = shown[7];
  if (row.aftercare_persons) {
    row.aftercare_contacts = b.contacts;
    row.aftercare_by_kind = b.by_kind;
  }
  return row;
}

}  // namespace

Result<ActivityIndicator> ActivityService::Activity(const RequestContext& ctx,
                                                    const ActivityQuery& query) {
  if (Status s = RequireAggregates(ctx); !s.ok()) return s;
  if (query.from > query.to)
    return Status::Invalid("to", "not_before_from", "must not be before from");
  const std::string code = query.org_unit.value_or(ctx.actor->org_code);
  // Every write committed before this read shows in it (store/indicator_projection.h).
  projection_.CatchUp(db_);
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<ActivityIndicator> {
        auto found = FindIndicatorOrg(tx, projection_, ctx, code);
        if (!found.ok()) return found.status();
        const OrgUnit& org = found->org;
        const std::vector<int32_t> children = projection_.Children(found->index);
        // One bucket per child, then the unit's own records, then the whole subtree.
        const std::vector<Bucket> buckets =
            projection_.Activity(found->index, children, query.from, query.to);
        const Bucket& all = buckets.back();

        // Rows: every child (zeros included), then the unit's own records when it has any.
        struct Named {
          std::string code, name;
          const Bucket* bucket;
        };
        std::vector<Named> rows;
        for (std::size_t k = 0; k < children.size(); ++k) {
          const auto& child = projection_.Org(children[k]);
          rows.push_back({child.code, child.name, &buckets[k]});
        }
        const Bucket& own = buckets[children.size()];
        if (Cells(own) != std::vector<int>(kCells, 0) || own.contacts > 0) {
          rows.push_back({"", org.name, &own});
        }

        ActivityIndicator out;
        out.org_unit = org.code;
        out.name = org.name;
        out.from = query.from;
        out.to = query.to;
        out.aggregates_only = ctx.actor->role == Role::kAnalyst;
        std::vector<bool> withheld;
        if (out.aggregates_only) {
          // Cells: the rows' then the total's; lines: each column across rows and total, and in
          // each row the parts published as rates of their denominators.
          CellTable table;
          for (const auto& r : rows) {
            const auto c = Cells(*r.bucket);
            table.counts.insert(table.counts.end(), c.begin(), c.end());
          }
          const auto t = Cells(all);
          table.counts.insert(table.counts.end(), t.begin(), t.end());
          const int row_count = static_cast<int>(rows.size()) + 1;
          for (int col = 0; col < kCells; ++col) {
            std::vector<int> line;
            for (int r = 0; r < row_count; ++r) line.push_back(r * kCells + col);
            table.lines.push_back(std::move(line));
          }
          for (int r = 0; r < row_count; ++r) {
            const int base = r * kCells;
            table.lines.push_back({base + 0, base + 1});
            table.lines.push_back({base + 0, base + 2});
            table.lines.push_back({base + 3, base + 4});
          }
          withheld = SuppressSmallCells(table);
        }
        const std::vector<bool>* w = out.aggregates_only ? &withheld : nullptr;
        for (std::size_t i = 0; i < rows.size(); ++i) {
          out.children.push_back(RowOf(rows[i].code, rows[i].name, *rows[i].bucket, w, i * kCells));
        }
        out.total = RowOf(org.code, org.name, all, w, rows.size() * kCells);
        Audit(tx, keys_, ctx, "indicator.activity", std::nullopt,
              "org=" + org.code + " from=" + query.from.ToString() + " to=" + query.to.ToString());
        return out;
      });
}

}  // namespace huigui::app
