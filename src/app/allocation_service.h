// Province-wide admission allocation (统一调配, issue 4 §2) as a use case: the needs the deciding
// police unit records on a pending admission, county-seat coordinates, and proposals a director
// solves (domain/allocation.h), reviews and approves. Approval admits every placed person through
// the continuum's admit action, all in one transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/continuum_service.h"
#include "app/request_context.h"
#include "domain/allocation.h"
#include "domain/status.h"
#include "store/allocation_repository.h"
#include "store/crypto.h"
#include "store/database.h"

namespace huigui::app {

// Who is waiting, and the beds that could take them, in the director's scope.
struct PendingOverview {
  int total = 0;
  std::map<std::string, int> by_sex;  // male, female
  std::map<int, int> by_medical_needs;
  int pregnant = 0, nursing_infant_under_1 = 0, under_16 = 0;
  std::vector<store::ProposalFacilityRow> facilities;  // free beds now
};

struct AllocationFacilitySummary {
  store::ProposalFacilityRow facility;  // free_beds: before the proposal
  int placed = 0;
  int out_of_region = 0;
  int free_beds_after = 0;
};

struct GroupSummary {
  store::ProposalGroupRow group;
  std::vector<store::OutcomeRow> placements;
  int placed = 0;
};

struct ProposalView {
  store::ProposalRow proposal;
  std::vector<AllocationFacilitySummary> facilities;
  std::vector<GroupSummary> groups;
  std::vector<store::OutcomeRow> unplaced;
  std::vector<store::ItemRow> items;  // the page asked for
  int items_total = 0;
  int limit = 50, offset = 0;
  std::vector<store::ItemRow> admitted;  // set by Approve: every admission it made
};

class AllocationService {
 public:
  AllocationService(store::Database& db, const store::KeyRing& keys, ContinuumService& continuum)
      : db_(db), keys_(keys), continuum_(continuum) {}

  // Police and directors, on a compulsory isolation episode in scope that is decided.
  Result<store::AdmissionNeeds> Needs(const RequestContext& ctx, int64_t episode_id);
  Result<store::AdmissionNeeds> SetNeeds(const RequestContext& ctx, int64_t episode_id,
                                         const store::AdmissionNeeds& needs);
  // Administrators and directors: the coordinates of an org unit in scope (a county's seat).
  Result<store::LocationRow> SetLocation(const RequestContext& ctx, const std::string& code,
                                         double latitude, double longitude);

  // Directors only, over their scope.
  Result<PendingOverview> Pending(const RequestContext& ctx);
  Result<ProposalView> Propose(const RequestContext& ctx, const AllocationOptions& options);
  Result<std::vector<store::ProposalRow>> List(const RequestContext& ctx);
  Result<ProposalView> Get(const RequestContext& ctx, int64_t id, int limit, int offset);
  // Conflict naming every stale item (episode no longer decided, facility short of beds) or an
  // already approved proposal; nothing is written then.
  Result<ProposalView> Approve(const RequestContext& ctx, int64_t id);

 private:
  store::Database& db_;
  const store::KeyRing& keys_;
  ContinuumService& continuum_;
};

// Field rules of the options a director posts.
Status ValidateAllocationOptions(const AllocationOptions& options);

}  // namespace huigui::app
