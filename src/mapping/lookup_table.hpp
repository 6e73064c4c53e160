// The lookup tables of a mapping (`lookups:`): exact keys, "*" wildcards per key position,
// composite keys written "a,b" in the YAML, and an on_missing policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lsmplus/mapping/expression.hpp"

namespace lsmplus::mapping {

enum class OnMissing { error, use_default, passthrough, skip_record };

// Parses "error" | "default" | "passthrough" | "skip_record".
std::optional<OnMissing> parse_on_missing(std::string_view text);

class MappingTable final : public LookupTable {
 public:
  MappingTable(std::string name, size_t key_count, OnMissing on_missing, Value default_value);

  // Adds an entry; `parts` holds one text per key ("*" matches any value at that position).
  // An exact key given twice keeps the first.
  void add(std::vector<std::string> parts, Value value);

  size_t key_count() const override { return key_count_; }

  // Exact entries first; then wildcard entries, those with fewer "*" first, in the order written.
  // Keys match by their text: text as is, numbers canonical ("21", "0.5"), booleans "true"/"false",
  // null as "". Missing: the on_missing policy.
  Result<std::optional<Value>> find(const std::vector<Value>& keys) const override;

  const std::string& name() const { return name_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Pattern {
    std::vector<std::string> parts;
    Value value;
    size_t wildcards = 0;
  };

  std::string name_;
  size_t key_count_;
  OnMissing on_missing_;
  Value default_;
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> exact_;  // parts joined by '\x1f'
  std::vector<Pattern> patterns_;
};

}  // namespace lsmplus::mapping
