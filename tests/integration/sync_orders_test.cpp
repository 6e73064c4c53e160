// `lsmplus sync orders` end to end: the real binary against lsmplus-sandbox over HTTP.
#include <catch2/catch.hpp>

#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "harness.hpp"

using namespace lsmplus::testing;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

const rapidjson::Value* find_by(const rapidjson::Value& list, const char* key, int64_t value) {
  for (const auto& item : list.GetArray())
    if (item.HasMember(key) && item[key].IsInt64() && item[key].GetInt64() == value) return &item;
  return nullptr;
}

// The Mplus article a webshop line must have landed on: numeric SKU = article number,
// otherwise the article whose extArticleId is the SKU, otherwise the one whose barcode is the EAN.
int64_t expected_article(const rapidjson::Document& mplus, const rapidjson::Value& line) {
  std::string sku = line.HasMember("sku") && line["sku"].IsString() ? line["sku"].GetString() : "";
  std::string ean = line.HasMember("ean") && line["ean"].IsString() ? line["ean"].GetString() : "";
  if (!sku.empty() && std::all_of(sku.begin(), sku.end(), ::isdigit)) return std::stoll(sku);
  for (const auto& product : mplus["products"].GetArray()) {
    for (const auto& art : product["articleList"].GetArray()) {
      if (!sku.empty() && art.HasMember("extArticleId") && sku == art["extArticleId"].GetString())
        return art["articleNumber"].GetInt64();
    }
  }
  for (const auto& product : mplus["products"].GetArray()) {
    for (const auto& art : product["articleList"].GetArray()) {
      if (!ean.empty() && art.HasMember("barcode") && ean == art["barcode"].GetString())
        return art["articleNumber"].GetInt64();
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("first sync creates every new order once with its customer and lines; a second creates none",
          "[integration]") {
  World world;
  auto shop = world.lightspeed_state();
  auto wanted = orders_with_status(shop, "processing_awaiting_shipment");
  REQUIRE(wanted.size() >= 10);

  auto first = world.lsmplus({"sync", "orders"});
  INFO(describe(first));
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("orders: " + std::to_string(wanted.size()) + " created"));
  CHECK_THAT(first.out, Catch::Contains("0 failed"));

  auto mplus = world.mplus_state();
  REQUIRE(mplus["orders"].Size() == wanted.size());
  for (const auto* order : wanted) {
    std::string number = (*order)["number"].GetString();
    std::string ext_id = "LS" + std::string(shop["shop"]["id"].GetString()) + "-" + number;
    INFO("order " << number);
    REQUIRE(count_ext_order_id(mplus, ext_id) == 1);
    const rapidjson::Value* created = nullptr;
    for (const auto& o : mplus["orders"].GetArray())
      if (ext_id == o["extOrderId"].GetString()) created = &o;
    REQUIRE(created);
    CHECK((*created)["employeeNumber"].GetInt64() == 999999);
    // The customer: the relation with the order's e-mail address.
    const auto* relation = find_by(mplus["relations"], "relationNumber", (*created)["relationNumber"].GetInt64());
    REQUIRE(relation);
    CHECK(lower((*relation)["email"].GetString()) == lower((*order)["email"].GetString()));
    // The lines: one per webshop line, on the right article, quantity and unit price in cents.
    const auto& ls_lines = (*order)["products"];
    const auto& lines = (*created)["lineList"];
    size_t shipping = 0;
    for (const auto& l : lines.GetArray())
      if (l["articleNumber"].GetInt64() == 900001) ++shipping;
    REQUIRE(lines.Size() == ls_lines.Size() + shipping);
    for (rapidjson::SizeType i = 0; i < ls_lines.Size(); ++i) {
      CHECK(lines[i]["articleNumber"].GetInt64() == expected_article(mplus, ls_lines[i]));
      CHECK(lines[i]["data"]["quantity"].GetInt64() == ls_lines[i]["quantityOrdered"].GetInt64());
      CHECK(lines[i]["data"]["price"].GetInt64() == std::llround(ls_lines[i]["basePriceIncl"].GetDouble() * 100));
    }
    bool has_shipping_cost = (*order)["shipmentPriceIncl"].GetDouble() > 0;
    CHECK(shipping == (has_shipping_cost ? 1u : 0u));
  }

  auto second = world.lsmplus({"sync", "orders"});
  INFO(describe(second));
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::Contains("orders: 0 created"));
  CHECK(world.mplus_state()["orders"].Size() == wanted.size());
}

TEST_CASE("customers already in Mplus are found by e-mail, not created again", "[integration]") {
  World world;
  auto before = world.mplus_state();
  const auto relations_before = before["relations"].Size();
  REQUIRE(relations_before > 0);
  auto run = world.lsmplus({"sync", "orders"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  auto after = world.mplus_state();
  // Every relation has a distinct e-mail address: none was created twice, and those that
  // existed (one with a differently cased address) were reused.
  std::vector<std::string> emails;
  for (const auto& r : after["relations"].GetArray())
    if (r.HasMember("email")) emails.push_back(lower(r["email"].GetString()));
  std::sort(emails.begin(), emails.end());
  CHECK(std::adjacent_find(emails.begin(), emails.end()) == emails.end());
  for (const auto& existing : before["relations"].GetArray()) {
    int64_t number = existing["relationNumber"].GetInt64();
    bool used = false;
    for (const auto& o : after["orders"].GetArray()) used = used || o["relationNumber"].GetInt64() == number;
    INFO("relation " << number << " " << existing["email"].GetString());
    CHECK(used);
  }
}

TEST_CASE("an order added to the shop later is the only one the next run creates", "[integration]") {
  World world;
  REQUIRE(world.lsmplus({"sync", "orders"}).exit_code == 0);
  const auto count = world.mplus_state()["orders"].Size();
  auto shop = world.lightspeed_state();
  auto wanted = orders_with_status(shop, "processing_awaiting_shipment");
  // A copy of an existing order under a new id and number, updated now.
  std::string document = api_order_document(*wanted.front(), [](rapidjson::Document& order) {
    order["id"].SetInt64(99000001);
    order["number"].SetString("ORD09999");
    order.RemoveMember("updatedAt");
  });
  std::string body;
  REQUIRE(http_request("POST", world.sandbox.lightspeed_url() + "/_sandbox/lightspeed/orders", body, document) ==
          201);

  auto run = world.lsmplus({"sync", "orders"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("orders: 1 created"));
  auto mplus = world.mplus_state();
  CHECK(mplus["orders"].Size() == count + 1);
  CHECK(count_ext_order_id(mplus, "LS" + std::string(shop["shop"]["id"].GetString()) + "-ORD09999") == 1);
}

TEST_CASE("a reply lost after Mplus stored the order does not duplicate it", "[integration]") {
  // The first createOrder is carried out, then the connection drops: the client cannot know it
  // went through. The retry meets EXT-ORDER-ID-ALREADY-EXISTS and links the existing order.
  World world({"--seed", "demo", "--faults", "mplus:createOrder:drop-after:1"});
  auto run = world.lsmplus({"sync", "orders"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("1 already in Mplus (linked)"));
  auto shop = world.lightspeed_state();
  auto wanted = orders_with_status(shop, "processing_awaiting_shipment");
  auto mplus = world.mplus_state();
  CHECK(mplus["orders"].Size() == wanted.size());
  for (const auto* order : wanted) {
    std::string ext_id = "LS" + std::string(shop["shop"]["id"].GetString()) + "-" + (*order)["number"].GetString();
    CHECK(count_ext_order_id(mplus, ext_id) == 1);
  }
}

TEST_CASE("transient API failures are retried and the run still succeeds", "[integration]") {
  World world({"--seed", "demo", "--faults", "lightspeed:/orders:503:2,lightspeed:/orders:429:1,mplus:createOrder:500:1"});
  auto run = world.lsmplus({"sync", "orders"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  auto wanted = orders_with_status(world.lightspeed_state(), "processing_awaiting_shipment");
  CHECK(world.mplus_state()["orders"].Size() == wanted.size());
}

TEST_CASE("a dry run plans every write and writes nothing", "[integration]") {
  World world;
  auto run = world.lsmplus({"sync", "orders", "--dry-run"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("\"operation\":\"createOrder\""));
  CHECK_THAT(run.out, Catch::Contains("dry run"));
  CHECK(world.mplus_state()["orders"].Size() == 0);
  // Nothing was linked: a real run afterwards creates everything.
  auto real = world.lsmplus({"sync", "orders"});
  REQUIRE(real.exit_code == 0);
  auto wanted = orders_with_status(world.lightspeed_state(), "processing_awaiting_shipment");
  CHECK(world.mplus_state()["orders"].Size() == wanted.size());
}

TEST_CASE("wrong Lightspeed credentials exit 77", "[integration]") {
  World world;
  auto run = world.lsmplus({"sync", "orders"}, {{"LSMPLUS_SANDBOX_LIGHTSPEED_SECRET", "not-the-secret"}});
  INFO(describe(run));
  CHECK(run.exit_code == 77);
  CHECK_THAT(run.err, Catch::Contains("Could not authenticate you."));
  CHECK_THAT(run.err + run.out, !Catch::Contains("not-the-secret"));
}

TEST_CASE("wrong Mplus credentials exit 77, as a fault or as HTTP 401", "[integration]") {
  for (const char* mode : {"fault", "http401"}) {
    World world({"--seed", "demo", "--mplus-auth-failure", mode});
    auto run = world.lsmplus({"sync", "orders"}, {{"LSMPLUS_SANDBOX_MPLUS_SECRET", "not-the-secret"}});
    INFO(mode << "\n" << describe(run));
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err + run.out, !Catch::Contains("not-the-secret"));
    CHECK(world.mplus_state()["orders"].Size() == 0);
  }
}

TEST_CASE("an unreachable API exits 69 after the retries", "[integration]") {
  World world;
  std::string dead = "http://127.0.0.1:" + std::to_string(unused_port());
  auto mplus_down = world.lsmplus({"sync", "orders"}, {{"LSMPLUS_SANDBOX_MPLUS_URL", dead}});
  INFO(describe(mplus_down));
  CHECK(mplus_down.exit_code == 69);
  CHECK_THAT(mplus_down.err, Catch::Contains("127.0.0.1"));
  auto lightspeed_down = world.lsmplus({"sync", "orders"}, {{"LSMPLUS_SANDBOX_LIGHTSPEED_URL", dead}});
  INFO(describe(lightspeed_down));
  CHECK(lightspeed_down.exit_code == 69);
}

TEST_CASE("a second run of the same flow while the lock is held exits 75 at once", "[integration]") {
  World world;
  std::string lock_path = world.state_path().string() + ".orders.lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(flock(fd, LOCK_EX | LOCK_NB) == 0);
  auto run = world.lsmplus({"sync", "orders"});
  close(fd);
  INFO(describe(run));
  CHECK(run.exit_code == 75);
  CHECK_THAT(run.err, Catch::Contains("orders"));
  CHECK(world.mplus_state()["orders"].Size() == 0);
}

TEST_CASE("secrets never appear in debug logs or the sandbox's request record", "[integration]") {
  auto record = temp_dir("lsmplus-rec") / "requests.jsonl";
  World world({"--seed", "demo", "--record", record.string()});
  auto run = world.lsmplus({"sync", "orders", "-v", "--log-format", "json"});
  INFO(describe(run));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.err, Catch::Contains("\"level\":\"debug\""));
  for (const char* secret : {"sandbox-secret", "sandbox-key"}) {
    CHECK_THAT(run.err + run.out, !Catch::Contains(secret));
  }
  auto recorded = read_file(record);
  CHECK_THAT(recorded, Catch::Contains("createOrder"));
  CHECK_THAT(recorded, !Catch::Contains("sandbox-secret"));
}

TEST_CASE("the state store records the run for `lsmplus status`", "[integration]") {
  World world;
  REQUIRE(world.lsmplus({"sync", "orders"}).exit_code == 0);
  auto status = world.lsmplus({"status"});
  INFO(describe(status));
  REQUIRE(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("orders linked"));
  CHECK_THAT(status.out, Catch::Contains("exit 0"));
}

TEST_CASE("--limit writes that many orders and leaves the cursor, so the next run continues", "[integration]") {
  World world;
  auto wanted = orders_with_status(world.lightspeed_state(), "processing_awaiting_shipment");
  auto first = world.lsmplus({"sync", "orders", "--limit", "5"});
  INFO(describe(first));
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("orders: 5 created") && Catch::Contains("--limit 5"));
  CHECK(world.mplus_state()["orders"].Size() == 5);
  auto rest = world.lsmplus({"sync", "orders"});
  INFO(describe(rest));
  REQUIRE(rest.exit_code == 0);
  CHECK_THAT(rest.out, Catch::Contains("orders: " + std::to_string(wanted.size() - 5) + " created") &&
                           Catch::Contains("5 skipped"));
  CHECK(world.mplus_state()["orders"].Size() == wanted.size());
}

TEST_CASE("an order whose line matches no article fails alone; the run exits 2 and retries it next time",
          "[integration]") {
  // A seed dir with one extra order whose only line has an unknown SKU.
  auto dir = temp_dir("lsmplus-seed");
  std::filesystem::create_directories(dir / "lightspeed" / "orders");
  World probe;
  auto shop = probe.lightspeed_state();
  std::ofstream(dir / "lightspeed" / "orders" / "bad.json")
      << api_order_document(*orders_with_status(shop, "processing_awaiting_shipment").front(),
                            [](rapidjson::Document& order) {
                              order["id"].SetInt64(99000002);
                              order["number"].SetString("ORD09998");
                              auto& lines = order["products"];
                              while (lines.Size() > 1) lines.PopBack();
                              lines[0]["sku"].SetString("NO-SUCH-SKU");
                              lines[0]["ean"].SetString("");
                            });

  World world({"--seed", "demo", "--seed-dir", dir.string()});
  auto wanted = orders_with_status(world.lightspeed_state(), "processing_awaiting_shipment");
  auto run = world.lsmplus({"sync", "orders"});
  INFO(describe(run));
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.out, Catch::Contains("1 failed") && Catch::Contains("ORD09998") && Catch::Contains("NO-SUCH-SKU"));
  CHECK(world.mplus_state()["orders"].Size() == wanted.size() - 1);
  // The failed order holds the cursor back: the next run reads it again (and fails again), and
  // creates nothing else.
  auto again = world.lsmplus({"sync", "orders"});
  INFO(describe(again));
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.out, Catch::Contains("orders: 0 created") && Catch::Contains("1 failed"));
}

TEST_CASE("a language the shop does not serve is a configuration error (78), not a failed record",
          "[integration]") {
  World world;
  std::string text = read_file(source_dir() / "examples" / "sandbox.yaml");
  text.replace(text.find("language: nl"), std::string("language: nl").size(), "language: es");
  auto config = world.dir / "spanish.yaml";
  std::ofstream(config) << text;
  auto e = world.sandbox.env();
  e["LSMPLUS_STATE"] = world.state_path().string();
  auto run = run_command({bin("lsmplus").string(), "sync", "orders", "--config", config.string()}, e);
  INFO(describe(run));
  CHECK(run.exit_code == 78);
  CHECK_THAT(run.err, Catch::Contains("lightspeed.language"));
}

TEST_CASE("check calls each API once and reports both, exiting with the first failure's code", "[integration]") {
  World world;
  auto ok = world.lsmplus({"check"});
  INFO(describe(ok));
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("lightspeed: ok") && Catch::Contains("shop 000001") &&
                         Catch::Contains("mplus: ok") && Catch::Contains("service 67.1.3"));
  auto bad = world.lsmplus({"check"}, {{"LSMPLUS_SANDBOX_MPLUS_SECRET", "not-the-secret"}});
  INFO(describe(bad));
  CHECK(bad.exit_code == 77);
  CHECK_THAT(bad.out, Catch::Contains("lightspeed: ok") && Catch::Contains("mplus: FAILED"));
  CHECK_THAT(bad.out + bad.err, !Catch::Contains("not-the-secret"));
}
