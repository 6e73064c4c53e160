// Content hashes and keys that stand in for personal data in the state store.
#pragma once

#include <string>
#include <string_view>

namespace lsmplus::util {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace lsmplus::util
