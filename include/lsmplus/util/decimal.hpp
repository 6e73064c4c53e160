// Exact decimals for money and quantities: decimal text ("19.99") to and from the integers
// Mplus puts on the wire, money in cents and quantities as an integer plus decimalPlaces
// (API-MPLUS.md §2.2). No floating point anywhere, so no value is ever off by one cent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lsmplus/core/error.hpp"

namespace lsmplus::util {

// What to do with digits beyond the second decimal in decimal_to_cents.
enum class CentsRounding {
  reject,               // "19.999" is an error; trailing zeros ("19.9900") are fine
  half_away_from_zero,  // "19.995" → 2000, "-0.005" → -1
};

// "19.99" → 1999, "-5" → -500, "0.5" → 50, "+3.10" → 310. Accepts an optional sign, digits, and
// an optional '.' with digits; no exponent, no thousands separators, no surrounding spaces.
// Returns an `input` Error for text that is not such a number, that does not fit in int64 cents,
// or (with CentsRounding::reject) that has non-zero digits past the cents.
Result<int64_t> decimal_to_cents(std::string_view text, CentsRounding rounding = CentsRounding::reject);

// 1999 → "19.99", -5 → "-0.05", 0 → "0.00". Always two decimals.
std::string cents_to_decimal(int64_t cents);

// A quantity as Mplus sends it: value / 10^decimal_places (1.25 is {125, 2}).
struct ScaledQuantity {
  int64_t value = 0;
  int decimal_places = 0;
};

// "0.530" → {530, 3}, "2" → {2, 0}, "2.50" → {250, 2} (the text's own scale is kept).
// Returns an `input` Error for text that is not a plain decimal number, with more than 18
// decimals, or that does not fit in int64.
Result<ScaledQuantity> decimal_to_scaled(std::string_view text);

// {530, 3} → "0.530", {2, 0} → "2", {-125, 2} → "-1.25". decimal_places outside 0..18 is
// treated as 0 for negative values and clamped to 18 above.
std::string scaled_to_decimal(int64_t value, int decimal_places);

// The shortest decimal text that reads back as `value` ("19.99" for the double nearest 19.99,
// "3" for 3.0, "-0.5"): how a JSON number parsed as a double is turned back into the exact
// decimal its author wrote. Non-finite values give "".
std::string shortest_decimal_text(double value);

}  // namespace lsmplus::util
