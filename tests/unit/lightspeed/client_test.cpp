#include <catch2/catch.hpp>

#include <atomic>

#include "lsmplus/lightspeed/client.hpp"
#include "lsmplus/lightspeed/records.hpp"
#include "lsmplus/net/http_client.hpp"
#include "lsmplus/util/decimal.hpp"
#include "lsmplus/util/time.hpp"
#include "support/local_server.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
namespace ls = lsmplus::lightspeed;
using lsmplus::testing::LocalServer;

namespace {

std::string sample(const std::string& name) {
  return testing::read_file(testing::reference_file("lightspeed/samples/" + name));
}

// Serves `body` for GET /us/{path}.json when the Basic credentials are key/secret.
LocalServer serve(const std::string& path, const std::string& body) {
  return LocalServer([=](httplib::Server& s) {
    s.Get("/us/" + path + ".json", [=](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Authorization") != "Basic a2V5OnNlY3JldA==") {
        res.status = 401;
        res.set_content(R"({"error":{"code":401,"method":"GET","request":"/us/x.json","message":"Could not authenticate you."}})",
                        "application/json");
        return;
      }
      res.set_content(body, "application/json");
    });
  });
}

net::HttpOptions quick() {
  net::HttpOptions o;
  o.max_attempts = 1;
  return o;
}

}  // namespace

TEST_CASE("the API reference's order sample parses with its embedded lines and exact amounts", "[lightspeed]") {
  auto server = serve("orders/1623550", sample("order.json"));
  net::HttpClient http(quick());
  ls::Client client(http, {server.base_url(), "us", "key", "secret"});
  auto order = client.get_order(1623550);
  REQUIRE(order.ok());
  CHECK(ls::integer(*order, "id") == 1623550);
  CHECK(ls::text(*order, "number") == "ORD00018");
  CHECK(ls::text(*order, "status") == "processing_awaiting_shipment");
  // false means absent.
  CHECK(ls::text(*order, "referralId") == std::nullopt);
  CHECK(ls::text(*order, "companyName") == std::nullopt);
  CHECK(ls::decimal(*order, "shipmentPriceIncl") == "6.25");
  CHECK(*util::decimal_to_cents(*ls::decimal(*order, "priceIncl")) == 5035);
  CHECK(ls::country_code(*order, "addressShippingCountry") == "CA");
  CHECK(ls::resource_id(*order, "customer") == 2026523);
  CHECK(util::parse_time(*ls::text(*order, "createdAt")) == util::parse_time("2019-08-21T17:15:00Z"));
  const rapidjson::Value* lines = ls::embedded(*order, "products");
  REQUIRE(lines != nullptr);
  REQUIRE(lines->IsArray());
  REQUIRE(lines->Size() == 1);
  const auto& line = (*lines)[0];
  CHECK(ls::integer(line, "quantityOrdered") == 6);
  CHECK(ls::decimal(line, "basePriceIncl") == "7.35");
  CHECK(ls::text(line, "sku") == std::nullopt);  // "" is absent too
  CHECK(ls::text(line, "articleCode") == "anacampseros");
  CHECK(ls::resource_id(line, "variant") == 34771159);
}

TEST_CASE("the order-product, customer and shop samples parse through the connector", "[lightspeed]") {
  net::HttpClient http(quick());
  {
    auto server = serve("orders/1623550/products/3515302", sample("orderProduct.json"));
    ls::Client client(http, {server.base_url(), "us", "key", "secret"});
    auto line = client.get("orders/1623550/products/3515302");
    REQUIRE(line.ok());
    CHECK(ls::integer(*line, "id").has_value());
    CHECK(ls::integer(*line, "quantityOrdered").has_value());
    CHECK(ls::decimal(*line, "basePriceIncl").has_value());
  }
  {
    auto server = serve("customers/2026523", sample("customer.json"));
    ls::Client client(http, {server.base_url(), "us", "key", "secret"});
    auto customer = client.get("customers/2026523");
    REQUIRE(customer.ok());
    CHECK(ls::text(*customer, "email").has_value());
    CHECK(ls::country_code(*customer, "addressBillingCountry").has_value());
  }
  {
    auto server = serve("shop", sample("shop.json"));
    ls::Client client(http, {server.base_url(), "us", "key", "secret"});
    auto shop = client.get_shop();
    REQUIRE(shop.ok());
    CHECK((ls::text(*shop, "id") || ls::integer(*shop, "id")));
  }
}

TEST_CASE("the live eu1 order trim parses: +02:00 timestamps and null versus false", "[lightspeed]") {
  auto server = serve("orders/1", testing::read_file(testing::reference_file("lightspeed/live-trims/nicktacke-order.json")));
  net::HttpClient http(quick());
  ls::Client client(http, {server.base_url(), "us", "key", "secret"});
  auto order = client.get_order(1);
  REQUIRE(order.ok());
  auto created = ls::text(*order, "createdAt");
  REQUIRE(created);
  CHECK(util::parse_time(*created).has_value());
  CHECK(ls::integer(*order, "id").has_value());
}

TEST_CASE("a 401 with the error envelope is an auth error carrying the API's message", "[lightspeed]") {
  auto server = serve("orders/1", "{}");
  net::HttpClient http(quick());
  ls::Client client(http, {server.base_url(), "us", "key", "wrong"});
  auto order = client.get_order(1);
  REQUIRE_FALSE(order.ok());
  CHECK(order.error().cls == ErrorClass::auth);
  CHECK_THAT(order.error().message, Catch::Contains("Could not authenticate you."));
  CHECK_THAT(order.error().message, !Catch::Contains("wrong"));
}

TEST_CASE("answers that do not fit the envelope are protocol errors", "[lightspeed]") {
  net::HttpClient http(quick());
  for (const char* body : {"not json", "[1,2]", R"({"a":1,"b":2})"}) {
    auto server = serve("orders/1", body);
    ls::Client client(http, {server.base_url(), "us", "key", "secret"});
    auto order = client.get_order(1);
    REQUIRE_FALSE(order.ok());
    CHECK(order.error().cls == ErrorClass::protocol);
  }
}

TEST_CASE("paging walks limit=250 pages until a short page", "[lightspeed]") {
  std::atomic<int> requests{0};
  std::string seen_query;
  LocalServer server([&](httplib::Server& s) {
    s.Get("/nl/orders.json", [&](const httplib::Request& req, httplib::Response& res) {
      ++requests;
      int page = std::stoi(req.get_param_value("page"));
      CHECK(req.get_param_value("limit") == "250");
      seen_query = req.get_param_value("updated_at_min");
      int count = page == 1 ? 250 : (page == 2 ? 10 : 0);
      std::string body = R"({"orders":[)";
      for (int i = 0; i < count; ++i) body += (i ? "," : "") + std::string(R"({"id":)") + std::to_string(page * 1000 + i) + "}";
      body += "]}";
      res.set_content(body, "application/json");
    });
  });
  net::HttpClient http(quick());
  ls::Client client(http, {server.base_url(), "nl", "k", "s"});
  size_t total = 0;
  auto r = client.for_each_page("orders", {{"updated_at_min", "2026-11-01 00:00:00"}}, [&](const rapidjson::Value& items) {
    total += items.Size();
    return Result<bool>(true);
  });
  REQUIRE(r.ok());
  CHECK(total == 260);
  CHECK(requests == 2);
  CHECK(seen_query == "2026-11-01 00:00:00");
}

TEST_CASE("filter times are sent in UTC as YYYY-MM-DD HH:MM:SS", "[lightspeed]") {
  CHECK(ls::format_filter_time(*util::parse_time("2026-06-02T10:24:43+02:00")) == "2026-06-02 08:24:43");
}

TEST_CASE("a page handler can stop the walk before the last page", "[lightspeed]") {
  std::atomic<int> requests{0};
  LocalServer server([&](httplib::Server& s) {
    s.Get("/nl/orders.json", [&](const httplib::Request&, httplib::Response& res) {
      ++requests;
      std::string body = R"({"orders":[)";
      for (int i = 0; i < 250; ++i) body += (i ? "," : "") + std::string(R"({"id":)") + std::to_string(i) + "}";
      res.set_content(body + "]}", "application/json");
    });
  });
  net::HttpClient http(quick());
  ls::Client client(http, {server.base_url(), "nl", "k", "s"});
  auto r = client.for_each_page("orders", {}, [&](const rapidjson::Value&) { return Result<bool>(false); });
  REQUIRE(r.ok());
  CHECK(requests == 1);
}
