// Exact decimal arithmetic for money: amounts travel as decimal text or integer cents, never
// as binary floating point (19.99 × 3 is 5997 cents, not 5996.999…).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lsmplus::util {

// Parses decimal text ("19.99", "-0.5", "3", "2.8843", "+1.0") into integer cents, rounding
// half away from zero beyond two decimals. Returns nullopt for anything else (empty, exponent
// notation, letters) or on overflow.
std::optional<int64_t> parse_cents(std::string_view text);

// Formats cents as decimal text with two decimals ("1999" → "19.99", "-5" → "-0.05").
std::string format_cents(int64_t cents);

}  // namespace lsmplus::util
