// A plan is the list of writes a run intends (dry run) or made (real run), in order. Each entry
// names the target operation, the key that prevents duplicates, and the payload.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace lsmplus::flows {

struct PlannedWrite {
  std::string target;     // "mplus" or "lightspeed"
  std::string operation;  // "createOrder", "createRelation", ...
  std::string key;        // the duplicate-preventing key (extOrderId, relation link key, ...)
  std::string record;     // the source record it comes from, for people ("order ORD00012")
  rapidjson::Document payload;
};

class Plan {
 public:
  void add(PlannedWrite write) { writes_.push_back(std::move(write)); }
  const std::vector<PlannedWrite>& writes() const { return writes_; }
  bool empty() const { return writes_.empty(); }

  // One JSON object per line: {"target", "operation", "key", "record", "payload"}. Holds what is
  // written to the target (customer data included); secrets never appear in payloads.
  std::string to_json_lines() const;

 private:
  std::vector<PlannedWrite> writes_;
};

}  // namespace lsmplus::flows
