// The built-in order mapping: a Lightspeed order (as GET /orders/{id}.json returns it, with its
// customer and lines embedded) to the Mplus Order and Relation records, shaped like the WSDL
// types. Pure functions: no I/O, so they are tested offline. The datamapper (mapping/) will let
// users override single fields; this is the default it starts from.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::flows {

struct OrderMappingSettings {
  std::string shop_id;  // the Lightspeed shop id, part of every extOrderId
  int64_t branch = 1;
  int64_t employee_number = 999999;
  std::optional<int64_t> workplace;
  std::optional<int64_t> shipping_article;
  std::optional<int64_t> payment_article;
};

// The keys an order line carries to find its Mplus article.
struct LineKeys {
  std::string sku;
  std::string ean;
  std::string article_code;
};

// Finds the Mplus article number for a line; nullopt when nothing matches. Errors are run-level
// (state store failures).
using ArticleResolver = std::function<Result<std::optional<int64_t>>(const LineKeys&)>;

// The extOrderId for a Lightspeed order: "LS<shop id>-<order number>", e.g. "LS000001-ORD00018".
// Derived from source data only, never random, so a re-run finds the order it made before.
std::string ext_order_id(const std::string& shop_id, const std::string& order_number);

// Trimmed, lower-cased e-mail address; nullopt when empty or without '@'.
std::optional<std::string> normalise_email(const std::string& email);

// The Mplus Relation for the order's customer (customer fields are copied on every order):
// a company relation (name = company, companyName, vatNumber, commerceNumber, the person as
// `contact` and in contactList) when the order has a company name, a person relation otherwise.
// Errors are `permanent` and name the order and the reason.
Result<rapidjson::Document> map_relation(const rapidjson::Value& order, const OrderMappingSettings& settings);

// The Mplus Order for `relation_number`. Each line resolves through `resolve`; a line that does
// not resolve, shipping or payment costs without a configured service article, or a missing
// field fail the record with a `permanent` Error naming the order, the line and the reason.
// Amounts are converted to cents exactly; the unit price is the line's basePriceIncl and the
// order is VAT-METHOD-INCLUSIVE.
Result<rapidjson::Document> map_order(const rapidjson::Value& order, int64_t relation_number,
                                      const ArticleResolver& resolve, const OrderMappingSettings& settings);

}  // namespace lsmplus::flows
