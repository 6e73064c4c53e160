#include <catch2/catch.hpp>

#include <map>

#include "lsmplus/flows/mappings.hpp"
#include "lsmplus/flows/order_keys.hpp"
#include "support/json.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
using namespace lsmplus::flows;

namespace {

rapidjson::Document parse(const std::string& json) { return lsmplus::testing::parse_json(json); }

// The API reference's order (ORD00018: one line, article code "anacampseros", 6.25 shipping).
rapidjson::Document sample_order() {
  auto doc = parse(testing::read_file(testing::reference_file("lightspeed/samples/order.json")));
  rapidjson::Document order;
  order.CopyFrom(doc["order"], order.GetAllocator());
  return order;
}

ArticleResolver resolver(std::map<std::string, int64_t> by_key) {
  return [by_key](const LineKeys& keys) -> Result<std::optional<int64_t>> {
    for (const auto& k : {keys.sku, keys.ean, keys.article_code}) {
      if (auto it = by_key.find(k); !k.empty() && it != by_key.end()) return std::optional<int64_t>(it->second);
    }
    return std::optional<int64_t>{};
  };
}

// What the orders flow gives its mappings: cfg from the config, ctx with the shop and relation.
struct Setup {
  std::optional<int64_t> shipping_article = 900001;
  int64_t relation_number = 681;
  std::map<std::string, int64_t> articles;
};

// Maps `order` with the built-in default mapping `name` ("orders" or "orders.relation").
Result<rapidjson::Document> map_default(const char* name, const rapidjson::Value& order, const Setup& setup) {
  auto compiled = mapping::FlowMapping::compile(name, nullptr, "<test>", host_functions(resolver(setup.articles)));
  REQUIRE(compiled.ok());
  rapidjson::Document cfg(rapidjson::kObjectType);
  cfg.AddMember("branch", 1, cfg.GetAllocator());
  cfg.AddMember("employee_number", 999999, cfg.GetAllocator());
  if (setup.shipping_article) cfg.AddMember("shipping_article", *setup.shipping_article, cfg.GetAllocator());
  rapidjson::Document ctx(rapidjson::kObjectType);
  ctx.AddMember("shop_id", "000001", ctx.GetAllocator());
  ctx.AddMember("relation_number", setup.relation_number, ctx.GetAllocator());
  mapping::Scope scope;
  scope.src = &order;
  scope.cfg = &cfg;
  scope.ctx = &ctx;
  auto mapped = compiled->map(scope);
  if (!mapped) return mapped.error();
  REQUIRE(mapped->has_value());
  return std::move(**mapped);
}

// A small Dutch order built in the test, with the fields the mapping reads.
rapidjson::Document dutch_order(const std::string& company = "", const std::string& extra_fields = "") {
  return parse(R"({"id": 7, "number": "ORD00007", "createdAt": "2026-11-20T10:15:00+01:00",
    "email": " Jan.Jansen@Example.NL ", "firstname": "Jan", "middlename": "van", "lastname": "Jansen",
    "phone": "0612345678", "companyName": ")" + company + R"(", "addressBillingName": "Jan van Jansen",
    "addressBillingStreet": "2e Jan Steenstraat", "addressBillingNumber": "19", "addressBillingExtension": "c",
    "addressBillingZipcode": "1073 VK", "addressBillingCity": "Amsterdam",
    "addressBillingCountry": {"id": 150, "code": "nl", "code3": "nld", "title": "Nederland"},
    "addressShippingCompany": false, "addressShippingName": "Jan van Jansen",
    "addressShippingStreet": "Laan van Meerdervoort", "addressShippingNumber": "1", "addressShippingExtension": "-3",
    "addressShippingZipcode": "2517 AA", "addressShippingCity": "Den Haag", "addressShippingCountry": {"code": "nl"},
    "shipmentPriceIncl": 0, "paymentPriceIncl": 0, "customer": {"resource": {"id": 55, "url": "customers/55"}},
    "products": {"resource": {"id": false, "embedded": [
      {"id": 1, "productTitle": "T-shirt", "variantTitle": "Red M", "sku": "TS-RED-M", "ean": "", "articleCode": "",
       "quantityOrdered": 3, "basePriceIncl": 19.99, "discountIncl": 0},
      {"id": 2, "productTitle": "Mug", "variantTitle": false, "sku": "1001", "ean": "8712345000017",
       "quantityOrdered": 1, "basePriceIncl": 8.95, "discountIncl": 1.5}]}})" +
               extra_fields + "}");
}

}  // namespace

TEST_CASE("the default mapping turns the API reference order into an Mplus order keyed by shop and number", "[flows]") {
  auto order = sample_order();
  auto mapped = map_default("orders", order, {.articles = {{"anacampseros", 4242}}});
  REQUIRE(mapped.ok());
  const auto& m = *mapped;
  CHECK(std::string(m["extOrderId"].GetString()) == "LS000001-ORD00018");
  CHECK(m["relationNumber"].GetInt64() == 681);
  CHECK(m["employeeNumber"].GetInt64() == 999999);
  CHECK(m["entryBranchNumber"].GetInt64() == 1);
  CHECK(std::string(m["vatMethod"].GetString()) == "VAT-METHOD-INCLUSIVE");
  const auto& lines = m["lineList"]["line"];
  REQUIRE(lines.Size() == 2);
  CHECK(lines[0]["articleNumber"].GetInt64() == 4242);
  CHECK(lines[0]["data"]["quantity"].GetInt64() == 6);
  CHECK(lines[0]["data"]["price"].GetInt64() == 735);
  // Shipping becomes a line on the configured service article.
  CHECK(lines[1]["articleNumber"].GetInt64() == 900001);
  CHECK(lines[1]["data"]["price"].GetInt64() == 625);
  CHECK(std::string(lines[1]["text"].GetString()) == "Default Shipping");
  CHECK(std::string(m["deliveryAddress"]["country"].GetString()) == "CA");
  // 2019-08-21T17:15:00Z is 19:15 summer time in Amsterdam.
  CHECK(m["entryTimestamp"]["hour"].GetInt64() == 19);
  CHECK(m["entryTimestamp"]["timezone"].GetInt64() == 120);
  CHECK(m["financialDate"]["day"].GetInt64() == 21);
}

TEST_CASE("shipping costs without a configured shipping article fail the record, naming the setting", "[flows]") {
  auto order = sample_order();
  auto mapped = map_default("orders", order, {.shipping_article = std::nullopt, .articles = {{"anacampseros", 4242}}});
  REQUIRE_FALSE(mapped.ok());
  CHECK(mapped.error().cls == ErrorClass::permanent);
  CHECK_THAT(mapped.error().message, Catch::Contains("shipping_article") &&
                                         Catch::Contains("6.25"));
}

TEST_CASE("a line that resolves to no article fails the record, naming the line and its keys", "[flows]") {
  auto order = dutch_order();
  auto mapped = map_default("orders", order, {.relation_number = 1, .articles = {{"1001", 1001}}});
  REQUIRE_FALSE(mapped.ok());
  CHECK(mapped.error().cls == ErrorClass::permanent);
  CHECK_THAT(mapped.error().message, Catch::Contains("lineList.line[0].articleNumber") &&
                                         Catch::Contains("TS-RED-M"));
}

TEST_CASE("Dutch addresses keep number and addition; amounts are exact cents", "[flows]") {
  auto order = dutch_order();
  auto mapped = map_default("orders", order, {.relation_number = 1, .articles = {{"TS-RED-M", 2001}, {"1001", 1001}}});
  REQUIRE(mapped.ok());
  const auto& m = *mapped;
  CHECK(std::string(m["invoiceAddress"]["address"].GetString()) == "2e Jan Steenstraat 19c");
  CHECK(std::string(m["deliveryAddress"]["address"].GetString()) == "Laan van Meerdervoort 1-3");
  CHECK(std::string(m["deliveryAddress"]["country"].GetString()) == "NL");
  CHECK_FALSE(m["deliveryAddress"].HasMember("companyName"));
  const auto& lines = m["lineList"]["line"];
  REQUIRE(lines.Size() == 2);  // no shipping line: shipmentPriceIncl is 0
  CHECK(lines[0]["data"]["price"].GetInt64() == 1999);
  CHECK(lines[0]["data"]["quantity"].GetInt64() == 3);
  CHECK(std::string(lines[0]["text"].GetString()) == "T-shirt - Red M");
  CHECK(lines[1]["data"]["discountAmount"].GetInt64() == 150);
  CHECK(std::string(lines[1]["text"].GetString()) == "Mug");
  // 10:15 at +01:00 is 10:15 in Amsterdam in November.
  CHECK(m["entryTimestamp"]["hour"].GetInt64() == 10);
  CHECK(m["entryTimestamp"]["min"].GetInt64() == 15);
}

TEST_CASE("a person becomes a person relation, matched by the normalised e-mail", "[flows]") {
  auto order = dutch_order();
  auto rel = map_default("orders.relation", order, {});
  REQUIRE(rel.ok());
  CHECK(std::string((*rel)["name"].GetString()) == "Jan van Jansen");
  CHECK(std::string((*rel)["email"].GetString()) == "jan.jansen@example.nl");
  CHECK(std::string((*rel)["address"].GetString()) == "2e Jan Steenstraat 19c");
  CHECK(std::string((*rel)["extRelationId"].GetString()) == "LS-C-55");
  CHECK_FALSE(rel->HasMember("companyName"));
  CHECK_FALSE(rel->HasMember("contactList"));
}

TEST_CASE("a company becomes a company relation with the person as contact", "[flows]") {
  auto order = dutch_order("Bakkerij De Korf", R"(, "companyVatNumber": "NL001234567B01", "companyCoCNumber": "12345678")");
  auto rel = map_default("orders.relation", order, {});
  REQUIRE(rel.ok());
  CHECK(std::string((*rel)["name"].GetString()) == "Bakkerij De Korf");
  CHECK(std::string((*rel)["companyName"].GetString()) == "Bakkerij De Korf");
  CHECK(std::string((*rel)["contact"].GetString()) == "Jan van Jansen");
  CHECK(std::string((*rel)["vatNumber"].GetString()) == "NL001234567B01");
  CHECK(std::string((*rel)["commerceNumber"].GetString()) == "12345678");
  const auto& contacts = (*rel)["contactList"]["relation"];
  REQUIRE(contacts.Size() == 1);
  CHECK(std::string(contacts[0]["name"].GetString()) == "Jan van Jansen");
}

TEST_CASE("an order without an e-mail address cannot get a relation", "[flows]") {
  auto order = dutch_order();
  order["email"].SetString("");
  auto rel = map_default("orders.relation", order, {});
  REQUIRE_FALSE(rel.ok());
  CHECK(rel.error().cls == ErrorClass::permanent);
  CHECK_THAT(rel.error().message, Catch::Contains("e-mail"));
}

TEST_CASE("e-mail addresses are normalised for matching relations", "[flows]") {
  CHECK(normalise_email("  A.B@Example.COM\n") == "a.b@example.com");
  CHECK(normalise_email("no-at-sign") == std::nullopt);
  CHECK(normalise_email("") == std::nullopt);
}
