// lsmplus: the command line. Parses argv with CLI11 and hands each subcommand to app/.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "lsmplus/app/commands.hpp"
#include "lsmplus/core/error.hpp"
#include "lsmplus/util/time.hpp"

namespace {

using lsmplus::ErrorClass;
using lsmplus::exit_code_for;

int not_built(const std::string& what) {
  std::fprintf(stderr, "lsmplus: '%s' is not built yet in this version\n", what.c_str());
  return exit_code_for(ErrorClass::usage);
}

// Parses a --since/--until value; exits 64 on nonsense.
std::optional<int64_t> parse_time_option(const std::string& name, const std::string& value, bool& bad) {
  if (value.empty()) return std::nullopt;
  auto t = lsmplus::util::parse_time(value);
  if (!t) {
    std::fprintf(stderr, "lsmplus: %s: '%s' is not a date or time (use YYYY-MM-DD or ISO 8601)\n", name.c_str(),
                 value.c_str());
    bad = true;
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lsmplus: keeps a Lightspeed eCom webshop and a MplusKASSA point of sale in sync", "lsmplus"};
  app.set_version_flag("--version", "lsmplus " LSMPLUS_VERSION);
  app.require_subcommand(1);

  lsmplus::app::GlobalOptions global;
  std::string config_path;
  std::string log_format;
  int verbose = 0;
  bool quiet = false;
  auto add_global = [&](CLI::App* sub) {
    sub->add_option("-c,--config", config_path, "Config file (default: $LSMPLUS_CONFIG, else ./lsmplus.yaml)");
    sub->add_option("--log-format", log_format, "Log format on stderr: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    sub->add_flag("-v,--verbose", verbose, "More log output (debug)");
    sub->add_flag("-q,--quiet", quiet, "Only warnings and errors in the log");
  };

  auto* sync = app.add_subcommand("sync", "Sync one or more flows (orders, customers, products, categories, stock, "
                                          "order-status)");
  std::vector<std::string> flows;
  lsmplus::flows::SyncOptions options;
  std::string since, until, progress = "auto";
  int64_t limit = 0;
  sync->add_option("flows", flows, "Flows to run, in order")->required();
  sync->add_flag("--dry-run", options.dry_run, "Plan the writes and print them; write nothing");
  sync->add_option("--since", since, "Read records changed since this time instead of the cursor");
  sync->add_option("--until", until, "Read records changed up to this time");
  sync->add_option("--limit", limit, "Write at most N records this run")->check(CLI::PositiveNumber);
  sync->add_flag("--full", options.full, "Ignore the cursor and read everything (what is linked is still skipped)");
  sync->add_flag("--no-state-update", options.no_state_update, "Do not move the cursor");
  sync->add_option("--progress", progress, "Progress display: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  add_global(sync);

  auto* check = app.add_subcommand("check", "Check credentials, connectivity and the state store");
  add_global(check);
  auto* lint = app.add_subcommand("lint", "Validate the config offline");
  add_global(lint);
  auto* status = app.add_subcommand("status", "Show the last runs and the cursors");
  add_global(status);

  lsmplus::app::MapOptions map_options;
  std::string map_input, map_ctx, map_existing;
  auto* map = app.add_subcommand("map", "Map one source record offline and print the target payload");
  map->add_option("flow", map_options.flow,
                  "Mapping: orders, orders.relation, customers, products, categories, stock, order-status")
      ->required();
  map->add_option("-i,--input", map_input, "The source record, a JSON file (- for stdin)");
  map->add_option("--ctx", map_ctx, "A JSON object for ctx. (shop_id, relation_number, articles)");
  map->add_option("--existing", map_existing, "The existing target record (for update mappings)");
  map->add_option("--format", map_options.format, "Output: json, or xml (the Mplus SOAP request)")
      ->check(CLI::IsMember({"json", "xml"}));
  map->add_flag("--show-default", map_options.show_default, "Print the built-in default mapping");
  add_global(map);

  std::string test_dir, test_flow;
  auto* test = app.add_subcommand("test", "Run mapping fixtures (NAME.in.json -> NAME.out.json) offline");
  test->add_option("dir", test_dir, "Folder with one subfolder of fixtures per mapping")->required();
  test->add_option("--flow", test_flow, "Treat DIR as the fixtures of this one mapping");
  add_global(test);

  // Commands of DESIGN.md §4 that are not built yet: they parse and say so, exit 64.
  auto* dlq = app.add_subcommand("dlq", "Dead-letter queue: list, retry, drop (not built yet)");
  dlq->allow_extras();
  auto* report = app.add_subcommand("report", "HTML report (not built yet)");
  report->allow_extras();
  auto* logs = app.add_subcommand("logs", "Log maintenance (not built yet)");
  logs->allow_extras();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_code_for(ErrorClass::usage);
  }

  if (!config_path.empty()) global.config_path = config_path;
  if (!log_format.empty()) global.log_format = log_format;
  global.verbosity = verbose > 0 ? 1 : (quiet ? -1 : 0);

  if (sync->parsed()) {
    bool bad = false;
    options.since = parse_time_option("--since", since, bad);
    options.until = parse_time_option("--until", until, bad);
    if (bad) return exit_code_for(ErrorClass::usage);
    if (limit > 0) options.limit = limit;
    return lsmplus::app::sync(flows, options, global);
  }
  if (check->parsed()) return lsmplus::app::check(global);
  if (lint->parsed()) return lsmplus::app::lint(global);
  if (status->parsed()) return lsmplus::app::status(global);
  if (map->parsed()) {
    if (!map_input.empty()) map_options.input = map_input;
    if (!map_ctx.empty()) map_options.ctx = map_ctx;
    if (!map_existing.empty()) map_options.existing = map_existing;
    return lsmplus::app::map(map_options, global);
  }
  if (test->parsed()) {
    return lsmplus::app::test(test_dir, test_flow.empty() ? std::nullopt : std::optional<std::string>(test_flow),
                              global);
  }
  if (dlq->parsed()) return not_built("dlq");
  if (report->parsed()) return not_built("report");
  if (logs->parsed()) return not_built("logs");
  return exit_code_for(ErrorClass::usage);
}
