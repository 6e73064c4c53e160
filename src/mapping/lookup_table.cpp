#include "mapping/lookup_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lsmplus::mapping {

namespace {

constexpr char kSeparator = '\x1f';

// The text a key value matches by; nullopt for lists and objects (which match only wildcards).
std::optional<std::string> key_text(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null:
      return std::string();
    case Value::Kind::boolean:
      return std::string(v.as_bool() ? "true" : "false");
    case Value::Kind::number:
      return v.as_number().to_string();
    case Value::Kind::string:
      return std::string(v.as_text());
    default:
      return std::nullopt;
  }
}

std::string shown_keys(const std::vector<Value>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) out += ", ";
    auto text = key_text(keys[i]);
    out += text ? fmt::format("'{}'", *text) : std::string(keys[i].kind_name());
  }
  return out;
}

}  // namespace

std::optional<OnMissing> parse_on_missing(std::string_view text) {
  if (text == "error") return OnMissing::error;
  if (text == "default") return OnMissing::use_default;
  if (text == "passthrough") return OnMissing::passthrough;
  if (text == "skip_record") return OnMissing::skip_record;
  return std::nullopt;
}

MappingTable::MappingTable(std::string name, size_t key_count, OnMissing on_missing, Value default_value)
    : name_(std::move(name)),
      key_count_(key_count),
      on_missing_(on_missing),
      default_(std::move(default_value)) {}

void MappingTable::add(std::vector<std::string> parts, Value value) {
  size_t wildcards = static_cast<size_t>(std::count(parts.begin(), parts.end(), "*"));
  if (wildcards == 0) {
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) joined += kSeparator;
      joined += parts[i];
    }
    exact_.emplace(std::move(joined), std::move(value));
    return;
  }
  Pattern p{std::move(parts), std::move(value), wildcards};
  auto pos = std::upper_bound(patterns_.begin(), patterns_.end(), p.wildcards,
                              [](size_t w, const Pattern& other) { return w < other.wildcards; });
  patterns_.insert(pos, std::move(p));
}

Result<std::optional<Value>> MappingTable::find(const std::vector<Value>& keys) const {
  if (keys.size() == 1 && keys[0].kind() == Value::Kind::string) {
    auto it = exact_.find(keys[0].as_text());
    if (it != exact_.end()) return std::optional<Value>(it->second);
  }
  std::vector<std::optional<std::string>> texts;
  texts.reserve(keys.size());
  bool all_text = true;
  for (const auto& k : keys) {
    texts.push_back(key_text(k));
    all_text = all_text && texts.back().has_value();
  }
  if (all_text && !(keys.size() == 1 && keys[0].kind() == Value::Kind::string)) {
    std::string joined;
    for (size_t i = 0; i < texts.size(); ++i) {
      if (i) joined += kSeparator;
      joined += *texts[i];
    }
    auto it = exact_.find(std::string_view(joined));
    if (it != exact_.end()) return std::optional<Value>(it->second);
  }
  for (const Pattern& p : patterns_) {
    bool match = true;
    for (size_t i = 0; i < p.parts.size() && match; ++i) {
      match = p.parts[i] == "*" || (i < texts.size() && texts[i] && *texts[i] == p.parts[i]);
    }
    if (match) return std::optional<Value>(p.value);
  }
  switch (on_missing_) {
    case OnMissing::use_default:
      return std::optional<Value>(default_);
    case OnMissing::passthrough:
      return std::optional<Value>(keys.empty() ? Value() : keys[0]);
    case OnMissing::skip_record:
      return std::optional<Value>();
    case OnMissing::error:
      break;
  }
  return make_error(ErrorClass::permanent,
                    fmt::format("lookup table '{}' has no entry for {}", name_, shown_keys(keys)));
}

}  // namespace lsmplus::mapping
