#include "mapping/expr/decimal_math.hpp"

#include <array>
#include <limits>

namespace lsmplus::mapping::expr {

namespace {

constexpr int kMaxScale = 18;

constexpr std::array<__int128, 39> kPow10 = [] {
  std::array<__int128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

__int128 pow10(int n) { return kPow10[static_cast<size_t>(n)]; }

bool fits_int64(__int128 v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

// m / d (d > 0) rounded to an integer by `mode`. 64-bit division when the operands allow it:
// 128-bit division is a slow library call.
__int128 round_div(__int128 m, __int128 d, Rounding mode) {
  __int128 q, r;
  if (fits_int64(m) && fits_int64(d)) {
    q = static_cast<int64_t>(m) / static_cast<int64_t>(d);
    r = static_cast<int64_t>(m) % static_cast<int64_t>(d);
  } else {
    q = m / d;
    r = m % d;
  }
  if (r == 0) return q;
  int sign = m < 0 ? -1 : 1;
  __int128 twice = (r < 0 ? -r : r) * 2;
  switch (mode) {
    case Rounding::half_up:
      if (twice >= d) q += sign;
      break;
    case Rounding::half_even:
      if (twice > d || (twice == d && q % 2 != 0)) q += sign;
      break;
    case Rounding::down:
      break;
    case Rounding::up:
      q += sign;
      break;
    case Rounding::floor:
      if (r < 0) q -= 1;
      break;
    case Rounding::ceiling:
      if (r > 0) q += 1;
      break;
  }
  return q;
}

// Both mantissas at the larger scale.
int align(Decimal a, Decimal b, __int128& am, __int128& bm) {
  int scale = a.scale > b.scale ? a.scale : b.scale;
  am = static_cast<__int128>(a.mantissa) * pow10(scale - a.scale);
  bm = static_cast<__int128>(b.mantissa) * pow10(scale - b.scale);
  return scale;
}

}  // namespace

std::optional<Rounding> rounding_from_name(std::string_view name) {
  if (name == "half_up") return Rounding::half_up;
  if (name == "half_even") return Rounding::half_even;
  if (name == "down") return Rounding::down;
  if (name == "up") return Rounding::up;
  if (name == "floor") return Rounding::floor;
  if (name == "ceiling") return Rounding::ceiling;
  return std::nullopt;
}

std::optional<Decimal> normalize(__int128 mantissa, int scale) {
  if (scale > kMaxScale) {
    mantissa = round_div(mantissa, pow10(scale - kMaxScale), Rounding::half_up);
    scale = kMaxScale;
  }
  while (!fits_int64(mantissa) && scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (!fits_int64(mantissa)) return std::nullopt;
  int64_t m = static_cast<int64_t>(mantissa);
  while (scale > 0 && m % 10 == 0) {
    m /= 10;
    --scale;
  }
  return Decimal{m, scale};
}

std::optional<Decimal> add(Decimal a, Decimal b) {
  __int128 am, bm;
  int scale = align(a, b, am, bm);
  return normalize(am + bm, scale);
}

std::optional<Decimal> subtract(Decimal a, Decimal b) {
  __int128 am, bm;
  int scale = align(a, b, am, bm);
  return normalize(am - bm, scale);
}

std::optional<Decimal> multiply(Decimal a, Decimal b) {
  return normalize(static_cast<__int128>(a.mantissa) * b.mantissa, a.scale + b.scale);
}

std::optional<Decimal> divide(Decimal a, Decimal b, int places) {
  if (b.mantissa == 0) return std::nullopt;
  bool negative = (a.mantissa < 0) != (b.mantissa < 0);
  __int128 am = a.mantissa, bm = b.mantissa;
  unsigned __int128 num = static_cast<unsigned __int128>(am < 0 ? -am : am);
  unsigned __int128 den = static_cast<unsigned __int128>(bm < 0 ? -bm : bm);
  int e = places + b.scale - a.scale;  // result × 10^places = num × 10^e / den
  if (e < 0) den *= static_cast<unsigned __int128>(pow10(-e));
  constexpr unsigned __int128 kLimit = static_cast<unsigned __int128>(1) << 100;
  if (e > 0 && e <= 19) {  // num < 2^63, so num × 10^19 still fits: one division instead of e
    num *= static_cast<unsigned __int128>(pow10(e));
    e = 0;
  }
  unsigned __int128 q = num / den;
  unsigned __int128 r = num % den;
  for (int i = 0; i < e; ++i) {
    r *= 10;
    q = q * 10 + r / den;
    r %= den;
    if (q > kLimit) return std::nullopt;
  }
  if (r * 2 >= den) ++q;
  if (q > kLimit) return std::nullopt;
  __int128 signed_q = static_cast<__int128>(q);
  return normalize(negative ? -signed_q : signed_q, places);
}

std::optional<Decimal> remainder(Decimal a, Decimal b) {
  if (b.mantissa == 0) return std::nullopt;
  __int128 am, bm;
  int scale = align(a, b, am, bm);
  return normalize(am % bm, scale);
}

std::optional<Decimal> negate(Decimal a) {
  return normalize(-static_cast<__int128>(a.mantissa), a.scale);
}

std::optional<Decimal> round(Decimal a, int places, Rounding mode) {
  if (places < 0 || places > kMaxScale) return std::nullopt;
  if (a.scale <= places) return normalize(a.mantissa, a.scale);
  return normalize(round_div(a.mantissa, pow10(a.scale - places), mode), places);
}

bool is_zero(Decimal a) { return a.mantissa == 0; }

std::optional<int64_t> whole(Decimal a) {
  auto n = normalize(a.mantissa, a.scale);
  if (!n || n->scale != 0) return std::nullopt;
  return n->mantissa;
}

}  // namespace lsmplus::mapping::expr
