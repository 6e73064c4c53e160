#include "lsmplus/util/decimal.hpp"

#include <limits>

namespace lsmplus::util {

std::optional<int64_t> parse_cents(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  int64_t whole = 0;
  bool any_digit = false;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 1000;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (whole > kMax) return std::nullopt;
    whole = whole * 10 + (c - '0');
    any_digit = true;
  }
  int64_t fraction = 0;  // in cents
  int digits = 0;
  bool round_up = false;
  if (i < text.size()) {  // at '.'
    ++i;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c < '0' || c > '9') return std::nullopt;
      any_digit = true;
      if (digits < 2) {
        fraction = fraction * 10 + (c - '0');
      } else if (digits == 2) {
        round_up = c >= '5';
      }
      ++digits;
    }
  }
  if (!any_digit) return std::nullopt;
  while (digits < 2) {
    fraction *= 10;
    ++digits;
  }
  int64_t cents = whole * 100 + fraction + (round_up ? 1 : 0);
  return negative ? -cents : cents;
}

std::string format_cents(int64_t cents) {
  bool negative = cents < 0;
  uint64_t abs = negative ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string frac = std::to_string(abs % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return (negative ? "-" : "") + std::to_string(abs / 100) + "." + frac;
}

}  // namespace lsmplus::util
