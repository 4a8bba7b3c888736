// The province dashboard (domain/dashboard.h) as plain SQL: the baseline bench/ runs on
// PostgreSQL 15 and on SQLite against Huigui's live projection (issue 5 §5). Every figure comes
// from an aggregate query (GROUP BY bucket, COUNT(DISTINCT ...), window functions); C++ only
// places the grouped rows into the figures and multiplies the Kaplan–Meier factors (1 - d/n)
// whose d and n SQL has grouped. The same SQL text runs on both databases.
//
// Buckets: every row is counted in the total ('*') and in the child of the org unit whose
// subtree holds it (by path prefix); a row in the unit's own org counts in the total only. A
// release belongs to the subtrees of its person's home and of its releasing facility, so it may
// count in two children and once in the total.
//
// Timestamps are stored in UTC ("2026-03-01T00:30:00Z", as Timestamp::ToString writes them, the
// form activity_repository already compares as text); their local date (UTC+8) is the UTC date,
// plus one day from 16:00. Day arithmetic is done on day numbers computed in SQL from the
// "YYYY-MM-DD" text with integer arithmetic (no dialect date functions).
#pragma once

#include <string>

#include <soci/soci.h>

#include "domain/civil_time.h"
#include "domain/dashboard.h"

namespace huigui::store {

// The figures of the unit `org_code` and of each of its children over [from, to], the 12-month
// trend ending with `to`'s month, and the survival of its release cohort, as of `today`.
// Throws std::invalid_argument when no org unit has that code.
DashboardFigures DashboardBySql(soci::session& sql, const std::string& org_code, Date from, Date to,
                                Date today);

}  // namespace huigui::store
