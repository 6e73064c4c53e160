// The fields each API's records can have, for checking the paths of a mapping: source paths
// (`src.adressBillingCity` is an error with a suggestion) and target paths (which must exist in
// the record the flow writes, and tell where lists are).
//
// Lightspeed records are facts written down from API-LIGHTSPEED.md §4 and the API's samples;
// Mplus records come from the WSDL tables (mplus/schema.hpp). Lists are transparent: a path
// names members only (`src.products.resource.embedded.sku`), and a step into a list reaches the
// list's items. Parts whose shape we do not know accept any deeper path.
#pragma once

#include "lsmplus/util/suggest.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mplus/schema.hpp"

namespace lsmplus::mapping {

struct Shape;

// One member of an object shape.
struct ShapeField {
  std::string name;
  const Shape* shape = nullptr;
  bool list = false;  // the member holds a list of `shape` (a repeated Mplus element)
};

// What a value at some path looks like.
struct Shape {
  enum class Kind {
    value,   // a scalar (or a list of scalars); it has no members
    object,  // an object with the known members `fields`
    any,     // unknown shape: every deeper path is accepted
    mplus,   // an Mplus complex type (`mplus_type`)
  };
  Kind kind = Kind::any;
  std::string description;         // "a Lightspeed order", "an Mplus Line", "a country object"
  std::vector<ShapeField> fields;  // Kind::object
  const mplus::schema::ComplexTypeDef* mplus_type = nullptr;
  bool boolean = false;  // Kind::value: the value is a boolean
};

// A step of a walked path: the member's shape and whether it is a list.
struct PathStep {
  const Shape* shape = nullptr;
  bool list = false;
};

// The outcome of walking a path: every step when it fits; otherwise the index of the first
// segment that does not fit and a message for people, with a "did you mean" suggestion.
struct PathCheck {
  std::vector<PathStep> steps;
  std::optional<size_t> bad_segment;
  std::string message;  // "unknown field 'adressBillingCity' of a Lightspeed order (did you mean
                        // 'addressBillingCity'?)"
};

// The shape of a record a flow reads ("lightspeed.order", "mplus.ArticleStock"), or nullptr.
const Shape* find_source_shape(std::string_view name);

// The shape of a record a flow writes ("mplus.Order", "lightspeed.product"), or nullptr. Lightspeed
// targets hold the fields a write takes (relations as plain ids).
const Shape* find_target_shape(std::string_view name);

// The shape that accepts everything (for roots whose shape is unknown).
const Shape& any_shape();

// Walks `segments` from `root`.
PathCheck walk_path(const Shape& root, std::span<const std::string> segments);

// The member names of an object or Mplus shape (for suggestions); empty for other kinds.
std::vector<std::string> member_names(const Shape& shape);

// Suggestions for unknown names (shared with the config and the expression compiler).
using util::did_you_mean;

}  // namespace lsmplus::mapping
