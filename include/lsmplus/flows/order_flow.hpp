// The orders flow (DESIGN.md §1): new webshop orders become Mplus orders. The pipeline is the
// one integrators know: fetch changed orders by status → skip what is linked → fetch the order
// with its lines → find or create the customer's relation → resolve every line's article →
// create the order keyed by its extOrderId → link it → move the cursor once all is durable.
#pragma once

#include "lsmplus/config/config.hpp"
#include "lsmplus/core/error.hpp"
#include "lsmplus/flows/run.hpp"

namespace lsmplus::lightspeed {
class Client;
}
namespace lsmplus::mplus {
class Client;
}
namespace lsmplus::state {
class StateStore;
}

namespace lsmplus::flows {

class Writer;

class OrderFlow {
 public:
  OrderFlow(const config::Config& config, lightspeed::Client& source, mplus::Client& target, state::StateStore& store,
            Writer& writer);

  // Runs one pass. Per-record problems (unmapped line, rejected by Mplus) are counted in the
  // summary and do not stop the run. Returns an Error when the run as a whole cannot go on
  // (API unavailable, auth refused, state store unwritable); what was written before that is
  // linked and the cursor has not moved, so the next run picks up where this one stopped.
  Result<RunSummary> run(const SyncOptions& options);

 private:
  const config::Config& config_;
  lightspeed::Client& source_;
  mplus::Client& target_;
  state::StateStore& store_;
  Writer& writer_;
};

}  // namespace lsmplus::flows
