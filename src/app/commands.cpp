#include "lsmplus/app/commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "lsmplus/config/config.hpp"
#include "lsmplus/flows/order_flow.hpp"
#include "lsmplus/flows/writer.hpp"
#include "lsmplus/lightspeed/client.hpp"
#include "lsmplus/mplus/client.hpp"
#include "lsmplus/net/http_client.hpp"
#include "lsmplus/net/rate_governor.hpp"
#include "lsmplus/ops/log.hpp"
#include "lsmplus/state/flow_lock.hpp"
#include "lsmplus/state/store.hpp"
#include "lsmplus/util/time.hpp"

namespace lsmplus::app {

namespace {

const char* const kKnownFlows[] = {"orders", "customers", "products", "categories", "stock", "order-status"};
const char* const kBuiltFlows[] = {"orders"};

// Prints an error for people and returns its exit code.
int report(const Error& error) {
  ops::log_error(error.message, {{"class", to_string(error.cls)}});
  return exit_code_for(error.cls);
}

void setup_logging(const GlobalOptions& global, const config::Config* config) {
  ops::LogLevel level = ops::LogLevel::info;
  if (config) ops::parse_log_level(config->log.level, level);
  if (global.verbosity > 0) level = ops::LogLevel::debug;
  if (global.verbosity < 0) level = ops::LogLevel::warn;
  ops::set_log_level(level);
  std::string format = global.log_format.value_or(config ? config->log.format : "text");
  ops::set_log_format(format == "json" ? ops::LogFormat::json : ops::LogFormat::text);
  if (config) {
    for (const auto& secret : config::secret_values(*config)) ops::register_secret(secret);
  }
}

Result<config::Config> load_config(const GlobalOptions& global) {
  setup_logging(global, nullptr);
  auto config = config::load(config::resolve_path(global.config_path));
  if (!config) return config;
  setup_logging(global, &*config);
  for (const auto& warning : config->warnings) ops::log_warn(warning);
  return config;
}

net::HttpOptions http_options(const config::HttpSettings& s, std::vector<std::string> secret_params = {}) {
  net::HttpOptions o;
  o.connect_timeout = std::chrono::seconds(s.connect_timeout_seconds);
  o.total_timeout = std::chrono::seconds(s.timeout_seconds);
  o.verify_tls = s.verify_tls;
  o.ca_file = s.ca_file;
  o.max_attempts = s.max_attempts;
  o.secret_query_params = std::move(secret_params);
  return o;
}

// Both connectors with their HTTP clients, built from the config.
struct Connections {
  explicit Connections(const config::Config& c)
      : lightspeed_http(http_options(c.lightspeed.http),
                        std::make_shared<net::RateGovernor>(c.lightspeed.requests_per_second,
                                                            std::chrono::seconds(c.lightspeed.max_rate_wait_seconds))),
        mplus_http(http_options(c.mplus.http, {"ident", "secret"})),
        lightspeed(lightspeed_http, {c.lightspeed.base_url, c.lightspeed.language, c.lightspeed.api_key.value,
                                     c.lightspeed.api_secret.value}),
        mplus(mplus_http, {c.mplus.url, c.mplus.ident.value, c.mplus.secret.value}) {}

  net::HttpClient lightspeed_http;
  net::HttpClient mplus_http;
  lightspeed::Client lightspeed;
  mplus::Client mplus;
};

void print_summary(const flows::RunSummary& s, double seconds) {
  std::printf("%s%s: %lld created, %lld already in Mplus (linked), %lld skipped (synced before), %lld failed "
              "(lightspeed %lld calls, mplus %lld calls, %.1f s)\n",
              s.flow.c_str(), s.dry_run ? " (dry run: planned, nothing written)" : "",
              static_cast<long long>(s.created), static_cast<long long>(s.linked), static_cast<long long>(s.skipped),
              static_cast<long long>(s.failed), static_cast<long long>(s.source_calls),
              static_cast<long long>(s.target_calls), seconds);
  if (s.filtered > 0) std::printf("  %lld left out by the mapping (when: or a lookup's skip_record)\n",
                                  static_cast<long long>(s.filtered));
  for (const auto& f : s.failures) std::printf("  failed: %s\n", ops::redact(f.reason).c_str());
  if (!s.note.empty()) std::printf("  note: %s\n", s.note.c_str());
  std::fflush(stdout);
}

// Runs one flow under its lock and records the run in the history.
int sync_flow(const std::string& flow, const config::Config& config, const flows::SyncOptions& options) {
  auto lock = state::FlowLock::acquire(config.state_path, flow);
  if (!lock) return report(lock.error());
  auto store = state::StateStore::open(config.state_path);
  if (!store) return report(store.error());
  auto started = std::chrono::steady_clock::now();
  auto run_id = (*store)->begin_run(flow, util::now_unix(), options.dry_run);
  if (!run_id) return report(run_id.error());

  Connections conn(config);
  auto writer = options.dry_run ? flows::make_dry_run_writer() : flows::make_mplus_writer(conn.mplus);
  flows::OrderFlow order_flow(config, conn.lightspeed, conn.mplus, **store, *writer);
  ops::log_info("sync started", {{"flow", flow}, {"dry_run", options.dry_run ? "true" : "false"}});
  auto result = order_flow.run(options);

  state::RunRecord record;
  record.id = *run_id;
  record.flow = flow;
  record.finished_at = util::now_unix();
  record.dry_run = options.dry_run;
  int code = kExitOk;
  if (!result) {
    code = report(result.error());
    record.message = ops::redact(result.error().message).substr(0, 500);
  } else {
    auto& s = *result;
    s.source_calls = conn.lightspeed_http.requests_sent();
    s.target_calls = conn.mplus_http.requests_sent();
    if (options.dry_run) std::fputs(writer->plan().to_json_lines().c_str(), stdout);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_summary(s, seconds);
    code = s.failed > 0 ? kExitPartial : kExitOk;
    record.created = s.created;
    record.updated = s.linked;
    record.skipped = s.skipped;
    record.failed = s.failed;
  }
  record.exit_code = code;
  if (auto r = (*store)->finish_run(record); !r) {
    int store_code = report(r.error());
    if (code == kExitOk) code = store_code;
  }
  return code;
}

}  // namespace

bool is_known_flow(const std::string& flow) {
  for (const char* f : kKnownFlows)
    if (flow == f) return true;
  return false;
}

bool is_built_flow(const std::string& flow) {
  for (const char* f : kBuiltFlows)
    if (flow == f) return true;
  return false;
}

int sync(const std::vector<std::string>& flows, const flows::SyncOptions& options, const GlobalOptions& global) {
  for (const auto& flow : flows) {
    if (!is_known_flow(flow)) {
      std::fprintf(stderr, "lsmplus: unknown flow '%s' (flows: orders, customers, products, categories, stock, "
                           "order-status)\n", flow.c_str());
      return exit_code_for(ErrorClass::usage);
    }
    if (!is_built_flow(flow)) {
      std::fprintf(stderr, "lsmplus: the '%s' flow is not built yet; only 'orders' syncs in this version\n",
                   flow.c_str());
      return exit_code_for(ErrorClass::usage);
    }
  }
  auto config = load_config(global);
  if (!config) return report(config.error());
  int worst = kExitOk;
  for (const auto& flow : flows) {
    int code = sync_flow(flow, *config, options);
    if (code != kExitOk && code != kExitPartial) return code;
    worst = std::max(worst, code);
  }
  return worst;
}

int check(const GlobalOptions& global) {
  auto config = load_config(global);
  if (!config) return report(config.error());
  auto store = state::StateStore::open(config->state_path);
  if (!store) return report(store.error());
  std::printf("state store: %s (schema %d)\n", config->state_path.c_str(), (*store)->schema_version());
  Connections conn(*config);
  int code = kExitOk;
  if (auto shop = conn.lightspeed.get_shop(); shop) {
    auto id = shop->IsObject() && shop->HasMember("id") && (*shop)["id"].IsString() ? (*shop)["id"].GetString() : "?";
    std::printf("lightspeed: ok (%s, language %s, shop %s)\n", config->lightspeed.base_url.c_str(),
                config->lightspeed.language.c_str(), id);
  } else {
    std::printf("lightspeed: FAILED: %s\n", ops::redact(shop.error().message).c_str());
    code = exit_code_for(shop.error().cls);
  }
  if (auto version = conn.mplus.get_api_version(); version) {
    std::printf("mplus: ok (%s, API %lld.%lld.%lld, service %lld.%lld.%lld)\n", config->mplus.url.c_str(),
                static_cast<long long>(version->major), static_cast<long long>(version->minor),
                static_cast<long long>(version->revision), static_cast<long long>(version->service_major),
                static_cast<long long>(version->service_minor), static_cast<long long>(version->service_revision));
  } else {
    std::printf("mplus: FAILED: %s\n", ops::redact(version.error().message).c_str());
    if (code == kExitOk) code = exit_code_for(version.error().cls);
  }
  return code;
}

int status(const GlobalOptions& global) {
  auto config = load_config(global);
  if (!config) return report(config.error());
  auto store = state::StateStore::open(config->state_path);
  if (!store) return report(store.error());
  auto cursor = (*store)->cursor("orders", "updated_at");
  if (!cursor) return report(cursor.error());
  auto links = (*store)->count_links("order");
  if (!links) return report(links.error());
  std::printf("orders: cursor %s, %lld orders linked\n",
              *cursor ? util::format_iso_utc(std::stoll(**cursor)).c_str() : "(none: the next run reads everything)",
              static_cast<long long>(*links));
  auto runs = (*store)->recent_runs(10);
  if (!runs) return report(runs.error());
  std::printf("last runs:\n");
  for (const auto& r : *runs) {
    std::printf("  #%lld %s %s%s exit %d: %lld created, %lld linked, %lld skipped, %lld failed%s%s\n",
                static_cast<long long>(r.id), r.flow.c_str(), util::format_iso_utc(r.started_at).c_str(),
                r.dry_run ? " (dry run)" : "", r.exit_code, static_cast<long long>(r.created),
                static_cast<long long>(r.updated), static_cast<long long>(r.skipped), static_cast<long long>(r.failed),
                r.finished_at == 0 ? " (did not finish)" : "", r.message.empty() ? "" : (": " + r.message).c_str());
  }
  return kExitOk;
}

}  // namespace lsmplus::app
