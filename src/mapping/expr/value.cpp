#include "lsmplus/mapping/value.hpp"

#include <cmath>
#include <cassert>
#include <cstdlib>
#include <limits>

#include "lsmplus/util/decimal.hpp"
#include "mapping/expr/decimal_math.hpp"

namespace lsmplus::mapping {

struct Value::Owned {
  std::string text;
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members;
};

// ---- Decimal -------------------------------------------------------------------------------

std::optional<Decimal> Decimal::parse(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto dot = text.find('.');
  std::string_view integer = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (integer.empty() || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;
  if (fraction.size() > 18) return std::nullopt;
  __int128 m = 0;
  constexpr __int128 kLimit = static_cast<__int128>(std::numeric_limits<int64_t>::max()) + 1;
  for (std::string_view part : {integer, fraction}) {
    for (char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
      m = m * 10 + (c - '0');
      if (m > kLimit) return std::nullopt;
    }
  }
  if (negative) m = -m;
  if (m > std::numeric_limits<int64_t>::max()) return std::nullopt;
  return Decimal{static_cast<int64_t>(m), static_cast<int>(fraction.size())};
}

std::optional<Decimal> Decimal::from_json(const rapidjson::Value& number) {
  if (number.IsInt64()) return Decimal{number.GetInt64(), 0};
  if (!number.IsNumber() || number.IsUint64()) return std::nullopt;
  const double x = number.GetDouble();
  // Fast path for amounts as shops write them (a few decimals): the fewest decimals k with
  // round(x·10^k)/10^k == x is a decimal that reads back as exactly this double, as the shortest
  // text would. Anything else takes the general route.
  if (std::fabs(x) < 1e12) {
    double scale = 1;
    for (int k = 0; k <= 6; ++k, scale *= 10) {
      double m = std::round(x * scale);
      if (m / scale == x) return Decimal{static_cast<int64_t>(m), k};
    }
  }
  return parse(util::shortest_decimal_text(x));
}

std::string Decimal::to_string() const {
  int64_t m = mantissa;
  int s = scale;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  bool negative = m < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(m) : static_cast<uint64_t>(m);
  std::string digits = std::to_string(magnitude);
  if (s > 0) {
    if (digits.size() <= static_cast<size_t>(s)) digits.insert(0, static_cast<size_t>(s) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(s), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

int Decimal::compare(const Decimal& other) const {
  int s = scale > other.scale ? scale : other.scale;
  __int128 a = mantissa, b = other.mantissa;
  for (int i = scale; i < s; ++i) a *= 10;
  for (int i = other.scale; i < s; ++i) b *= 10;
  return a < b ? -1 : (a > b ? 1 : 0);
}

// ---- Value ---------------------------------------------------------------------------------

Value::Value() = default;

Value Value::boolean(bool b) {
  Value v;
  v.rep_ = Rep::boolean;
  v.u_.b = b;
  return v;
}

Value Value::number(Decimal d) {
  Value v;
  v.rep_ = Rep::number;
  v.u_.d = d;
  return v;
}

Value Value::integer(int64_t i) { return number(Decimal{i, 0}); }

Value Value::text(std::string s) {
  auto owned = std::make_shared<Owned>();
  owned->text = std::move(s);
  Value v;
  v.rep_ = Rep::text;
  v.u_.s = TextRef{owned->text.data(), owned->text.size()};
  v.owned_ = std::move(owned);
  return v;
}

Value Value::list(std::vector<Value> items) {
  auto owned = std::make_shared<Owned>();
  owned->items = std::move(items);
  Value v;
  v.rep_ = Rep::list;
  v.owned_ = std::move(owned);
  return v;
}

Value Value::object(std::vector<std::pair<std::string, Value>> members) {
  auto owned = std::make_shared<Owned>();
  owned->members = std::move(members);
  Value v;
  v.rep_ = Rep::object;
  v.owned_ = std::move(owned);
  return v;
}

Value Value::json(const rapidjson::Value& j) {
  Value v;
  switch (j.GetType()) {
    case rapidjson::kNullType:
      break;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      v.rep_ = Rep::boolean;
      v.u_.b = j.GetBool();
      break;
    case rapidjson::kNumberType:
      if (auto d = Decimal::from_json(j)) return number(*d);
      if (j.IsUint64()) return text(std::to_string(j.GetUint64()));
      return text(util::shortest_decimal_text(j.GetDouble()));
    case rapidjson::kStringType:
      v.rep_ = Rep::text;
      v.u_.s = TextRef{j.GetString(), j.GetStringLength()};
      break;
    case rapidjson::kArrayType:
      v.rep_ = Rep::json_array;
      v.u_.j = &j;
      break;
    case rapidjson::kObjectType:
      v.rep_ = Rep::json_object;
      v.u_.j = &j;
      break;
  }
  return v;
}

Value::Kind Value::kind() const {
  switch (rep_) {
    case Rep::null: return Kind::null;
    case Rep::boolean: return Kind::boolean;
    case Rep::number: return Kind::number;
    case Rep::text: return Kind::string;
    case Rep::json_array:
    case Rep::list: return Kind::array;
    case Rep::json_object:
    case Rep::object: return Kind::object;
  }
  return Kind::null;
}

const char* Value::kind_name() const {
  switch (kind()) {
    case Kind::null: return "null";
    case Kind::boolean: return "a boolean";
    case Kind::number: return "a number";
    case Kind::string: return "text";
    case Kind::array: return "a list";
    case Kind::object: return "an object";
  }
  return "null";
}

bool Value::as_bool() const {
  assert(rep_ == Rep::boolean);
  return rep_ == Rep::boolean && u_.b;
}

Decimal Value::as_number() const {
  assert(rep_ == Rep::number);
  return rep_ == Rep::number ? u_.d : Decimal{};
}

std::string_view Value::as_text() const {
  assert(rep_ == Rep::text);
  return rep_ == Rep::text ? std::string_view(u_.s.data, u_.s.size) : std::string_view{};
}

size_t Value::size() const {
  switch (rep_) {
    case Rep::json_array: return u_.j->Size();
    case Rep::json_object: return u_.j->MemberCount();
    case Rep::list: return owned_->items.size();
    case Rep::object: return owned_->members.size();
    default: assert(false && "size() of a scalar"); return 0;
  }
}

Value Value::at(size_t index) const {
  if (rep_ == Rep::json_array) return index < u_.j->Size() ? json((*u_.j)[static_cast<rapidjson::SizeType>(index)]) : Value();
  if (rep_ == Rep::list) return index < owned_->items.size() ? owned_->items[index] : Value();
  assert(false && "at() of a non-list");
  return Value();
}

Value Value::member(std::string_view name) const {
  if (rep_ == Rep::json_object) {
    rapidjson::Value key(rapidjson::StringRef(name.data(), name.size()));
    auto it = u_.j->FindMember(key);
    return it == u_.j->MemberEnd() ? Value() : json(it->value);
  }
  if (rep_ == Rep::object) {
    for (const auto& [n, v] : owned_->members) {
      if (n == name) return v;
    }
    return Value();
  }
  assert(false && "member() of a non-object");
  return Value();
}

std::string_view Value::member_name(size_t index) const {
  if (rep_ == Rep::json_object) {
    const auto& name = (u_.j->MemberBegin() + static_cast<rapidjson::SizeType>(index))->name;
    return std::string_view(name.GetString(), name.GetStringLength());
  }
  assert(rep_ == Rep::object);
  return owned_->members[index].first;
}

Value Value::member_value(size_t index) const {
  if (rep_ == Rep::json_object) return json((u_.j->MemberBegin() + static_cast<rapidjson::SizeType>(index))->value);
  assert(rep_ == Rep::object);
  return owned_->members[index].second;
}

void Value::write_json(rapidjson::Value& out, rapidjson::Document::AllocatorType& alloc) const {
  switch (rep_) {
    case Rep::null:
      out.SetNull();
      return;
    case Rep::boolean:
      out.SetBool(u_.b);
      return;
    case Rep::number: {
      if (auto w = expr::whole(u_.d)) {
        out.SetInt64(*w);
      } else {
        out.SetDouble(std::strtod(u_.d.to_string().c_str(), nullptr));
      }
      return;
    }
    case Rep::text:
      out.SetString(u_.s.data, static_cast<rapidjson::SizeType>(u_.s.size), alloc);
      return;
    case Rep::json_array:
    case Rep::json_object:
      out.CopyFrom(*u_.j, alloc);
      return;
    case Rep::list:
      out.SetArray();
      for (const Value& item : owned_->items) {
        rapidjson::Value element;
        item.write_json(element, alloc);
        out.PushBack(element, alloc);
      }
      return;
    case Rep::object:
      out.SetObject();
      for (const auto& [name, member_value] : owned_->members) {
        rapidjson::Value element;
        member_value.write_json(element, alloc);
        out.AddMember(rapidjson::Value(name.data(), static_cast<rapidjson::SizeType>(name.size()), alloc), element,
                      alloc);
      }
      return;
  }
}

bool Value::equals(const Value& other) const {
  Kind k = kind();
  if (k != other.kind()) return false;
  switch (k) {
    case Kind::null: return true;
    case Kind::boolean: return as_bool() == other.as_bool();
    case Kind::number: return as_number().compare(other.as_number()) == 0;
    case Kind::string: return as_text() == other.as_text();
    case Kind::array: {
      size_t n = size();
      if (n != other.size()) return false;
      for (size_t i = 0; i < n; ++i) {
        if (!at(i).equals(other.at(i))) return false;
      }
      return true;
    }
    case Kind::object: {
      size_t n = size();
      if (n != other.size()) return false;
      for (size_t i = 0; i < n; ++i) {
        if (!member_value(i).equals(other.member(member_name(i)))) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace lsmplus::mapping
