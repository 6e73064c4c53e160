// What every flow reports and takes: the options of one `lsmplus sync` pass and its summary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lsmplus::flows {

struct SyncOptions {
  bool dry_run = false;
  std::optional<int64_t> since;  // unix seconds; overrides the cursor for this run
  std::optional<int64_t> until;  // unix seconds; upper bound of the window
  std::optional<int64_t> limit;  // at most this many records written (or planned) this run
  bool full = false;             // ignore the cursor and walk everything
  bool no_state_update = false;  // do not move cursors (links are still recorded)
};

// A record that failed permanently this run, with the reason for people.
struct RecordFailure {
  std::string record;  // "order ORD00012"
  std::string reason;
};

struct RunSummary {
  std::string flow;
  bool dry_run = false;
  int64_t created = 0;  // written (or planned, in a dry run)
  int64_t linked = 0;   // already present in the target: linked, not written again
  int64_t skipped = 0;  // already synced earlier (found in the link table)
  int64_t filtered = 0;  // left out on purpose by the mapping (when:, or a lookup's skip_record)
  int64_t failed = 0;
  std::vector<RecordFailure> failures;
  int64_t source_calls = 0;
  int64_t target_calls = 0;
  bool cursor_moved = false;
  std::string note;  // one line of context ("stopped at --limit 5", ...)
};

}  // namespace lsmplus::flows
