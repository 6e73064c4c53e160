// The writer is where a plan meets the target (DESIGN.md §2): one implementation calls the
// target API, the other only records. `--dry-run` picks the recorder, so a dry run cannot write
// by construction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lsmplus/core/error.hpp"
#include "lsmplus/flows/plan.hpp"
#include "lsmplus/mplus/client.hpp"

namespace lsmplus::flows {

class Writer {
 public:
  virtual ~Writer() = default;

  // Creates an Mplus relation; returns its number. The dry-run writer returns 0.
  virtual Result<int64_t> create_relation(const rapidjson::Value& relation, const std::string& key,
                                          const std::string& record) = 0;

  // Creates an Mplus order keyed by its extOrderId. An existing extOrderId is not an error: the
  // outcome says already_existed and carries the existing orderId. The dry-run writer returns
  // an empty orderId.
  virtual Result<mplus::CreateOrderOutcome> create_order(const rapidjson::Value& order, const std::string& key,
                                                         const std::string& record) = 0;

  // Whether writes really happen.
  virtual bool dry_run() const = 0;

  // Every write made or planned so far.
  const Plan& plan() const { return plan_; }

 protected:
  void record(const char* operation, const rapidjson::Value& payload, const std::string& key,
              const std::string& source_record);
  Plan plan_;
};

// Writes to Mplus through the connector.
std::unique_ptr<Writer> make_mplus_writer(mplus::Client& client);

// Records the plan and writes nothing.
std::unique_ptr<Writer> make_dry_run_writer();

}  // namespace lsmplus::flows
