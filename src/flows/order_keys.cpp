#include "lsmplus/flows/order_keys.hpp"

#include <algorithm>
#include <cctype>

namespace lsmplus::flows {

std::optional<std::string> normalise_email(const std::string& email) {
  auto b = email.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::nullopt;
  auto e = email.find_last_not_of(" \t\r\n");
  std::string out = email.substr(b, e - b + 1);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  auto at = out.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == out.size()) return std::nullopt;
  return out;
}

}  // namespace lsmplus::flows
