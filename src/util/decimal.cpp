#include "lsmplus/util/decimal.hpp"

#include <charconv>
#include <cmath>

#include <limits>

namespace lsmplus::util {

namespace {

constexpr int kMaxDecimalPlaces = 18;

struct ParsedDecimal {
  bool negative = false;
  std::string_view integer_digits;
  std::string_view fraction_digits;
};

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Splits "[+-]digits[.digits]"; false when the text has another shape.
bool parse_decimal(std::string_view text, ParsedDecimal& out) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    out.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto dot = text.find('.');
  out.integer_digits = text.substr(0, dot);
  out.fraction_digits = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (out.integer_digits.empty() && out.fraction_digits.empty()) return false;
  if (dot != std::string_view::npos && out.fraction_digits.empty()) return false;
  return all_digits(out.integer_digits) && all_digits(out.fraction_digits);
}

// Appends digits to an unsigned magnitude; false on overflow of int64's range.
bool accumulate(uint64_t& magnitude, std::string_view digits) {
  constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
  for (char c : digits) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (kLimit - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  return true;
}

// Applies the sign; false when the magnitude does not fit.
bool to_signed(uint64_t magnitude, bool negative, int64_t& out) {
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude == kMaxPositive + 1) {
      out = std::numeric_limits<int64_t>::min();
      return true;
    }
    if (magnitude > kMaxPositive) return false;
    out = -static_cast<int64_t>(magnitude);
    return true;
  }
  if (magnitude > kMaxPositive) return false;
  out = static_cast<int64_t>(magnitude);
  return true;
}

Error not_a_number(std::string_view text, std::string_view why) {
  return make_error(ErrorClass::input, "'" + std::string(text) + "' " + std::string(why));
}

}  // namespace

Result<int64_t> decimal_to_cents(std::string_view text, CentsRounding rounding) {
  ParsedDecimal parsed;
  if (!parse_decimal(text, parsed)) return not_a_number(text, "is not a decimal number");
  std::string cents_digits(parsed.integer_digits);
  std::string_view fraction = parsed.fraction_digits;
  for (size_t i = 0; i < 2; ++i) cents_digits.push_back(i < fraction.size() ? fraction[i] : '0');
  std::string_view rest = fraction.size() > 2 ? fraction.substr(2) : std::string_view{};
  bool round_up = false;
  if (rest.find_first_not_of('0') != std::string_view::npos) {
    if (rounding == CentsRounding::reject) return not_a_number(text, "has more precision than cents");
    round_up = rest.front() >= '5';
  }
  uint64_t magnitude = 0;
  if (!accumulate(magnitude, cents_digits) || (round_up && magnitude == std::numeric_limits<uint64_t>::max()))
    return not_a_number(text, "is too large for an amount in cents");
  if (round_up) ++magnitude;
  int64_t cents = 0;
  if (!to_signed(magnitude, parsed.negative, cents))
    return not_a_number(text, "is too large for an amount in cents");
  return cents;
}

std::string cents_to_decimal(int64_t cents) {
  return scaled_to_decimal(cents, 2);
}

Result<ScaledQuantity> decimal_to_scaled(std::string_view text) {
  ParsedDecimal parsed;
  if (!parse_decimal(text, parsed)) return not_a_number(text, "is not a decimal number");
  if (parsed.fraction_digits.size() > kMaxDecimalPlaces)
    return not_a_number(text, "has more than 18 decimals");
  uint64_t magnitude = 0;
  if (!accumulate(magnitude, parsed.integer_digits) || !accumulate(magnitude, parsed.fraction_digits))
    return not_a_number(text, "is too large for a quantity");
  ScaledQuantity quantity;
  if (!to_signed(magnitude, parsed.negative, quantity.value))
    return not_a_number(text, "is too large for a quantity");
  quantity.decimal_places = static_cast<int>(parsed.fraction_digits.size());
  return quantity;
}

std::string scaled_to_decimal(int64_t value, int decimal_places) {
  if (decimal_places < 0) decimal_places = 0;
  if (decimal_places > kMaxDecimalPlaces) decimal_places = kMaxDecimalPlaces;
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  if (digits.size() <= static_cast<size_t>(decimal_places))
    digits.insert(0, static_cast<size_t>(decimal_places) + 1 - digits.size(), '0');
  if (decimal_places > 0) digits.insert(digits.size() - static_cast<size_t>(decimal_places), 1, '.');
  return negative ? "-" + digits : digits;
}

std::string shortest_decimal_text(double value) {
  if (!std::isfinite(value)) return "";
  // std::to_chars without a format gives the shortest text that round-trips; force plain
  // notation so that 1e-05 comes out as 0.00001.
  char buffer[400];
  auto shortest = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, shortest.ptr);
  if (text.find('e') == std::string::npos) return text;
  int precision = 0;
  for (; precision < 340; ++precision) {
    auto fixed = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, precision);
    double back = 0;
    std::from_chars(buffer, fixed.ptr, back);
    if (back == value) return std::string(buffer, fixed.ptr);
  }
  return text;
}

}  // namespace lsmplus::util
