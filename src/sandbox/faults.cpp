#include "faults.hpp"

#include <cstdlib>

#include <fmt/core.h>

namespace lsmplus::sandbox {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t e = s.find(sep, pos);
    out.push_back(s.substr(pos, e == std::string::npos ? std::string::npos : e - pos));
    if (e == std::string::npos) break;
    pos = e + 1;
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string FaultInjector::configure(const std::string& spec) {
  std::vector<FaultRule> rules;
  for (const std::string& text : split(spec, ',')) {
    if (text.empty()) continue;
    std::vector<std::string> f = split(text, ':');
    if (f.size() != 4) return fmt::format("fault rule '{}': expected SIDE:MATCH:ACTION:COUNT", text);
    FaultRule r;
    if (f[0] == "lightspeed") {
      r.side = Side::kLightspeed;
    } else if (f[0] == "mplus") {
      r.side = Side::kMplus;
    } else {
      return fmt::format("fault rule '{}': SIDE must be 'lightspeed' or 'mplus'", text);
    }
    if (f[1].empty()) return fmt::format("fault rule '{}': MATCH is empty", text);
    r.match = f[1];
    if (f[2] == "drop") {
      r.action.kind = FaultAction::Kind::kDrop;
    } else if (f[2] == "drop-after") {
      r.action.kind = FaultAction::Kind::kDropAfter;
    } else if (all_digits(f[2]) && f[2].size() == 3 && f[2] >= "400" && f[2] <= "599") {
      r.action.status = std::atoi(f[2].c_str());
    } else {
      return fmt::format("fault rule '{}': ACTION must be an HTTP status 400-599, 'drop' or 'drop-after'",
                         text);
    }
    if (f[3] == "*") {
      r.remaining = -1;
    } else if (all_digits(f[3]) && std::strtoll(f[3].c_str(), nullptr, 10) > 0) {
      r.remaining = std::strtoll(f[3].c_str(), nullptr, 10);
    } else {
      return fmt::format("fault rule '{}': COUNT must be a positive integer or '*'", text);
    }
    rules.push_back(std::move(r));
  }
  std::lock_guard lock(mu_);
  rules_ = std::move(rules);
  return "";
}

std::optional<FaultAction> FaultInjector::take(Side side, const std::string& key) {
  std::lock_guard lock(mu_);
  for (FaultRule& r : rules_) {
    if (r.side != side || r.remaining == 0) continue;
    bool hit = r.match == "*" || (side == Side::kLightspeed ? key.find(r.match) != std::string::npos
                                                            : key == r.match);
    if (!hit) continue;
    if (r.remaining > 0) --r.remaining;
    return r.action;
  }
  return std::nullopt;
}

}  // namespace lsmplus::sandbox
