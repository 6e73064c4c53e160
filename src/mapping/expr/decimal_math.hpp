// Exact arithmetic on mapping::Decimal (mantissa × 10^-scale, scale 0..18). Intermediates are
// 128-bit; every function returns nullopt when the result does not fit an int64 mantissa.
// Results are normalised: trailing fractional zeros are dropped and scales above 18 are rounded
// half away from zero to 18 places.
#pragma once

#include <optional>

#include "lsmplus/mapping/value.hpp"

namespace lsmplus::mapping::expr {

enum class Rounding { half_up, half_even, down, up, floor, ceiling };

// The mode named by `name` ("half_up", "half_even", "down", "up", "floor", "ceiling").
std::optional<Rounding> rounding_from_name(std::string_view name);

std::optional<Decimal> normalize(__int128 mantissa, int scale);
std::optional<Decimal> add(Decimal a, Decimal b);
std::optional<Decimal> subtract(Decimal a, Decimal b);
std::optional<Decimal> multiply(Decimal a, Decimal b);
// a / b rounded half away from zero to `places` decimals (0..18). b must not be zero.
std::optional<Decimal> divide(Decimal a, Decimal b, int places = 10);
// a - b × trunc(a / b) (the sign follows a). b must not be zero.
std::optional<Decimal> remainder(Decimal a, Decimal b);
std::optional<Decimal> negate(Decimal a);
// `a` with at most `places` (0..18) decimals.
std::optional<Decimal> round(Decimal a, int places, Rounding mode);
bool is_zero(Decimal a);
// The integer value when `a` is whole (1.00 is 1); nullopt otherwise.
std::optional<int64_t> whole(Decimal a);

}  // namespace lsmplus::mapping::expr
