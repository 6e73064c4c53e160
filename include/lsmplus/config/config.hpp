// The run configuration: a YAML file (DESIGN.md §5) loaded, validated and resolved once per run.
// Every error names file:line:column and the key; secrets are resolved from ${ENV},
// ${ENV:-default} or file:PATH references and are masked wherever the config is printed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::config {

// A resolved secret. `value` is the secret itself; `reference` is what the file said (for
// example "${MPLUS_SECRET}" or "file:/run/secrets/mplus", or "<inline>" for a literal), safe
// to print.
struct Secret {
  std::string value;
  std::string reference;
};

// Connection settings shared by both APIs.
struct HttpSettings {
  int connect_timeout_seconds = 10;
  int timeout_seconds = 120;
  bool verify_tls = true;
  std::string ca_file;  // empty: system CA bundle
  int max_attempts = 5;
};

struct LightspeedConfig {
  std::string cluster;   // eu1 or us1; empty when base_url is given
  std::string base_url;  // resolved: from cluster, or as given (for the sandbox), no trailing '/'
  std::string language = "nl";  // two letters
  Secret api_key;
  Secret api_secret;
  int requests_per_second = 10;
  int max_rate_wait_seconds = 900;  // a longer rate-limit wait ends the run with exit 75
  HttpSettings http;
};

struct MplusConfig {
  std::string url;  // https://host:port, no trailing '/'
  Secret ident;
  Secret secret;
  int64_t branch = 1;
  int64_t employee_number = 999999;
  std::optional<int64_t> workplace;
  HttpSettings http;
};

struct OrdersFlowConfig {
  // Lightspeed order statuses the flow takes; other orders are skipped on purpose.
  std::vector<std::string> statuses{"processing_awaiting_shipment"};
  std::string document = "order";          // "order" (built) or "invoice" (not built yet)
  std::optional<int64_t> default_debtor;   // book every order on this relation
  std::optional<int64_t> shipping_article;  // article number for the shipping cost line
  std::optional<int64_t> payment_article;   // article number for payment costs
  std::optional<std::string> since;         // backfill start (ISO 8601) when there is no cursor
  int lookback_minutes = 120;              // overlap window of the updated_at cursor
};

struct LogConfig {
  std::string format = "text";  // text or json
  std::string level = "info";   // debug, info, warn, error
};

struct Config {
  std::string path;        // the file it came from
  LightspeedConfig lightspeed;
  MplusConfig mplus;
  std::string state_path;  // resolved relative to the config file's folder
  LogConfig log;
  OrdersFlowConfig orders;
  // Flow sections present under `flows:` (validated ones and ones not built yet).
  std::vector<std::string> flows_present;
  // The YAML of each flow section that may carry datamapper keys (when, lookups, fields, each),
  // by mapping name: "orders", "orders.relation" (flows.orders.relation), "stock", ... The
  // mapping layer compiles and checks them; the nodes keep their file positions.
  std::map<std::string, YAML::Node> mapping_sections;
  // Problems that do not stop a run, as "FILE:LINE:COLUMN: KEY: what is wrong" (for example a
  // literal secret in a file that every user may read). The CLI prints them as warnings.
  std::vector<std::string> warnings;
};

// Looks up an environment variable; returns nullopt when unset. Injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
EnvLookup process_env();

// How much of the world the config may depend on.
enum class LoadMode {
  run,      // everything resolved: unset variables and unreadable secret files are errors
  offline,  // for lint, map and test without credentials (CI): references to unset variables and
            // file: secrets stay unresolved (the value is left empty) and are not errors. Such a
            // Config must not be used to connect.
};

// Loads and validates the file. On failure returns an Error of class `config` whose message
// lists every problem found, one per line in file order, each as "FILE:LINE:COLUMN: KEY: what
// is wrong" (unknown keys with a "did you mean" suggestion, wrong types, values out of range,
// missing required keys, unset secret references, unreadable secret files, YAML syntax errors).
// An unreadable file is a single `config` error naming the path. Messages never contain a
// secret's value.
//
// Any scalar may contain ${NAME} or ${NAME:-default} references to the environment (whole or
// embedded; "$${" is a literal "${"). The secret fields (api_key, api_secret, ident, secret) may
// also be "file:PATH" (the file's content minus one trailing newline); a secret given as exactly
// ${NAME} with NAME unset falls back to the file named by ${NAME_FILE}. Relative paths (state,
// file:, ca_file) are resolved against the config file's folder.
Result<Config> load(const std::string& path, const EnvLookup& env = process_env(), LoadMode mode = LoadMode::run);

// Which file to use: the --config value if given, else $LSMPLUS_CONFIG, else ./lsmplus.yaml.
std::string resolve_path(const std::optional<std::string>& cli_value, const EnvLookup& env = process_env());

// The config as YAML-like text with every secret replaced by its reference (never its value).
std::string describe_masked(const Config& config);

// Every secret value in the config (non-empty ones); the log layer masks these in any output.
std::vector<std::string> secret_values(const Config& config);

}  // namespace lsmplus::config
