// Paces requests so that a normal run never meets a 429 (API-LIGHTSPEED.md §7): it reads
// Lightspeed's three-window X-RateLimit-* headers and keeps a per-second limit of its own.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace lsmplus::net {

class RateGovernor {
 public:
  using Clock = std::chrono::steady_clock;

  // `per_second`: the most requests started in any one second (Lightspeed allows 20; we keep
  // to 10 by default). `max_wait`: a longer wait than this is refused (the run exits 75).
  explicit RateGovernor(int per_second = 10, std::chrono::seconds max_wait = std::chrono::seconds(900));

  // How long to wait before the next request may start; zero when it may go now. Records the
  // start of that request.
  std::chrono::milliseconds acquire();

  // Reads X-RateLimit-Limit/Remaining/Reset ("a/b/c" for the 5-minute, hour and day windows,
  // -1 in Remaining for an exhausted window). When a window is exhausted, or nearly so, later
  // acquire() calls wait until its reset. Headers that do not parse are ignored.
  void observe(const std::map<std::string, std::string>& lowercase_headers);

  // After a 429: the wait the headers imply (the reset of the exhausted window plus one second),
  // or one second when no window shows -1 (the undocumented per-second limit).
  std::chrono::milliseconds wait_after_429(const std::map<std::string, std::string>& lowercase_headers);

  std::chrono::seconds max_wait() const { return max_wait_; }

  // Replaces the clock (tests).
  void set_clock(std::function<Clock::time_point()> now);

 private:
  std::mutex mu_;
  int per_second_;
  std::chrono::seconds max_wait_;
  std::function<Clock::time_point()> now_;
  Clock::time_point blocked_until_{};
  std::deque<Clock::time_point> recent_starts_;  // starts within the last second
};

}  // namespace lsmplus::net
