#include "lsmplus/config/config.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include "config/references.hpp"
#include "lsmplus/util/suggest.hpp"

namespace lsmplus::config {

namespace fs = std::filesystem;

namespace {


const std::vector<std::string> kFlowNames{"orders", "customers", "products", "categories", "stock", "order-status"};
const std::vector<std::string> kOrderStatuses{
    "on_hold",
    "processing_awaiting_payment",
    "processing_awaiting_shipment",
    "processing_awaiting_pickup",
    "processing_ready_for_pickup",
    "completed",
    "completed_shipped",
    "completed_picked_up",
    "cancelled",
};
const std::vector<std::string> kMappingKeys{"fields", "lookups", "each", "when"};

// A 1-based position in the file; line 0 means "unknown".
struct Pos {
  int line = 0;
  int column = 0;
};

Pos pos_of(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {1, 1};
  return {mark.line + 1, mark.column + 1};
}

struct Diagnostic {
  Pos pos;
  std::string text;
};

std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& known) {
  return util::did_you_mean(word, known);
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

const char* kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Null: return "nothing";
    default: return "a scalar";
  }
}

struct Entry {
  YAML::Node key;
  YAML::Node value;
  Pos key_pos;
  // Where a problem with the value is reported: the value itself, or the key when the value is
  // empty (yaml-cpp marks an empty value at the next token).
  Pos value_pos() const { return value.IsNull() ? key_pos : pos_of(value.Mark()); }
};

// One mapping of the file: its dotted path, where it starts, and its known keys as given.
struct Section {
  std::string path;
  Pos pos;
  std::map<std::string, Entry> entries;
  bool valid = false;  // false when the node was not a mapping (already reported)

  std::string key_path(std::string_view key) const {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }
  const Entry* find(const std::string& key) const {
    auto it = entries.find(key);
    if (it == entries.end() || it->second.value.IsNull()) return nullptr;
    return &it->second;
  }
  bool given(const std::string& key) const { return entries.count(key) != 0; }
};

bool valid_iso_date_time(const std::string& text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) return false;
  int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] || (month == 2 && day == 29 && !leap)) return false;
  if (m[4].matched && (std::stoi(m[4]) > 23 || std::stoi(m[5]) > 59)) return false;
  if (m[6].matched && std::stoi(m[6]) > 60) return false;
  return true;
}

bool is_http_url(const std::string& text) {
  static const std::regex kPattern(R"(^https?://[^/\s:]+(:\d{1,5})?(/\S*)?$)", std::regex::icase);
  return std::regex_match(text, kPattern);
}

std::string strip_trailing_slashes(std::string text) {
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

class Loader {
 public:
  Loader(fs::path folder, const EnvLookup& env, bool offline)
      : folder_(std::move(folder)), env_(env), offline_(offline) {}

  void load(const YAML::Node& root, Config& config) {
    if (root.IsNull()) {
      report({1, 1}, "", "the file is empty; expected the sections lightspeed, mplus, state, log and flows");
      return;
    }
    Section top = open(root, "", {1, 1}, {"lightspeed", "mplus", "state", "log", "flows"});
    if (!top.valid) return;

    if (auto* e = required(top, "lightspeed")) load_lightspeed(*e, config.lightspeed);
    if (auto* e = required(top, "mplus")) load_mplus(*e, config.mplus);
    std::string state = string(top, "state").value_or("lsmplus.db");
    if (state.empty()) {
      report(top.find("state")->value_pos(), "state", "expected the path of the state database, got ''");
    }
    config.state_path = resolve_file(state);
    if (auto* e = top.find("log")) load_log(*e, config.log);
    if (auto* e = top.find("flows")) load_flows(*e, config);
  }

  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;

  void report(Pos pos, const std::string& key_path, const std::string& message) {
    errors.push_back({pos, key_path.empty() ? message : fmt::format("{}: {}", key_path, message)});
  }

 private:
  // Opens a mapping: reports keys that are not in `known` (with a suggestion), duplicate keys
  // and the datamapper's reserved keys.
  Section open(const YAML::Node& node, std::string path, Pos pos, const std::vector<std::string>& known,
               bool mapping_keys_reserved = false) {
    Section section{std::move(path), pos, {}, false};
    if (!node.IsMap()) {
      report(pos, section.path.empty() ? "" : section.path,
             fmt::format("expected a mapping of keys, got {}", kind_of(node)));
      return section;
    }
    section.valid = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      Pos key_pos = pos_of(it->first.Mark());
      if (!it->first.IsScalar()) {
        report(key_pos, section.path, fmt::format("a key must be a plain word, got {}", kind_of(it->first)));
        continue;
      }
      const std::string key = it->first.Scalar();
      const std::string key_path = section.key_path(key);
      if (auto previous = section.entries.find(key); previous != section.entries.end()) {
        report(key_pos, key_path, fmt::format("duplicate key (first given at line {})", previous->second.key_pos.line));
        continue;
      }
      // The datamapper's keys are compiled and checked by the mapping layer (lsmplus lint).
      if (mapping_keys_reserved && std::find(kMappingKeys.begin(), kMappingKeys.end(), key) != kMappingKeys.end()) {
        continue;
      }
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        report(key_pos, key_path, "unknown key" + suggestion_suffix(key, known));
        continue;
      }
      section.entries.emplace(key, Entry{it->first, it->second, key_pos});
    }
    return section;
  }

  Section open(const Entry& entry, const std::string& path, const std::vector<std::string>& known,
               bool mapping_keys_reserved = false) {
    return open(entry.value, path, entry.key_pos, known, mapping_keys_reserved);
  }

  const Entry* required(const Section& section, const std::string& key) {
    if (!section.valid) return nullptr;
    if (const Entry* e = section.find(key)) return e;
    auto given = section.entries.find(key);
    if (given != section.entries.end()) {
      report(given->second.key_pos, section.key_path(key), "a value is required");
    } else {
      report(section.pos, section.key_path(key), "missing required key");
    }
    return nullptr;
  }

  // The scalar with its references expanded; nullopt when absent or on error (reported).
  std::optional<std::string> scalar(const Section& section, const std::string& key, const char* expected) {
    const Entry* e = section.find(key);
    if (!e) return std::nullopt;
    return scalar_of(*e, section.key_path(key), expected);
  }

  std::optional<std::string> scalar_of(const Entry& e, const std::string& key_path, const char* expected) {
    if (!e.value.IsScalar()) {
      report(e.value_pos(), key_path, fmt::format("expected {}, got {}", expected, kind_of(e.value)));
      return std::nullopt;
    }
    return expand(e.value.Scalar(), e.value_pos(), key_path);
  }

  std::optional<std::string> expand(const std::string& raw, Pos pos, const std::string& key_path,
                                    bool secret = false) {
    Expansion x = expand_references(raw, env_);
    if (!x.syntax_error.empty()) {
      report(pos, key_path, x.syntax_error);
      return std::nullopt;
    }
    if (!x.unset.empty() && secret && x.whole_reference) {
      if (auto file = env_(x.first_variable + "_FILE")) {
        return read_secret_file(*file, pos, key_path, fmt::format("${{{}_FILE}}", x.first_variable));
      }
    }
    // Offline (lint, map, test without credentials): an unset variable leaves the value unset.
    if (offline_) return x.unset.empty() ? std::optional<std::string>(std::move(x.text)) : std::nullopt;
    for (const auto& name : x.unset) {
      report(pos, key_path,
             fmt::format("environment variable {0} is not set (write ${{{0}:-default}} for a default)", name));
    }
    if (!x.unset.empty()) return std::nullopt;
    return std::move(x.text);
  }

  std::optional<std::string> string(const Section& section, const std::string& key) {
    return scalar(section, key, "a string");
  }

  // A string value shown in errors: the expanded text, and the file's text when they differ.
  static std::string shown(const Entry& e, const std::string& text) {
    if (e.value.IsScalar() && e.value.Scalar() != text) return fmt::format("'{}' (from '{}')", text, e.value.Scalar());
    return fmt::format("'{}'", text);
  }

  std::optional<int64_t> integer(const Section& section, const std::string& key, int64_t min, int64_t max) {
    const Entry* e = section.find(key);
    if (!e) return std::nullopt;
    auto text = scalar_of(*e, section.key_path(key), "an integer");
    if (!text) return std::nullopt;
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec == std::errc::result_out_of_range) {
      report(e->value_pos(), section.key_path(key), fmt::format("integer {} is out of range", shown(*e, *text)));
      return std::nullopt;
    }
    if (ec != std::errc() || end != text->data() + text->size()) {
      report(e->value_pos(), section.key_path(key), fmt::format("expected an integer, got {}", shown(*e, *text)));
      return std::nullopt;
    }
    if (value < min || value > max) {
      std::string range = max == std::numeric_limits<int64_t>::max()
                              ? fmt::format("at least {}", min)
                              : fmt::format("between {} and {}", min, max);
      report(e->value_pos(), section.key_path(key), fmt::format("must be {}, got {}", range, value));
      return std::nullopt;
    }
    return value;
  }

  void set_int(const Section& section, const std::string& key, int& target, int min, int max) {
    if (auto v = integer(section, key, min, max)) target = static_cast<int>(*v);
  }

  std::optional<bool> boolean(const Section& section, const std::string& key) {
    const Entry* e = section.find(key);
    if (!e) return std::nullopt;
    auto text = scalar_of(*e, section.key_path(key), "true or false");
    if (!text) return std::nullopt;
    std::string lower = *text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "false" || lower == "no" || lower == "off") return false;
    report(e->value_pos(), section.key_path(key), fmt::format("expected true or false, got {}", shown(*e, *text)));
    return std::nullopt;
  }

  std::optional<std::string> choice(const Section& section, const std::string& key,
                                    const std::vector<std::string>& options) {
    const Entry* e = section.find(key);
    if (!e) return std::nullopt;
    auto text = scalar_of(*e, section.key_path(key), "a string");
    if (!text) return std::nullopt;
    if (std::find(options.begin(), options.end(), *text) != options.end()) return text;
    report(e->value_pos(), section.key_path(key),
           fmt::format("expected one of {}, got {}{}", join(options, ", "), shown(*e, *text),
                       suggestion_suffix(*text, options)));
    return std::nullopt;
  }

  std::string resolve_file(const std::string& path) const {
    fs::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (folder_ / p).lexically_normal().string();
  }

  std::optional<std::string> read_secret_file(const std::string& path, Pos pos, const std::string& key_path,
                                              const std::string& origin) {
    std::string resolved = resolve_file(path);
    std::error_code ec;
    if (fs::is_directory(resolved, ec)) {
      report(pos, key_path, fmt::format("secret file {} (from {}) is a folder", resolved, origin));
      return std::nullopt;
    }
    std::ifstream in(resolved, std::ios::binary);
    std::ostringstream content;
    if (in) content << in.rdbuf();
    if (!in || in.bad()) {
      report(pos, key_path,
             fmt::format("cannot read secret file {} (from {}): {}", resolved, origin, std::strerror(errno)));
      return std::nullopt;
    }
    std::string value = content.str();
    if (value.ends_with('\n')) value.pop_back();
    if (value.ends_with('\r')) value.pop_back();
    return value;
  }

  void secret(const Section& section, const std::string& key, Secret& target) {
    const Entry* e = required(section, key);
    if (!e) return;
    const std::string key_path = section.key_path(key);
    if (!e->value.IsScalar()) {
      report(e->value_pos(), key_path, fmt::format("expected a string, got {}", kind_of(e->value)));
      return;
    }
    const std::string& raw = e->value.Scalar();
    std::optional<std::string> value;
    if (raw.starts_with("file:")) {
      target.reference = raw;
      auto path = expand(raw.substr(5), e->value_pos(), key_path);
      if (offline_) return;
      if (path) value = read_secret_file(*path, e->value_pos(), key_path, raw);
    } else {
      Expansion x = expand_references(raw, [](const std::string&) { return std::optional<std::string>(); });
      target.reference = x.whole_reference ? raw : "<inline>";
      value = expand(raw, e->value_pos(), key_path, true);
      if (target.reference == "<inline>" && !has_reference(raw)) literal_secrets_.push_back({e->value_pos(), key_path});
    }
    if (!value) return;
    if (value->empty()) {
      report(e->value_pos(), key_path, fmt::format("the secret is empty (from {})", target.reference));
      return;
    }
    target.value = std::move(*value);
  }

  void load_http(const Section& parent, HttpSettings& http) {
    const Entry* e = parent.find("http");
    if (!e) return;
    Section s = open(*e, parent.key_path("http"),
                     {"connect_timeout_seconds", "timeout_seconds", "verify_tls", "ca_file", "max_attempts"});
    if (!s.valid) return;
    set_int(s, "connect_timeout_seconds", http.connect_timeout_seconds, 1, 600);
    set_int(s, "timeout_seconds", http.timeout_seconds, 1, 3600);
    if (auto v = boolean(s, "verify_tls")) http.verify_tls = *v;
    if (auto v = string(s, "ca_file")) http.ca_file = v->empty() ? "" : resolve_file(*v);
    set_int(s, "max_attempts", http.max_attempts, 1, 20);
  }

  void load_lightspeed(const Entry& entry, LightspeedConfig& ls) {
    Section s = open(entry, "lightspeed",
                     {"cluster", "base_url", "language", "api_key", "api_secret", "requests_per_second",
                      "max_rate_wait_seconds", "http"});
    if (!s.valid) return;
    auto cluster = choice(s, "cluster", {"eu1", "us1"});
    auto base_url = string(s, "base_url");
    if (s.find("cluster") && s.find("base_url")) {
      report(s.find("base_url")->key_pos, s.key_path("base_url"),
             "give either cluster or base_url, not both");
    } else if (!s.find("cluster") && !s.find("base_url")) {
      report(s.pos, s.key_path("cluster"), "missing required key (or give base_url)");
    } else if (cluster) {
      ls.cluster = *cluster;
      ls.base_url = *cluster == "eu1" ? "https://api.webshopapp.com" : "https://api.shoplightspeed.com";
    } else if (base_url) {
      if (is_http_url(*base_url)) {
        ls.base_url = strip_trailing_slashes(*base_url);
      } else {
        const Entry* e = s.find("base_url");
        report(e->value_pos(), s.key_path("base_url"),
               fmt::format("expected an http:// or https:// URL, got {}", shown(*e, *base_url)));
      }
    }
    if (auto language = string(s, "language")) {
      static const std::regex kLanguage("^[a-z]{2}$");
      if (std::regex_match(*language, kLanguage)) {
        ls.language = *language;
      } else {
        const Entry* e = s.find("language");
        report(e->value_pos(), s.key_path("language"),
               fmt::format("expected a two-letter language code such as nl, got {}", shown(*e, *language)));
      }
    }
    secret(s, "api_key", ls.api_key);
    secret(s, "api_secret", ls.api_secret);
    set_int(s, "requests_per_second", ls.requests_per_second, 1, 20);
    set_int(s, "max_rate_wait_seconds", ls.max_rate_wait_seconds, 0, 86400);
    load_http(s, ls.http);
  }

  void load_mplus(const Entry& entry, MplusConfig& mp) {
    Section s = open(entry, "mplus", {"url", "ident", "secret", "branch", "employee_number", "workplace", "http"});
    if (!s.valid) return;
    if (required(s, "url")) {
      if (auto url = string(s, "url")) {
        if (is_http_url(*url)) {
          mp.url = strip_trailing_slashes(*url);
        } else {
          const Entry* e = s.find("url");
          report(e->value_pos(), s.key_path("url"),
                 fmt::format("expected an http:// or https:// URL, got {}", shown(*e, *url)));
        }
      }
    }
    secret(s, "ident", mp.ident);
    secret(s, "secret", mp.secret);
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    if (auto v = integer(s, "branch", 1, kMax)) mp.branch = *v;
    if (auto v = integer(s, "employee_number", 1, kMax)) mp.employee_number = *v;
    if (auto v = integer(s, "workplace", 1, kMax)) mp.workplace = *v;
    load_http(s, mp.http);
  }

  void load_log(const Entry& entry, LogConfig& log) {
    Section s = open(entry, "log", {"format", "level"});
    if (!s.valid) return;
    if (auto v = choice(s, "format", {"text", "json"})) log.format = *v;
    if (auto v = choice(s, "level", {"debug", "info", "warn", "error"})) log.level = *v;
  }

  void load_flows(const Entry& entry, Config& config) {
    Section flows = open(entry, "flows", kFlowNames);
    if (!flows.valid) return;
    for (const auto& name : kFlowNames) {
      auto it = flows.entries.find(name);
      if (it == flows.entries.end()) continue;
      config.flows_present.push_back(name);
      const Entry& flow = it->second;
      if (flow.value.IsNull()) continue;
      if (name == "orders") {
        load_orders(flow, config.orders);
        if (flow.value.IsMap()) {
          config.mapping_sections["orders"] = flow.value;
          if (flow.value["relation"]) config.mapping_sections["orders.relation"] = flow.value["relation"];
        }
      } else if (!flow.value.IsMap()) {
        report(flow.value_pos(), flows.key_path(name),
               fmt::format("expected a mapping of keys, got {}", kind_of(flow.value)));
      } else {
        // Flows that are not built yet: only their mapping sections are read (by the mapping
        // layer); their other settings are not validated.
        config.mapping_sections[name] = flow.value;
      }
    }
  }

  void load_orders(const Entry& entry, OrdersFlowConfig& orders) {
    Section s = open(entry, "flows.orders",
                     {"statuses", "document", "default_debtor", "shipping_article", "payment_article", "since",
                      "lookback_minutes", "relation"},
                     true);
    if (!s.valid) return;
    if (const Entry* e = s.find("statuses")) load_statuses(*e, s.key_path("statuses"), orders.statuses);
    if (auto v = choice(s, "document", {"order", "invoice"})) orders.document = *v;
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    if (auto v = integer(s, "default_debtor", 1, kMax)) orders.default_debtor = *v;
    if (auto v = integer(s, "shipping_article", 1, kMax)) orders.shipping_article = *v;
    if (auto v = integer(s, "payment_article", 1, kMax)) orders.payment_article = *v;
    if (auto since = string(s, "since")) {
      if (valid_iso_date_time(*since)) {
        orders.since = *since;
      } else {
        const Entry* e = s.find("since");
        report(e->value_pos(), s.key_path("since"),
               fmt::format("expected an ISO 8601 date or date-time such as 2024-01-31 or 2024-01-31T08:00:00Z, got {}",
                           shown(*e, *since)));
      }
    }
    set_int(s, "lookback_minutes", orders.lookback_minutes, 0, 10080);
  }

  void load_statuses(const Entry& e, const std::string& key_path, std::vector<std::string>& statuses) {
    if (!e.value.IsSequence()) {
      report(e.value_pos(), key_path,
             fmt::format("expected a list of order statuses such as [processing_awaiting_shipment], got {}",
                         kind_of(e.value)));
      return;
    }
    if (e.value.size() == 0) {
      report(e.value_pos(), key_path, "needs at least one order status");
      return;
    }
    std::vector<std::string> result;
    bool ok = true;
    for (size_t i = 0; i < e.value.size(); ++i) {
      YAML::Node item = e.value[i];
      Entry item_entry{item, item, pos_of(item.Mark())};
      std::string item_path = fmt::format("{}[{}]", key_path, i);
      auto text = item.IsNull() ? std::nullopt : scalar_of(item_entry, item_path, "an order status");
      if (!text) {
        if (item.IsNull()) report(item_entry.key_pos, item_path, "expected an order status, got nothing");
        ok = false;
        continue;
      }
      if (std::find(kOrderStatuses.begin(), kOrderStatuses.end(), *text) == kOrderStatuses.end()) {
        report(item_entry.key_pos, item_path,
               fmt::format("unknown order status '{}'{}; known: {}", *text, suggestion_suffix(*text, kOrderStatuses),
                           join(kOrderStatuses, ", ")));
        ok = false;
        continue;
      }
      result.push_back(*text);
    }
    if (ok) statuses = std::move(result);
  }

 public:
  struct LiteralSecret {
    Pos pos;
    std::string key_path;
  };
  std::vector<LiteralSecret> literal_secrets_;

 private:
  fs::path folder_;
  const EnvLookup& env_;
  bool offline_ = false;
};

std::string format_diagnostics(const std::string& file, std::vector<Diagnostic> diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
  });
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}:{}:{}: {}", file, d.pos.line, d.pos.column, d.text);
  }
  return out;
}

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    return std::nullopt;
  };
}

Result<Config> load(const std::string& path, const EnvLookup& env, LoadMode mode) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return make_error(ErrorClass::config, fmt::format("cannot read config file {}: it is a folder", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorClass::config, fmt::format("cannot read config file {}: {}", path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return make_error(ErrorClass::config, fmt::format("cannot read config file {}: {}", path, std::strerror(errno)));
  }

  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::ParserException& e) {
    return make_error(ErrorClass::config,
                      format_diagnostics(path, {{pos_of(e.mark), fmt::format("invalid YAML: {}", e.msg)}}));
  } catch (const YAML::Exception& e) {
    return make_error(ErrorClass::config, fmt::format("{}: invalid YAML: {}", path, e.what()));
  }

  Config config;
  config.path = path;
  fs::path folder = fs::absolute(path, ec).parent_path();
  Loader loader(folder, env, mode == LoadMode::offline);
  try {
    loader.load(root, config);
  } catch (const YAML::Exception& e) {
    loader.report(pos_of(e.mark), "", fmt::format("cannot read this part of the file: {}", e.msg));
  }
  if (!loader.errors.empty()) {
    return make_error(ErrorClass::config, format_diagnostics(path, std::move(loader.errors)));
  }

  struct stat st {};
  if (!loader.literal_secrets_.empty() && ::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH)) {
    for (const auto& literal : loader.literal_secrets_) {
      config.warnings.push_back(fmt::format(
          "{}:{}:{}: {}: a literal secret in a file every user may read; use ${{NAME}} or file:PATH, or chmod o-r {}",
          path, literal.pos.line, literal.pos.column, literal.key_path, path));
    }
  }
  return config;
}

std::string resolve_path(const std::optional<std::string>& cli_value, const EnvLookup& env) {
  if (cli_value && !cli_value->empty()) return *cli_value;
  if (auto from_env = env("LSMPLUS_CONFIG"); from_env && !from_env->empty()) return *from_env;
  return "./lsmplus.yaml";
}

namespace {

std::string yaml_text(const std::string& text) {
  if (text.empty()) return "\"\"";
  return text;
}

template <class T>
std::string optional_text(const std::optional<T>& value) {
  if (!value) return "~";
  return fmt::format("{}", *value);
}

void describe_http(std::string& out, const HttpSettings& http) {
  out += "  http:\n";
  out += fmt::format("    connect_timeout_seconds: {}\n", http.connect_timeout_seconds);
  out += fmt::format("    timeout_seconds: {}\n", http.timeout_seconds);
  out += fmt::format("    verify_tls: {}\n", http.verify_tls);
  out += fmt::format("    ca_file: {}\n", yaml_text(http.ca_file));
  out += fmt::format("    max_attempts: {}\n", http.max_attempts);
}

}  // namespace

std::string describe_masked(const Config& config) {
  std::string out = fmt::format("# {} (secrets shown as their references)\n", config.path);
  const auto& ls = config.lightspeed;
  out += "lightspeed:\n";
  if (!ls.cluster.empty()) out += fmt::format("  cluster: {}\n", ls.cluster);
  out += fmt::format("  base_url: {}\n", yaml_text(ls.base_url));
  out += fmt::format("  language: {}\n", ls.language);
  out += fmt::format("  api_key: {}\n", yaml_text(ls.api_key.reference));
  out += fmt::format("  api_secret: {}\n", yaml_text(ls.api_secret.reference));
  out += fmt::format("  requests_per_second: {}\n", ls.requests_per_second);
  out += fmt::format("  max_rate_wait_seconds: {}\n", ls.max_rate_wait_seconds);
  describe_http(out, ls.http);
  const auto& mp = config.mplus;
  out += "mplus:\n";
  out += fmt::format("  url: {}\n", yaml_text(mp.url));
  out += fmt::format("  ident: {}\n", yaml_text(mp.ident.reference));
  out += fmt::format("  secret: {}\n", yaml_text(mp.secret.reference));
  out += fmt::format("  branch: {}\n", mp.branch);
  out += fmt::format("  employee_number: {}\n", mp.employee_number);
  out += fmt::format("  workplace: {}\n", optional_text(mp.workplace));
  describe_http(out, mp.http);
  out += fmt::format("state: {}\n", yaml_text(config.state_path));
  out += fmt::format("log:\n  format: {}\n  level: {}\n", config.log.format, config.log.level);
  out += "flows:";
  if (config.flows_present.empty()) out += " {}";
  out += '\n';
  for (const auto& flow : config.flows_present) {
    if (flow != "orders") {
      out += fmt::format("  {}: {{}}  # not validated yet\n", flow);
      continue;
    }
    const auto& o = config.orders;
    out += "  orders:\n";
    out += fmt::format("    statuses: [{}]\n", join(o.statuses, ", "));
    out += fmt::format("    document: {}\n", o.document);
    out += fmt::format("    default_debtor: {}\n", optional_text(o.default_debtor));
    out += fmt::format("    shipping_article: {}\n", optional_text(o.shipping_article));
    out += fmt::format("    payment_article: {}\n", optional_text(o.payment_article));
    out += fmt::format("    since: {}\n", optional_text(o.since));
    out += fmt::format("    lookback_minutes: {}\n", o.lookback_minutes);
  }
  return out;
}

std::vector<std::string> secret_values(const Config& config) {
  std::vector<std::string> values;
  for (const Secret* s : {&config.lightspeed.api_key, &config.lightspeed.api_secret, &config.mplus.ident,
                          &config.mplus.secret}) {
    if (!s->value.empty()) values.push_back(s->value);
  }
  return values;
}

}  // namespace lsmplus::config
