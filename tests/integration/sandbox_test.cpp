// lsmplus-sandbox speaks the two wire protocols as API-LIGHTSPEED.md and API-MPLUS.md describe
// them; these checks use plain HTTP, not the connectors, so the emulator is held to the docs.
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace lsmplus::testing;

namespace {
std::string with_auth(const std::string& url) {
  // Basic credentials in the URL; libcurl turns them into an Authorization header.
  return "http://sandbox-key:sandbox-secret@" + url.substr(std::string("http://").size());
}
}  // namespace

TEST_CASE("the Lightspeed emulator refuses wrong credentials with the error envelope", "[integration][sandbox]") {
  World world;
  std::string body;
  CHECK(http_request("GET", world.sandbox.lightspeed_url() + "/nl/orders.json", body) == 401);
  auto doc = World::parse(body);
  CHECK(std::string(doc["error"]["message"].GetString()) == "Could not authenticate you.");
}

TEST_CASE("order lists are newest first without embedded lines; a single order embeds them", "[integration][sandbox]") {
  World world;
  std::string body;
  REQUIRE(http_request("GET", with_auth(world.sandbox.lightspeed_url()) + "/nl/orders.json?limit=5&page=1", body) == 200);
  auto list = World::parse(body);
  REQUIRE(list["orders"].Size() == 5);
  for (rapidjson::SizeType i = 1; i < 5; ++i) CHECK(list["orders"][i - 1]["id"].GetInt64() > list["orders"][i]["id"].GetInt64());
  CHECK_FALSE(list["orders"][0]["products"]["resource"].HasMember("embedded"));
  int64_t id = list["orders"][0]["id"].GetInt64();
  REQUIRE(http_request("GET", with_auth(world.sandbox.lightspeed_url()) + "/nl/orders/" + std::to_string(id) + ".json",
                       body) == 200);
  auto one = World::parse(body);
  CHECK(one["order"]["products"]["resource"]["embedded"].IsArray());
  CHECK(one["order"]["customer"]["resource"]["embedded"].IsObject());
  REQUIRE(http_request("GET", with_auth(world.sandbox.lightspeed_url()) + "/nl/orders/count.json?status=cancelled", body) ==
          200);
  CHECK(World::parse(body)["count"].GetInt64() == 2);
}

TEST_CASE("the Mplus emulator answers GET / with 405 and unknown operations with a Client fault", "[integration][sandbox]") {
  World world;
  std::string body;
  CHECK(http_request("GET", world.sandbox.mplus_url() + "/", body) == 405);
  std::string envelope =
      "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:ns1=\"urn:mplusqapi\"><SOAP-ENV:Body><ns1:launchRocket/></SOAP-ENV:Body></SOAP-ENV:Envelope>";
  CHECK(http_request("POST", world.sandbox.mplus_url() + "/?ident=sandbox&secret=sandbox-secret", body, envelope,
                     "text/xml") == 500);
  CHECK_THAT(body, Catch::Contains("SOAP-ENV:Client") && Catch::Contains("launchRocket"));
}
