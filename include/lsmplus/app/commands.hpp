// The commands behind the CLI. Each loads what it needs, does its work, prints its result for
// people on stdout (diagnostics go to the log on stderr) and returns the process exit code of
// DESIGN.md §4. Nothing here parses argv: that is cli/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lsmplus/flows/run.hpp"

namespace lsmplus::app {

struct GlobalOptions {
  std::optional<std::string> config_path;  // --config
  std::optional<std::string> log_format;   // --log-format: overrides the config
  int verbosity = 0;                       // -v: +1 (debug), -q: -1 (warnings and errors only)
};

// The flows a sync can name, and whether each is built.
bool is_known_flow(const std::string& flow);
bool is_built_flow(const std::string& flow);

// `lsmplus sync FLOW...`: runs each flow in turn under its lock. Exit 0 when every record went
// through, 2 when some failed, or the class code of the first run-level error (the remaining
// flows do not run).
int sync(const std::vector<std::string>& flows, const flows::SyncOptions& options, const GlobalOptions& global);

// `lsmplus check`: loads the config, opens the state store and calls each API once
// (Lightspeed GET /shop.json, Mplus getApiVersion). Exit 0 when all answer.
int check(const GlobalOptions& global);

// `lsmplus lint`: validates the config and compiles every mapping, offline (no API call, no
// credentials needed: unset variables are not errors here). Exit 0 when clean, 78 with every
// problem listed as FILE:LINE:COLUMN: KEY: message.
int lint(const GlobalOptions& global);

struct MapOptions {
  std::string flow;                  // a mapping name: orders, orders.relation, customers, ...
  std::optional<std::string> input;  // the source record (JSON file; "-" for stdin)
  std::optional<std::string> ctx;    // JSON object for ctx. (and ctx.articles for article())
  std::optional<std::string> existing;  // the existing target record, for update mappings
  std::string format = "json";       // json, or xml: the Mplus SOAP request body
  bool show_default = false;
};

// `lsmplus map FLOW`: prints the default mapping (--show-default) or maps one record offline and
// prints the target payload. Exit 0 (also when the record is left out by when: or skip_record,
// which is said on stderr), 2 when the mapping rejects the record (the reason on stderr), 65 for
// an input that is not JSON, 64 for an unknown flow or a format the target has not, 78 for a
// config or mapping error.
int map(const MapOptions& options, const GlobalOptions& global);

// `lsmplus test DIR`: runs fixture pairs NAME.in.json → NAME.out.json through the mappings. DIR
// holds one folder per mapping name (DIR/orders/, DIR/orders.relation/, ...), or is itself such
// a folder when `flow` is given. Optional NAME.ctx.json gives ctx; NAME.existing.json the existing
// target; an expected output of `null` means "left out". Prints ok/FAIL per fixture with a
// field-by-field diff, then "N passed, M failed". Exit 0 when all pass, 2 when any fails, 64 when
// DIR holds no fixtures, 78 for a config or mapping error.
int test(const std::string& dir, const std::optional<std::string>& flow, const GlobalOptions& global);

// `lsmplus status`: the last runs and the cursors from the state store.
int status(const GlobalOptions& global);

}  // namespace lsmplus::app
