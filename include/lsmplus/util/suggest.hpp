// "Did you mean" for every place that names something unknown: config keys, field paths,
// functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lsmplus::util {

// The Levenshtein distance between two strings (bytes).
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`: within edit distance 2, or, for words of 3 or more
// characters, one that is a prefix of the other. nullopt when none is close.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" for the closest candidate, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace lsmplus::util
