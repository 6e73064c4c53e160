#include <catch2/catch.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include "lsmplus/mapping/flow_mapping.hpp"
#include "support/json.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
using namespace lsmplus::mapping;

namespace {

HostFunctions host_article() {
  CompileEnv::HostFunction f;
  f.name = "article";
  f.min_args = 1;
  f.max_args = 1;
  f.call = [](const std::vector<Value>&) -> Result<Value> { return Value::integer(4242); };
  return {f};
}

}  // namespace

TEST_CASE("every default mapping compiles and lints clean", "[mapping]") {
  for (const auto& shape : flow_shapes()) {
    INFO(shape.flow);
    std::vector<MappingDiagnostic> diags;
    auto m = FlowMapping::compile(shape.flow, nullptr, "test.yaml", host_article(), &diags);
    if (!m) FAIL(m.error().message);
    CHECK(diags.empty());
  }
}

namespace {

rapidjson::Document parse(const std::string& json) { return lsmplus::testing::parse_json(json); }

using lsmplus::testing::to_json;

// The record under the envelope key of a Lightspeed sample ({"customer": {...}}).
rapidjson::Document sample(const std::string& name) {
  auto doc = parse(testing::read_file(testing::reference_file("lightspeed/samples/" + name + ".json")));
  rapidjson::Document record;
  const auto& v = doc.MemberBegin()->value;
  record.CopyFrom(v.IsArray() ? v[0] : v, record.GetAllocator());
  return record;
}

struct Run {
  rapidjson::Document out;
  bool skipped = false;
};

Run run(const std::string& flow, const rapidjson::Value& src, const rapidjson::Value* existing = nullptr,
        const char* ctx_json = R"({"shop_id": "000001"})",
        const char* cfg_json = R"({"branch": 1, "employee_number": 999999, "language": "nl"})") {
  auto mapping = FlowMapping::compile(flow, nullptr, "test.yaml", host_article());
  if (!mapping) FAIL(mapping.error().message);
  auto cfg = parse(cfg_json);
  auto ctx = parse(ctx_json);
  Scope scope;
  scope.src = &src;
  scope.cfg = &cfg;
  scope.ctx = &ctx;
  scope.existing = existing;
  auto accepted = mapping->accepts(scope);
  REQUIRE(accepted.ok());
  Run r;
  if (!*accepted) {
    r.skipped = true;
    return r;
  }
  auto mapped = mapping->map(scope);
  if (!mapped) FAIL(mapped.error().message);
  if (!mapped->has_value()) {
    r.skipped = true;
    return r;
  }
  r.out = std::move(**mapped);
  return r;
}

std::string str(const rapidjson::Value& v) {
  REQUIRE(v.IsString());
  return v.GetString();
}

}  // namespace

TEST_CASE("customers: the Lightspeed customer sample becomes a person relation", "[mapping]") {
  auto customer = sample("customer");
  auto r = run("customers", customer);
  REQUIRE_FALSE(r.skipped);
  INFO(to_json(r.out));
  CHECK(str(r.out["extRelationId"]) == "LS-C-2178882");
  CHECK(str(r.out["name"]) == "Lightspeed Test");
  CHECK(str(r.out["email"]) == "qwerty@uiop.com");
  CHECK_FALSE(r.out.HasMember("companyName"));
  CHECK_FALSE(r.out.HasMember("contactList"));
  // An update keeps the extRelationId the relation already has.
  auto existing = parse(R"({"relationNumber": 681, "extRelationId": "LS-C-1"})");
  auto update = run("customers", customer, &existing);
  CHECK_FALSE(update.out.HasMember("extRelationId"));
  CHECK(str(update.out["name"]) == "Lightspeed Test");
}

TEST_CASE("categories: the Lightspeed category sample becomes an article group request", "[mapping]") {
  auto category = sample("category");
  auto r = run("categories", category, nullptr, R"({"shop_id": "000001", "parent_group_number": 12})");
  INFO(to_json(r.out));
  CHECK(r.out["parentGroupNumber"].GetInt64() == 12);
  CHECK(str(r.out["name"]) == "Footwear");
  CHECK(str(r.out["text"]) == "Footwear");
  CHECK(r.out["sortOrder"].GetInt64() == 2);
  auto top = run("categories", category);
  CHECK(top.out["parentGroupNumber"].GetInt64() == 0);
}

TEST_CASE("products: an Mplus product becomes a Lightspeed product with one variant per webshop article",
          "[mapping]") {
  auto product =
      parse(R"({"productNumber": 1001, "syncMarker": 17, "description": "T-shirt", "extraText": "Cotton",
    "articleList": {"article": [
      {"articleNumber": 1001, "extArticleId": "TS-RED-M", "description": "T-shirt red M", "colour": "red",
       "size": "M", "barcode": "8712345678906", "priceIncl": 1995, "webshop": true},
      {"articleNumber": 1002, "description": "T-shirt", "priceIncl": 2000, "webshop": true},
      {"articleNumber": 1003, "description": "Not online", "priceIncl": 100, "webshop": false}]},
    "groupNumbers": [3]})");
  auto r = run("products", product);
  INFO(to_json(r.out));
  CHECK(str(r.out["title"]) == "T-shirt");
  CHECK(str(r.out["description"]) == "Cotton");
  CHECK(str(r.out["visibility"]) == "visible");
  const auto& variants = r.out["variants"];
  REQUIRE(variants.Size() == 2);
  CHECK(str(variants[0]["sku"]) == "TS-RED-M");
  CHECK(str(variants[0]["ean"]) == "8712345678906");
  CHECK(str(variants[0]["title"]) == "red M");
  CHECK(variants[0]["priceIncl"].GetDouble() == 19.95);
  CHECK(str(variants[1]["sku"]) == "1002");
  CHECK(str(variants[1]["title"]) == "T-shirt");
  CHECK(variants[1]["priceIncl"].GetInt64() == 20);
  // Updating an existing product leaves its description (on: create) alone.
  auto existing = parse(R"({"id": 5, "title": "T-shirt", "description": "edited in the webshop"})");
  auto update = run("products", product, &existing);
  CHECK_FALSE(update.out.HasMember("description"));
  CHECK_FALSE(update.out.HasMember("visibility"));
  CHECK(str(update.out["title"]) == "T-shirt");
}

TEST_CASE("stock: amountFree with its decimal places becomes the variant's stockLevel", "[mapping]") {
  auto whole = parse(R"({"branchNumber": 1, "articleNumber": 4542, "stockId": 9842, "amountFree": 10,
    "decimalPlacesFree": 0, "amountReserved": 3, "decimalPlacesReserved": 0, "amountIncoming": 20,
    "decimalPlacesIncoming": 0, "isDayStockArticle": false})");
  CHECK(run("stock", whole).out["stockLevel"].GetInt64() == 10);
  auto scaled = parse(R"({"articleNumber": 35, "stockId": 1, "amountFree": 12530, "decimalPlacesFree": 3,
    "amountReserved": 0, "amountIncoming": 0, "isDayStockArticle": false})");
  CHECK(run("stock", scaled).out["stockLevel"].GetInt64() == 12);
  auto negative = parse(R"({"articleNumber": 35, "stockId": 1, "amountFree": -15, "decimalPlacesFree": 1,
    "amountReserved": 0, "amountIncoming": 0, "isDayStockArticle": false})");
  CHECK(run("stock", negative).out["stockLevel"].GetInt64() == -2);
}

TEST_CASE("order-status: delivered and cancelled Mplus orders set the webshop order's status", "[mapping]") {
  auto delivered = parse(R"({"orderId": "001a", "extOrderId": "LS000001-ORD00018",
    "deliveryState": "ORDER-DELIVERY-STATE-COMPLETE", "cancelState": "ORDER-CANCEL-STATE-NOTHING"})");
  CHECK(str(run("order-status", delivered).out["status"]) == "completed_shipped");
  auto cancelled = parse(R"({"orderId": "001b", "extOrderId": "LS000001-ORD00019",
    "deliveryState": "ORDER-DELIVERY-STATE-NOTHING", "cancelState": "ORDER-CANCEL-STATE-COMPLETE"})");
  CHECK(str(run("order-status", cancelled).out["status"]) == "cancelled");
  auto open = parse(R"({"orderId": "001c", "extOrderId": "LS000001-ORD00020",
    "deliveryState": "ORDER-DELIVERY-STATE-PARTIAL", "cancelState": "ORDER-CANCEL-STATE-NOTHING"})");
  CHECK(run("order-status", open).skipped);
  auto pos_order = parse(R"({"orderId": "001d", "deliveryState": "ORDER-DELIVERY-STATE-COMPLETE"})");
  CHECK(run("order-status", pos_order).skipped);
}

TEST_CASE("orders and orders.relation map the Lightspeed order sample", "[mapping]") {
  auto order = sample("order");
  auto r = run("orders", order, nullptr, R"({"shop_id": "000001", "relation_number": 1005})",
               R"({"branch": 2, "employee_number": 999999, "shipping_article": 900001, "language": "nl"})");
  INFO(to_json(r.out));
  CHECK(str(r.out["extOrderId"]) == "LS000001-ORD00018");
  CHECK(r.out["relationNumber"].GetInt64() == 1005);
  CHECK(r.out["entryBranchNumber"].GetInt64() == 2);
  CHECK(r.out["lineList"]["line"].Size() == 2);
  auto relation = run("orders.relation", order);
  INFO(to_json(relation.out));
  CHECK(str(relation.out["extRelationId"]) == "LS-C-2026523");
  CHECK(str(relation.out["email"]) == "info@lightspeedhq.com");
}
