// Fault injection for both emulated APIs, configured with --faults.
//
// Grammar: SPEC := RULE ("," RULE)*
//          RULE := SIDE ":" MATCH ":" ACTION ":" COUNT
//          SIDE := "lightspeed" | "mplus"
//          MATCH (lightspeed) := a substring of the request path, e.g. "/orders"; "*" = any
//          MATCH (mplus)      := an operation name (local name, e.g. "createOrder"); "*" = any
//          ACTION := an HTTP status 400..599 | "drop" | "drop-after"
//          COUNT  := a positive integer (the first COUNT matching requests) | "*" (all)
// "drop" closes the connection without a response and without performing the request;
// "drop-after" performs the request, then closes the connection without a response.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lsmplus::sandbox {

enum class Side { kLightspeed, kMplus };

struct FaultAction {
  enum class Kind { kStatus, kDrop, kDropAfter } kind = Kind::kStatus;
  int status = 0;
};

struct FaultRule {
  Side side = Side::kLightspeed;
  std::string match;
  FaultAction action;
  int64_t remaining = 1;  // -1 = unlimited
};

class FaultInjector {
 public:
  // Parses `spec` (see the grammar above). Returns an error message, or "" on success.
  std::string configure(const std::string& spec);

  // Returns the action of the first rule that matches `key` (a path for Lightspeed, an
  // operation name for Mplus) and still has a count left, consuming one count.
  std::optional<FaultAction> take(Side side, const std::string& key);

 private:
  std::mutex mu_;
  std::vector<FaultRule> rules_;
};

}  // namespace lsmplus::sandbox
