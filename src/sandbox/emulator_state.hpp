// Everything the sandbox holds for both emulated APIs. All access goes through
// EmulatorState::mu (one mutex around all emulator state).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "json_util.hpp"

namespace lsmplus::sandbox {

// Lightspeed resources are held as the API's own JSON objects (the inner object of the
// one-key envelope). Relations are bare resource refs; `link` values are rebuilt on output.
struct LightspeedOrder {
  rapidjson::Document order;  // without embedded customer/products
  rapidjson::Document lines;  // array of orderProduct objects
};

struct LightspeedState {
  rapidjson::Document shop;
  std::map<int64_t, LightspeedOrder> orders;
  std::map<int64_t, rapidjson::Document> customers;
  std::map<int64_t, rapidjson::Document> products;
  std::map<int64_t, rapidjson::Document> variants;
};

// Mplus records are held as JSON trees named like the WSDL elements (mplus_schema.hpp).
struct MplusState {
  std::vector<rapidjson::Document> orders;              // Order, in creation order
  std::map<int64_t, rapidjson::Document> relations;     // Relation by relationNumber
  std::map<int64_t, rapidjson::Document> products;      // Product by productNumber
  std::set<int64_t> employees{999999};
  std::set<int64_t> branches{1};
  int64_t article_sync_marker = 0;
  int64_t relation_sync_marker = 0;
  int64_t order_sync_marker = 0;
  int64_t order_counter = 0;
  int64_t next_relation_number = 1001;

  // Returns the article with `article_number`, or nullptr.
  const JsonValue* find_article(int64_t article_number) const;
};

struct EmulatorState {
  std::mutex mu;
  LightspeedState lightspeed;
  MplusState mplus;
};

// Stores a Lightspeed order document ({"order": {...}} with products.resource.embedded
// and customer.resource.embedded, as a single GET returns it), adding or replacing the
// order by id. The embedded customer is also stored as a customer. When the order has
// no updatedAt, it is set to `default_time` (epoch seconds); createdAt defaults to
// updatedAt. Returns "" on success or the reason the document was refused.
std::string ingest_lightspeed_order(LightspeedState& state, const JsonValue& document, int64_t default_time);

// Stores a one-key document {"customer"|"product"|"variant"|"shop": {...}}. Returns "" on
// success or the reason the document was refused.
std::string ingest_lightspeed_resource(LightspeedState& state, const JsonValue& document);

// Stores an Mplus Product / Relation / Order record (JSON, WSDL names), assigning
// missing sync markers from the matching counter and raising counters past the ones seen.
// Returns "" or the reason it was refused.
std::string ingest_mplus_product(MplusState& state, JsonValue&& product);
std::string ingest_mplus_relation(MplusState& state, JsonValue&& relation);
std::string ingest_mplus_order(MplusState& state, JsonValue&& order);

}  // namespace lsmplus::sandbox
