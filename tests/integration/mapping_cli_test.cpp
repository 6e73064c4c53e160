// The datamapper from the command line: map, lint, test, and a user's override reaching Mplus.
#include <catch2/catch.hpp>

#include <fstream>

#include "harness.hpp"

using namespace lsmplus::testing;

namespace {


std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A config whose secrets are unset variables: map, lint and test work offline without them.
const std::string kOfflineConfig =
    "lightspeed:\n"
    "  cluster: eu1\n"
    "  api_key: ${LIGHTSPEED_API_KEY}\n"
    "  api_secret: ${LIGHTSPEED_API_SECRET}\n"
    "mplus:\n"
    "  url: https://api.mpluskassa.nl:34567\n"
    "  ident: ${MPLUS_IDENT}\n"
    "  secret: ${MPLUS_SECRET}\n"
    "flows:\n"
    "  orders:\n"
    "    shipping_article: 900001\n";

}  // namespace

TEST_CASE("map orders prints the Mplus order for the API reference's sample", "[integration][mapping]") {
  auto dir = temp_dir("lsmplus-map");
  auto config = write(dir / "shop.yaml", kOfflineConfig);
  auto ctx = write(dir / "ctx.json", R"({"shop_id": "000001", "relation_number": 681, "articles": {"anacampseros": 4242}})");
  auto sample = reference_file("lightspeed/samples/order.json").string();
  auto run = run_lsmplus({"map", "orders", "--input", sample, "--ctx", ctx.string(), "--config", config.string()});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  auto out = World::parse(run.out);
  CHECK(std::string(out["extOrderId"].GetString()) == "LS000001-ORD00018");
  CHECK(out["relationNumber"].GetInt64() == 681);
  CHECK(out["employeeNumber"].GetInt64() == 999999);
  const auto& lines = out["lineList"]["line"];
  REQUIRE(lines.Size() == 2);
  CHECK(lines[0]["articleNumber"].GetInt64() == 4242);
  CHECK(lines[0]["data"]["quantity"].GetInt64() == 6);
  CHECK(lines[0]["data"]["price"].GetInt64() == 735);
  CHECK(lines[1]["articleNumber"].GetInt64() == 900001);
  CHECK(lines[1]["data"]["price"].GetInt64() == 625);

  auto xml = run_lsmplus({"map", "orders", "--input", sample, "--ctx", ctx.string(), "--config", config.string(),
                          "--format", "xml"});
  INFO(describe(xml));
  REQUIRE(xml.exit_code == 0);
  CHECK_THAT(xml.out, Catch::Contains("<ns1:createOrder>") && Catch::Contains("<ns1:extOrderId>LS000001-ORD00018<") &&
                          Catch::Contains("<ns1:price>735</ns1:price>"));
}

TEST_CASE("map without a shipping article refuses an order with shipping costs, naming the setting",
          "[integration][mapping]") {
  auto dir = temp_dir("lsmplus-map");
  auto config = write(dir / "shop.yaml", kOfflineConfig.substr(0, kOfflineConfig.find("    shipping_article")));
  auto ctx = write(dir / "ctx.json", R"({"shop_id": "000001", "relation_number": 1, "articles": {"anacampseros": 1}})");
  auto run = run_lsmplus({"map", "orders", "--input", reference_file("lightspeed/samples/order.json").string(),
                          "--ctx", ctx.string(), "--config", config.string()});
  INFO(describe(run));
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("shipping_article"));
}

TEST_CASE("map reports input that is not JSON with exit 65", "[integration][mapping]") {
  auto dir = temp_dir("lsmplus-map");
  auto bad = write(dir / "bad.json", "{\"order\": {\"id\": 1,,}}");
  auto run = run_lsmplus({"map", "orders", "--input", bad.string(), "--config", write(dir / "c.yaml", kOfflineConfig).string()});
  INFO(describe(run));
  CHECK(run.exit_code == 65);
  CHECK_THAT(run.err, Catch::Contains("bad.json") && Catch::Contains("invalid JSON"));
}

TEST_CASE("every default mapping is printed by --show-default", "[integration][mapping]") {
  for (const char* flow : {"orders", "orders.relation", "customers", "products", "categories", "stock", "order-status"}) {
    auto run = run_lsmplus({"map", flow, "--show-default"});
    INFO(flow << "\n" << describe(run));
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("fields:"));
  }
  CHECK(run_lsmplus({"map", "invoices", "--show-default"}).exit_code == 64);
}

TEST_CASE("lint reports a path typo, an unknown function and a bad lookup policy with line and column",
          "[integration][mapping]") {
  auto dir = temp_dir("lsmplus-lint");
  auto config = write(dir / "shop.yaml", kOfflineConfig +
                                             "    lookups:\n"                                   // 12
                                             "      payment_method:\n"                          // 13
                                             "        on_missing: explode\n"                    // 14
                                             "        map: { ideal: IDEAL }\n"                  // 15
                                             "    fields:\n"                                    // 16
                                             "      invoiceAddress.city: src.adressBillingCity\n"  // 17
                                             "      reference: lowr(src.number)\n");            // 18
  auto run = run_lsmplus({"lint", "--config", config.string()});
  INFO(describe(run));
  CHECK(run.exit_code == 78);
  CHECK_THAT(run.err, Catch::Contains("shop.yaml:14:") && Catch::Contains("explode"));
  CHECK_THAT(run.err, Catch::Contains("shop.yaml:17:") && Catch::Contains("adressBillingCity") &&
                          Catch::Contains("addressBillingCity"));
  CHECK_THAT(run.err, Catch::Contains("shop.yaml:18:") && Catch::Contains("lowr") && Catch::Contains("lower"));

  auto clean = run_lsmplus({"lint", "--config", write(dir / "clean.yaml", kOfflineConfig).string()});
  INFO(describe(clean));
  CHECK(clean.exit_code == 0);
}

TEST_CASE("test runs fixture pairs and shows a diff for each mismatch", "[integration][mapping]") {
  // The shipped examples pass.
  auto examples = source_dir() / "examples" / "mapping-tests";
  auto good = run_lsmplus({"test", examples.string(), "--config", (examples / "lsmplus.yaml").string()});
  INFO(describe(good));
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.out, Catch::Contains(" passed, 0 failed"));

  // A fixture whose expected output is wrong fails with a field diff.
  auto dir = temp_dir("lsmplus-fixtures");
  std::filesystem::create_directories(dir / "orders");
  std::filesystem::copy_file(examples / "orders" / "basic.in.json", dir / "orders" / "basic.in.json");
  std::filesystem::copy_file(examples / "orders" / "basic.ctx.json", dir / "orders" / "basic.ctx.json");
  auto expected = World::parse(read_file(examples / "orders" / "basic.out.json"));
  expected["reference"].SetString("WRONG");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  expected.Accept(w);
  write(dir / "orders" / "basic.out.json", buf.GetString());
  auto bad = run_lsmplus({"test", dir.string(), "--config", (examples / "lsmplus.yaml").string()});
  INFO(describe(bad));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.out, Catch::Contains("FAIL orders/basic") && Catch::Contains("- reference: \"WRONG\"") &&
                          Catch::Contains("0 passed, 1 failed"));
}

TEST_CASE("a field changed in the config's mapping changes what reaches Mplus", "[integration][mapping]") {
  World world;
  auto config = world.dir / "custom.yaml";
  std::string text = read_file(source_dir() / "examples" / "sandbox.yaml");
  text += "    fields:\n      reference: \"'WEB ' ~ src.number\"\n";
  write(config, text);
  auto e = world.sandbox.env();
  e["LSMPLUS_STATE"] = world.state_path().string();
  auto run = run_command({bin("lsmplus").string(), "sync", "orders", "--config", config.string()}, e);
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  auto mplus = world.mplus_state();
  REQUIRE(mplus["orders"].Size() > 0);
  for (const auto& o : mplus["orders"].GetArray()) {
    std::string ext = o["extOrderId"].GetString();
    CHECK(std::string(o["reference"].GetString()) == "WEB " + ext.substr(ext.find('-') + 1));
  }
}

TEST_CASE("every example config lints clean", "[integration][mapping]") {
  for (const char* name : {"lsmplus.yaml", "sandbox.yaml", "mapping-tests/lsmplus.yaml"}) {
    auto run = run_lsmplus({"lint", "--config", (source_dir() / "examples" / name).string()});
    INFO(name << "\n" << describe(run));
    CHECK(run.exit_code == 0);
  }
}
