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

// `lsmplus lint`: validates the config offline. Exit 0 when clean, 78 with every problem listed.
int lint(const GlobalOptions& global);

// `lsmplus status`: the last runs and the cursors from the state store.
int status(const GlobalOptions& global);

}  // namespace lsmplus::app
