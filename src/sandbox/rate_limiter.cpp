#include "rate_limiter.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/core.h>

namespace lsmplus::sandbox {

namespace {
constexpr int64_t kWindowSeconds[3] = {300, 3600, 86400};
}

bool parse_rate_limits(const std::string& spec, RateLimits& out) {
  std::vector<int64_t> parts;
  size_t pos = 0;
  while (true) {
    size_t slash = spec.find('/', pos);
    std::string part = spec.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return false;
    parts.push_back(std::strtoll(part.c_str(), nullptr, 10));
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  if (parts.size() != 3 && parts.size() != 4) return false;
  out.five_minutes = parts[0];
  out.hour = parts[1];
  out.day = parts[2];
  if (parts.size() == 4) out.per_second = parts[3];
  return true;
}

void RateLimiter::roll(int64_t now) {
  for (int i = 0; i < 3; ++i) {
    int64_t start = now - now % kWindowSeconds[i];
    if (start != window_start_[i]) {
      window_start_[i] = start;
      used_[i] = 0;
    }
  }
  if (second_ != now) {
    second_ = now;
    used_second_ = 0;
  }
}

std::vector<std::pair<std::string, std::string>> RateLimiter::headers(int64_t now,
                                                                      const bool exhausted[3]) const {
  const int64_t limits[3] = {limits_.five_minutes, limits_.hour, limits_.day};
  std::string limit, remaining, reset;
  for (int i = 0; i < 3; ++i) {
    const char* sep = i ? "/" : "";
    limit += fmt::format("{}{}", sep, limits[i]);
    int64_t left = exhausted[i] ? -1 : std::max<int64_t>(0, limits[i] - used_[i]);
    remaining += fmt::format("{}{}", sep, left);
    reset += fmt::format("{}{}", sep, window_start_[i] + kWindowSeconds[i] - now);
  }
  return {{"X-RateLimit-Limit", limit}, {"X-RateLimit-Remaining", remaining}, {"X-RateLimit-Reset", reset}};
}

RateLimiter::Decision RateLimiter::admit(int64_t now) {
  roll(now);
  const int64_t limits[3] = {limits_.five_minutes, limits_.hour, limits_.day};
  bool exhausted[3] = {false, false, false};
  bool any = false;
  for (int i = 0; i < 3; ++i) {
    exhausted[i] = used_[i] >= limits[i];
    any = any || exhausted[i];
  }
  Decision d;
  if (any) {
    d.allowed = false;
  } else if (used_second_ >= limits_.per_second) {
    d.allowed = false;
  } else {
    for (auto& u : used_) ++u;
    ++used_second_;
  }
  d.headers = headers(now, exhausted);
  return d;
}

std::vector<std::pair<std::string, std::string>> RateLimiter::peek(int64_t now) {
  roll(now);
  const int64_t limits[3] = {limits_.five_minutes, limits_.hour, limits_.day};
  bool exhausted[3];
  for (int i = 0; i < 3; ++i) exhausted[i] = used_[i] >= limits[i];
  return headers(now, exhausted);
}

}  // namespace lsmplus::sandbox
