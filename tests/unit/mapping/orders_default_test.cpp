// The default orders mappings reproduce what flows::map_order and flows::map_relation built before
// the datamapper: the same JSON for the same input, compared member by member.
#include <catch2/catch.hpp>

#include <map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "lsmplus/flows/order_mapping.hpp"
#include "lsmplus/mapping/flow_mapping.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
using namespace lsmplus::mapping;

namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

// Every difference between two JSON values, as "path: expected X, got Y".
void differences(const rapidjson::Value& want, const rapidjson::Value& got, const std::string& path,
                 std::vector<std::string>& out) {
  if (want.IsObject() && got.IsObject()) {
    for (const auto& m : want.GetObject()) {
      std::string p = path.empty() ? m.name.GetString() : path + "." + m.name.GetString();
      auto it = got.FindMember(m.name);
      if (it == got.MemberEnd()) {
        out.push_back(p + ": missing (expected " + to_json(m.value) + ")");
      } else {
        differences(m.value, it->value, p, out);
      }
    }
    for (const auto& m : got.GetObject()) {
      if (!want.HasMember(m.name))
        out.push_back(path + "." + m.name.GetString() + ": unexpected " + to_json(m.value));
    }
    return;
  }
  if (want.IsArray() && got.IsArray()) {
    if (want.Size() != got.Size()) {
      out.push_back(path + ": " + std::to_string(want.Size()) + " items expected, got " +
                    std::to_string(got.Size()));
    }
    for (rapidjson::SizeType i = 0; i < std::min(want.Size(), got.Size()); ++i) {
      differences(want[i], got[i], path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  if (want != got) out.push_back(path + ": expected " + to_json(want) + ", got " + to_json(got));
}

std::optional<int64_t> resolve(const std::map<std::string, int64_t>& articles,
                               const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    auto it = articles.find(k);
    if (!k.empty() && it != articles.end()) return it->second;
  }
  return std::nullopt;
}

std::string text_member(const Value& v, const char* key) {
  Value m = v.member(key);
  if (m.kind() == Value::Kind::string) return std::string(m.as_text());
  return {};
}

HostFunctions article_host(std::map<std::string, int64_t> articles) {
  CompileEnv::HostFunction f;
  f.name = "article";
  f.min_args = 1;
  f.max_args = 1;
  f.call = [articles](const std::vector<Value>& args) -> Result<Value> {
    auto found = resolve(articles, {text_member(args[0], "sku"), text_member(args[0], "ean"),
                                    text_member(args[0], "articleCode")});
    return found ? Value::integer(*found) : Value();
  };
  return {f};
}

flows::ArticleResolver article_resolver(std::map<std::string, int64_t> articles) {
  return [articles](const flows::LineKeys& keys) -> Result<std::optional<int64_t>> {
    return resolve(articles, {keys.sku, keys.ean, keys.article_code});
  };
}

struct Setup {
  flows::OrderMappingSettings settings;
  rapidjson::Document cfg = parse(R"({"branch": 1, "employee_number": 999999, "shipping_article": 900001,
                                      "language": "nl"})");
  rapidjson::Document ctx = parse(R"({"shop_id": "000001", "relation_number": 681})");
  Setup() {
    settings.shop_id = "000001";
    settings.shipping_article = 900001;
  }
};

rapidjson::Document sample_order() {
  auto doc = parse(testing::read_file(testing::reference_file("lightspeed/samples/order.json")));
  rapidjson::Document order;
  order.CopyFrom(doc["order"], order.GetAllocator());
  return order;
}

rapidjson::Document dutch_order(const std::string& company, const std::string& extra = "") {
  return parse(R"({"id": 7, "number": "ORD00007", "createdAt": "2026-11-20T10:15:00+01:00",
    "email": " Jan.Jansen@Example.NL ", "firstname": "Jan", "middlename": "van", "lastname": "Jansen",
    "phone": "0612345678", "mobile": "", "companyName": ")" +
               company + R"(", "addressBillingName": "",
    "addressBillingStreet": "2e Jan Steenstraat", "addressBillingNumber": "19", "addressBillingExtension": "c",
    "addressBillingZipcode": "1073 VK", "addressBillingCity": "Amsterdam",
    "addressBillingCountry": {"id": 150, "code": "nl", "code3": "nld", "title": "Nederland"},
    "addressShippingCompany": "Magazijn", "addressShippingName": "Jan van Jansen",
    "addressShippingStreet": "Laan van Meerdervoort", "addressShippingNumber": "1", "addressShippingExtension": "-3",
    "addressShippingZipcode": "2517 AA", "addressShippingCity": "Den Haag", "addressShippingCountry": {"code": "nl"},
    "shipmentPriceIncl": 4.95, "shipmentTitle": "PostNL", "paymentPriceIncl": 0.3, "paymentTitle": false,
    "customer": {"resource": {"id": 55, "url": "customers/55"}},
    "products": {"resource": {"id": false, "embedded": [
      {"id": 1, "productTitle": "T-shirt", "variantTitle": "Red M", "sku": "TS-RED-M", "ean": "", "articleCode": "",
       "quantityOrdered": 3, "basePriceIncl": 19.99, "discountIncl": 0},
      {"id": 2, "productTitle": "Mug", "variantTitle": false, "sku": "1001", "ean": "8712345000017",
       "quantityOrdered": 1, "basePriceIncl": 8.9549, "discountIncl": 1.5}]}})" +
               extra + "}");
}

void same_order(const rapidjson::Document& order, const std::map<std::string, int64_t>& articles, Setup& s) {
  auto old_way = flows::map_order(order, 681, article_resolver(articles), s.settings);
  REQUIRE(old_way.ok());
  auto mapping = FlowMapping::compile("orders", nullptr, "none.yaml", article_host(articles));
  REQUIRE(mapping.ok());
  Scope scope;
  scope.src = &order;
  scope.cfg = &s.cfg;
  scope.ctx = &s.ctx;
  auto mapped = mapping->map(scope);
  if (!mapped) FAIL(mapped.error().message);
  REQUIRE(mapped->has_value());
  std::vector<std::string> diffs;
  differences(*old_way, **mapped, "", diffs);
  INFO(to_json(**mapped));
  for (const auto& d : diffs) UNSCOPED_INFO(d);
  CHECK(diffs.empty());
}

}  // namespace

TEST_CASE("the default orders mapping gives the same Mplus order as map_order for the API sample",
          "[mapping]") {
  Setup s;
  same_order(sample_order(), {{"anacampseros", 4242}}, s);
}

TEST_CASE("the default orders mapping matches map_order for a Dutch order with costs and discounts",
          "[mapping]") {
  Setup s;
  s.settings.payment_article = 900002;
  s.settings.workplace = 3;
  s.cfg.AddMember("payment_article", 900002, s.cfg.GetAllocator());
  s.cfg.AddMember("workplace", 3, s.cfg.GetAllocator());
  same_order(dutch_order(""), {{"TS-RED-M", 2001}, {"1001", 1001}}, s);
  same_order(dutch_order("Bakkerij De Korf"), {{"TS-RED-M", 2001}, {"1001", 1001}}, s);
}

TEST_CASE("the default orders.relation mapping gives the same Mplus relation as map_relation", "[mapping]") {
  Setup s;
  auto mapping = FlowMapping::compile("orders.relation", nullptr, "none.yaml", {});
  REQUIRE(mapping.ok());
  auto check = [&](const rapidjson::Document& order) {
    auto old_way = flows::map_relation(order, s.settings);
    REQUIRE(old_way.ok());
    Scope scope;
    scope.src = &order;
    scope.cfg = &s.cfg;
    scope.ctx = &s.ctx;
    auto mapped = mapping->map(scope);
    if (!mapped) FAIL(mapped.error().message);
    REQUIRE(mapped->has_value());
    std::vector<std::string> diffs;
    differences(*old_way, **mapped, "", diffs);
    INFO(to_json(**mapped));
    for (const auto& d : diffs) UNSCOPED_INFO(d);
    CHECK(diffs.empty());
  };
  check(sample_order());
  check(dutch_order(""));
  check(dutch_order("Bakkerij De Korf",
                    R"(, "companyVatNumber": "NL001234567B01", "companyCoCNumber": "12345678")"));
}

TEST_CASE("the default orders mapping fails a record the way map_order does", "[mapping]") {
  Setup s;
  Scope scope;
  scope.cfg = &s.cfg;
  scope.ctx = &s.ctx;
  auto order = dutch_order("");

  SECTION("a line without an Mplus article names the line and its sku") {
    auto mapping = FlowMapping::compile("orders", nullptr, "none.yaml", article_host({{"1001", 1001}}));
    REQUIRE(mapping.ok());
    scope.src = &order;
    auto mapped = mapping->map(scope);
    REQUIRE_FALSE(mapped.ok());
    CHECK(mapped.error().cls == ErrorClass::permanent);
    CHECK_THAT(mapped.error().message, Catch::StartsWith("lineList.line[0].articleNumber: ") &&
                                           Catch::Contains("TS-RED-M") && Catch::Contains("T-shirt"));
  }
  SECTION("shipping costs without a shipping article name the setting and the amount") {
    rapidjson::Document cfg(rapidjson::kObjectType);
    cfg.AddMember("branch", 1, cfg.GetAllocator());
    cfg.AddMember("employee_number", 999999, cfg.GetAllocator());
    scope.cfg = &cfg;
    auto mapping = FlowMapping::compile("orders", nullptr, "none.yaml",
                                        article_host({{"TS-RED-M", 2001}, {"1001", 1001}}));
    REQUIRE(mapping.ok());
    scope.src = &order;
    auto mapped = mapping->map(scope);
    REQUIRE_FALSE(mapped.ok());
    CHECK_THAT(mapped.error().message, Catch::StartsWith("lineList.line[2].articleNumber: ") &&
                                           Catch::Contains("4.95") && Catch::Contains("shipping_article"));
  }
}
