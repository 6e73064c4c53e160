#include "lsmplus/net/rate_governor.hpp"

#include <array>
#include <charconv>
#include <optional>

namespace lsmplus::net {

namespace {

// Parses "a/b/c" into three integers; nullopt when the header is absent or malformed.
std::optional<std::array<long, 3>> parse_triplet(const std::map<std::string, std::string>& headers,
                                                 const std::string& name) {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  std::array<long, 3> out{};
  const std::string& v = it->second;
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t end = v.find('/', pos);
    if (end == std::string::npos) end = v.size();
    std::string_view part(v.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out[i]);
    if (ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
    if (i < 2 && end == v.size()) return std::nullopt;
    pos = end + 1;
  }
  return out;
}

// Requests kept back in each window for other tools sharing the key, and so that a burst that
// is already in flight cannot run the window dry.
constexpr long kReserve = 2;

}  // namespace

RateGovernor::RateGovernor(int per_second, std::chrono::seconds max_wait)
    : per_second_(per_second > 0 ? per_second : 1), max_wait_(max_wait), now_([] { return Clock::now(); }) {}

void RateGovernor::set_clock(std::function<Clock::time_point()> now) {
  std::lock_guard lock(mu_);
  now_ = std::move(now);
}

std::chrono::milliseconds RateGovernor::acquire() {
  std::lock_guard lock(mu_);
  const auto now = now_();
  auto start = std::max(now, blocked_until_);
  while (!recent_starts_.empty() && recent_starts_.front() <= start - std::chrono::seconds(1)) recent_starts_.pop_front();
  if (static_cast<int>(recent_starts_.size()) >= per_second_) {
    start = std::max(start, recent_starts_.front() + std::chrono::seconds(1));
    while (!recent_starts_.empty() && recent_starts_.front() <= start - std::chrono::seconds(1))
      recent_starts_.pop_front();
  }
  recent_starts_.push_back(start);
  return std::chrono::duration_cast<std::chrono::milliseconds>(start - now);
}

void RateGovernor::observe(const std::map<std::string, std::string>& headers) {
  auto remaining = parse_triplet(headers, "x-ratelimit-remaining");
  auto reset = parse_triplet(headers, "x-ratelimit-reset");
  if (!remaining || !reset) return;
  std::lock_guard lock(mu_);
  const auto now = now_();
  for (int i = 0; i < 3; ++i) {
    if ((*remaining)[i] < 0 || (*remaining)[i] <= kReserve) {
      auto until = now + std::chrono::seconds((*reset)[i] + 1);
      if (until > blocked_until_) blocked_until_ = until;
    }
  }
}

std::chrono::milliseconds RateGovernor::wait_after_429(const std::map<std::string, std::string>& headers) {
  auto remaining = parse_triplet(headers, "x-ratelimit-remaining");
  auto reset = parse_triplet(headers, "x-ratelimit-reset");
  std::chrono::seconds wait(1);
  if (remaining && reset) {
    for (int i = 0; i < 3; ++i) {
      if ((*remaining)[i] < 0) wait = std::max(wait, std::chrono::seconds((*reset)[i] + 1));
    }
  }
  std::lock_guard lock(mu_);
  auto until = now_() + wait;
  if (until > blocked_until_) blocked_until_ = until;
  return wait;
}

}  // namespace lsmplus::net
