// The values lsmx computes with: null, booleans, exact decimals, text, lists and objects. Lists and
// objects read from a record are borrowed views of its JSON (no copy); computed ones are owned.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::mapping {

// An exact decimal: mantissa × 10^-scale, scale 0..18. Arithmetic never goes through binary
// floating point: 19.99 × 3 is exactly 59.97. Operations that overflow int64 report an error.
struct Decimal {
  int64_t mantissa = 0;
  int scale = 0;

  // "19.99", "-0.5", "3", "1e2" is not accepted. nullopt for anything else or on overflow.
  static std::optional<Decimal> parse(std::string_view text);
  // A JSON number: integers exactly; doubles through their shortest round-trip text (so 19.99
  // read from JSON is exactly 19.99).
  static std::optional<Decimal> from_json(const rapidjson::Value& number);
  // Canonical text without trailing zeros ("59.97", "3", "-0.5").
  std::string to_string() const;
  int compare(const Decimal& other) const;  // <0, 0, >0
};

class Value {
 public:
  enum class Kind { null, boolean, number, string, array, object };

  Value();  // null
  static Value boolean(bool b);
  static Value number(Decimal d);
  static Value integer(int64_t i);
  static Value text(std::string s);
  static Value list(std::vector<Value> items);
  static Value object(std::vector<std::pair<std::string, Value>> members);
  // A view of JSON owned by someone else (must outlive the Value). JSON false is a boolean; the
  // mapping layer decides what Lightspeed's "false means absent" means.
  // JSON strings are borrowed views; a JSON number that no Decimal holds (beyond int64, or with
  // more than 18 decimals) becomes text with its digits, so arithmetic on it reports an error.
  static Value json(const rapidjson::Value& v);

  Kind kind() const;
  bool is_null() const { return kind() == Kind::null; }
  const char* kind_name() const;  // "null", "a boolean", "a number", "text", "a list", "an object"

  // Accessors; calling the wrong one is a bug (asserts).
  bool as_bool() const;
  Decimal as_number() const;
  std::string_view as_text() const;
  size_t size() const;                       // lists and objects
  Value at(size_t index) const;              // lists: the item, or null past the end
  Value member(std::string_view name) const; // objects: the member, or null when absent
  // Objects, in order: the name and value of member `index` (index < size()).
  std::string_view member_name(size_t index) const;
  Value member_value(size_t index) const;

  // Writes the value as JSON (numbers as JSON numbers: whole numbers as integers, others as the
  // double whose shortest text is their exact digits).
  void write_json(rapidjson::Value& out, rapidjson::Document::AllocatorType& alloc) const;

  // Equality as `==` uses it: numbers by value (1.50 == 1.5), text by bytes, lists/objects deep.
  bool equals(const Value& other) const;

 private:
  // A small tagged value, cheap to copy: booleans and numbers inline, text as a view (into the
  // JSON, or into `owned_`), JSON lists and objects as a pointer; computed text, lists and objects
  // are shared through `owned_`.
  enum class Rep : uint8_t { null, boolean, number, text, json_array, json_object, list, object };
  struct Owned;
  struct TextRef {
    const char* data;
    size_t size;
  };
  union Payload {
    bool b;
    Decimal d;
    TextRef s;
    const rapidjson::Value* j;
    Payload() : j(nullptr) {}
  };
  Rep rep_ = Rep::null;
  Payload u_;
  std::shared_ptr<const Owned> owned_;
};

}  // namespace lsmplus::mapping
