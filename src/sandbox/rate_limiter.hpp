// Lightspeed's per-key rate limits: three fixed, clock-aligned windows (5 minutes, one
// hour, one UTC day) plus a per-second burst limit (API-LIGHTSPEED.md §7).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lsmplus::sandbox {

struct RateLimits {
  int64_t five_minutes = 300;
  int64_t hour = 3000;
  int64_t day = 12000;
  int64_t per_second = 20;
};

// Parses "A/B/C" or "A/B/C/D" (D = per-second limit). Returns false when malformed.
bool parse_rate_limits(const std::string& spec, RateLimits& out);

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits) : limits_(limits) {}

  struct Decision {
    bool allowed = true;
    // X-RateLimit-Limit / -Remaining / -Reset header pairs to send.
    std::vector<std::pair<std::string, std::string>> headers;
  };

  // Counts one authenticated call at `now` (epoch seconds) when every window has room.
  // A refused call is not counted. An exhausted window shows -1 as its remaining
  // value; a call refused by the per-second limit shows no -1.
  Decision admit(int64_t now);
  // The headers describing the current state, without counting a call.
  std::vector<std::pair<std::string, std::string>> peek(int64_t now);

 private:
  void roll(int64_t now);
  std::vector<std::pair<std::string, std::string>> headers(int64_t now, const bool exhausted[3]) const;

  RateLimits limits_;
  int64_t window_start_[3] = {-1, -1, -1};
  int64_t used_[3] = {0, 0, 0};
  int64_t second_ = -1;
  int64_t used_second_ = 0;
};

}  // namespace lsmplus::sandbox
