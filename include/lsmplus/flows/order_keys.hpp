// What the orders flow needs around its mapping: the keys an order line carries to find its Mplus
// article, the resolver that finds it, and the e-mail normalisation relations are matched by.
// The order and relation records themselves come from the datamapper (mapping/, default
// mappings "orders" and "orders.relation").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "lsmplus/core/error.hpp"

namespace lsmplus::flows {

// The keys an order line carries to find its Mplus article.
struct LineKeys {
  std::string sku;
  std::string ean;
  std::string article_code;
};

// Finds the Mplus article number for a line; nullopt when nothing matches. Errors are run-level
// (state store failures).
using ArticleResolver = std::function<Result<std::optional<int64_t>>(const LineKeys&)>;

// Trimmed, lower-cased e-mail address; nullopt when empty or without '@'.
std::optional<std::string> normalise_email(const std::string& email);

}  // namespace lsmplus::flows
