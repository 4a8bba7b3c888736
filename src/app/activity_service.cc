#include "app/activity_service.h"

#include <set>

#include "app/transaction_runner.h"
#include "app/use_case_support.h"
#include "domain/outcomes.h"
#include "store/activity_repository.h"
#include "store/org_unit_repository.h"

namespace huigui::app {

using store::Transaction;

namespace {

// What one bucket (a child's subtree, the unit's own records, or everything) counts.
struct Bucket {
  std::set<int64_t> under, tested, lost, aftercare_persons;
  int due = 0, on_time = 0, contacts = 0, admissions = 0, releases = 0;
  std::map<std::string, int> by_kind;
};

constexpr int kCells = 8;  // under, tested, lost, due, on_time, aftercare persons, adm., rel.

std::vector<int> Cells(const Bucket& b) {
  return {static_cast<int>(b.under.size()),
          static_cast<int>(b.tested.size()),
          static_cast<int>(b.lost.size()),
          b.due,
          b.on_time,
          static_cast<int>(b.aftercare_persons.size()),
          b.admissions,
          b.releases};
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
  return InTransaction(
      db_, Transaction::Mode::kWrite, [&](Transaction& tx) -> Result<ActivityIndicator> {
        auto org = store::OrgUnitRepository(tx.sql()).FindInScope(code, ctx.actor->org_path);
        if (!org) return Status::NotFound("no org unit " + code);
        store::ActivityRepository repo(tx.sql());
        const store::ActivityQuery q{org->path, query.from, query.to};

        // Buckets by child code ("" = the unit itself); `all` is the whole subtree.
        std::map<std::string, Bucket> buckets;
        Bucket all;
        auto bucket = [&](const std::string& path) -> Bucket& {
          return buckets[ChildCode(path, org->path).value_or("")];
        };
        const auto tested_v = repo.PersonsTested(q);
        const auto lost_v = repo.PersonsLostContact(q);
        const std::set<int64_t> tested(tested_v.begin(), tested_v.end());
        const std::set<int64_t> lost(lost_v.begin(), lost_v.end());
        for (const auto& m : repo.UnderCommunityMeasures(q)) {
          for (Bucket* b : {&bucket(m.path), &all}) {
            b->under.insert(m.person_id);
            if (tested.count(m.person_id)) b->tested.insert(m.person_id);
            if (lost.count(m.person_id)) b->lost.insert(m.person_id);
          }
        }
        for (const auto& h : repo.HandoversDue(q)) {
          const bool on_time = h.reported_in && !(h.report_due < h.reported_in->LocalDate());
          for (Bucket* b : {&bucket(h.path), &all}) {
            ++b->due;
            b->on_time += on_time ? 1 : 0;
          }
        }
        for (const auto& c : repo.AftercareContacts(q)) {
          for (Bucket* b : {&bucket(c.path), &all}) {
            b->aftercare_persons.insert(c.person_id);
            ++b->contacts;
            ++b->by_kind[c.kind];
          }
        }
        for (const auto& a : repo.AdmissionsAndReleases(q)) {
          for (Bucket* b : {&bucket(a.path), &all}) {
            (a.action == "admit" ? b->admissions : b->releases) += 1;
          }
        }

        // Rows: every child (zeros included), then the unit's own records when it has any.
        struct Named {
          std::string code, name;
          const Bucket* bucket;
        };
        static const Bucket kEmpty;
        std::vector<Named> rows;
        for (const auto& child : repo.Children(org->path)) {
          const auto it = buckets.find(child.code);
          rows.push_back({child.code, child.name, it == buckets.end() ? &kEmpty : &it->second});
        }
        if (const auto own = buckets.find(""); own != buckets.end()) {
          rows.push_back({"", org->name, &own->second});
        }

        ActivityIndicator out;
        out.org_unit = org->code;
        out.name = org->name;
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
        out.total = RowOf(org->code, org->name, all, w, rows.size() * kCells);
        Audit(tx, keys_, ctx, "indicator.activity", std::nullopt,
              "org=" + org->code + " from=" + query.from.ToString() + " to=" + query.to.ToString());
        return out;
      });
}

}  // namespace huigui::app
