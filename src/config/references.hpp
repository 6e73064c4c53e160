// Environment references inside config scalars: ${NAME}, ${NAME:-default}, and "$${" for a
// literal "${". Used by the loader for every scalar; knows nothing of the config's keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lsmplus/config/config.hpp"

namespace lsmplus::config {

struct Expansion {
  std::string text;                 // the text with every reference replaced
  std::vector<std::string> unset;   // variables without a default that are not set
  std::string syntax_error;         // empty when the references are well formed
  bool whole_reference = false;     // the text was exactly one ${...} reference
  std::string first_variable;       // the name in the first reference, if any
};

// Expands the references in `text` using `env`. Problems are reported in the result, never
// thrown; on problems `text` holds a partial expansion that callers must not use.
Expansion expand_references(std::string_view text, const EnvLookup& env);

// True if `text` contains a reference (so a value came from the environment).
bool has_reference(std::string_view text);

}  // namespace lsmplus::config
