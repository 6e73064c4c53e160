// How flows and commands set up the datamapper: the `cfg` object expressions read, the
// compiled mappings with the user's overrides, and the `article(item)` host function.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "lsmplus/config/config.hpp"
#include "lsmplus/core/error.hpp"
#include "lsmplus/flows/order_keys.hpp"
#include "lsmplus/mapping/flow_mapping.hpp"

namespace lsmplus::flows {

// The `cfg` object of every mapping: {"branch", "employee_number", "workplace" (absent when
// unset), "shipping_article", "payment_article" (absent when unset), "default_debtor" (absent
// when unset), "language"}.
rapidjson::Document mapping_cfg(const config::Config& config);

// Compiles the mapping `name` ("orders", "orders.relation", "stock", ...) with the overrides in
// the config's section of that name (none when `config` is null). Errors are `config` errors
// listing every problem as FILE:LINE:COLUMN: PATH: message.
Result<mapping::FlowMapping> compile_mapping(const std::string& name, const config::Config* config,
                                             const mapping::HostFunctions& host,
                                             std::vector<mapping::MappingDiagnostic>* diagnostics = nullptr);

// The `article(item)` host function: reads an order line's sku, ean and articleCode and asks
// `resolve`; the result is the article number, or null when nothing matches.
mapping::CompileEnv::HostFunction article_function(ArticleResolver resolve);

// The host functions every mapping may call, with `article` bound to `resolve`.
mapping::HostFunctions host_functions(ArticleResolver resolve);

}  // namespace lsmplus::flows
