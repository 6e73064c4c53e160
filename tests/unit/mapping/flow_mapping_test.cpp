// FlowMapping: merging a user's section over the default, on: policies against an existing
// record, default/required/validate, lookup tables and their on_missing policies, and lint
// diagnostics that point at the spot.
#include <catch2/catch.hpp>

#include <fstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include "lsmplus/mapping/flow_mapping.hpp"
#include "support/json.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
using namespace lsmplus::mapping;

namespace {

rapidjson::Document parse(const std::string& json) { return lsmplus::testing::parse_json(json); }

using lsmplus::testing::to_json;

// A Lightspeed customer with the fields the customers mapping reads.
const char* const kCustomer = R"({"id": 55, "email": "Jan@Example.NL", "firstname": "Jan", "middlename": "",
  "lastname": "Jansen", "companyName": "", "phone": "0612345678",
  "addressBillingStreet": "Dorpsstraat", "addressBillingNumber": "1", "addressBillingExtension": "",
  "addressBillingZipcode": "1234 AB", "addressBillingCity": "Utrecht", "addressBillingCountry": {"code": "nl"}})";

struct Mapped {
  Result<std::optional<rapidjson::Document>> result;
  bool has(const char* key) const { return result.ok() && result->has_value() && (**result).HasMember(key); }
  std::string text(const char* key) const { return (**result)[key].GetString(); }
  const rapidjson::Value& operator[](const char* key) const { return (**result)[key]; }
};

// Compiles the customers mapping with `user_yaml` as the user's section and maps `src_json`.
Mapped map_customer(const std::string& user_yaml, const std::string& src_json = kCustomer,
                    const char* existing_json = nullptr) {
  YAML::Node section = YAML::Load(user_yaml);
  std::vector<MappingDiagnostic> diags;
  auto mapping = FlowMapping::compile("customers", &section, "test.yaml", {}, &diags);
  if (!mapping) FAIL(mapping.error().message);
  auto src = parse(src_json);
  rapidjson::Document existing;
  Scope scope;
  scope.src = &src;
  if (existing_json) {
    existing = parse(existing_json);
    scope.existing = &existing;
  }
  return Mapped{mapping->map(scope)};
}

}  // namespace

TEST_CASE("on: policies decide per field whether a create or an update writes it", "[mapping]") {
  const std::string user = R"(
fields:
  extraText: { value: "'on create'", on: create }
  website: { value: "'on update'", on: update }
  relationCode: { value: "'always'", on: always }
  bankAccountNumber: { value: "'NL00TEST'", on: create_if_empty }
)";
  SECTION("creating (no existing record): create, always and create_if_empty fields") {
    auto m = map_customer(user);
    REQUIRE(m.result.ok());
    CHECK(m.text("extraText") == "on create");
    CHECK_FALSE(m.has("website"));
    CHECK(m.text("relationCode") == "always");
    CHECK(m.text("bankAccountNumber") == "NL00TEST");
  }
  SECTION("updating: update and always fields; create_if_empty fills an empty existing value") {
    auto m = map_customer(user, kCustomer, R"({"relationNumber": 681, "bankAccountNumber": ""})");
    REQUIRE(m.result.ok());
    CHECK_FALSE(m.has("extraText"));
    CHECK(m.text("website") == "on update");
    CHECK(m.text("relationCode") == "always");
    CHECK(m.text("bankAccountNumber") == "NL00TEST");
  }
  SECTION("updating: create_if_empty leaves a value the existing record has alone") {
    auto m = map_customer(user, kCustomer, R"({"relationNumber": 681, "bankAccountNumber": "NL99BANK"})");
    REQUIRE(m.result.ok());
    CHECK_FALSE(m.has("bankAccountNumber"));
    CHECK(m.text("relationCode") == "always");
  }
  SECTION("updating: create_if_empty fills a value the existing record lacks") {
    auto m = map_customer(user, kCustomer, R"({"relationNumber": 681})");
    REQUIRE(m.result.ok());
    CHECK(m.text("bankAccountNumber") == "NL00TEST");
  }
}

TEST_CASE("default: applies when the value is null, absent or empty text", "[mapping]") {
  const std::string user = R"(
fields:
  extraText: { value: "src.memo", default: "'no memo'" }
  website: { value: "src.mobile", default: "'https://example.nl'" }
  relationCode: { value: "src.firstname", default: "'unused'" }
)";
  auto m = map_customer(user, R"({"email": "a@b.nl", "memo": "", "firstname": "Jan"})");
  REQUIRE(m.result.ok());
  CHECK(m.text("extraText") == "no memo");
  CHECK(m.text("website") == "https://example.nl");
  CHECK(m.text("relationCode") == "Jan");
}

TEST_CASE("required: fails the record with the target path and the message", "[mapping]") {
  SECTION("without a message") {
    auto m = map_customer("fields: { extraText: { value: src.memo, required: true } }");
    REQUIRE_FALSE(m.result.ok());
    CHECK(m.result.error().cls == ErrorClass::permanent);
    CHECK(m.result.error().message == "extraText is required");
  }
  SECTION("with a message that reads the record") {
    auto m = map_customer(
        R"(fields: { extraText: { value: src.memo, required: "customer {{ src.id }} has no memo" } })");
    REQUIRE_FALSE(m.result.ok());
    CHECK(m.result.error().message == "extraText: customer 55 has no memo");
  }
  SECTION("required: false, and a present value") {
    auto m = map_customer(
        R"(fields: { extraText: { value: src.memo, required: false }, website: { value: src.email, required: true } })");
    REQUIRE(m.result.ok());
    CHECK_FALSE(m.has("extraText"));
    CHECK(m.text("website") == "Jan@Example.NL");
  }
}

TEST_CASE("validate: checks the mapped value, bound as `value`", "[mapping]") {
  const std::string user =
      R"(fields: { relationCode: { value: "src.lastname", validate: "len(value) <= 5" } })";
  auto ok = map_customer(user, R"({"email": "a@b.nl", "lastname": "Jong"})");
  REQUIRE(ok.result.ok());
  CHECK(ok.text("relationCode") == "Jong");
  auto bad = map_customer(user);
  REQUIRE_FALSE(bad.result.ok());
  CHECK(bad.result.error().cls == ErrorClass::permanent);
  CHECK_THAT(bad.result.error().message, Catch::StartsWith("relationCode: ") && Catch::Contains("Jansen") &&
                                             Catch::Contains("len(value) <= 5"));
}

TEST_CASE("lookup tables: wildcards, composite keys and every on_missing policy", "[mapping]") {
  const std::string tables = R"(
lookups:
  group: { NL: 1, BE: 2, "*": 9 }
  strict: { on_missing: error, map: { BE: 2 } }
  fallback: { on_missing: default, default: 7, map: { BE: 2 } }
  pass: { on_missing: passthrough, map: { BE: "B" } }
  skip: { on_missing: skip_record, map: { BE: 2 } }
  vat:
    keys: 2
    map: { "NL,21": 2, "NL,9": 1, "*,0": 0, "BE,*": 12 }
)";
  auto with_field = [&](const std::string& expr, const std::string& src = kCustomer) {
    return map_customer(tables + "fields:\n  extraText: \"" + expr + "\"\n", src);
  };
  SECTION("short form with a wildcard") {
    auto m = with_field("string(lookup('group', upper(src.addressBillingCountry.code)))");
    REQUIRE(m.result.ok());
    CHECK(m.text("extraText") == "1");
    auto other = with_field("string(lookup('group', 'DE'))");
    CHECK(other.text("extraText") == "9");
  }
  SECTION("on_missing: error names the table and the key") {
    auto m = with_field("string(lookup('strict', 'NL'))");
    REQUIRE_FALSE(m.result.ok());
    CHECK(m.result.error().cls == ErrorClass::permanent);
    CHECK_THAT(m.result.error().message,
               Catch::StartsWith("extraText: ") && Catch::Contains("'strict'") && Catch::Contains("'NL'"));
  }
  SECTION("on_missing: default gives the table's default") {
    CHECK(with_field("string(lookup('fallback', 'NL'))").text("extraText") == "7");
    CHECK(with_field("string(lookup('fallback', 'BE'))").text("extraText") == "2");
  }
  SECTION("on_missing: passthrough gives the key itself") {
    CHECK(with_field("lookup('pass', 'NL')").text("extraText") == "NL");
    CHECK(with_field("lookup('pass', 'BE')").text("extraText") == "B");
  }
  SECTION("on_missing: skip_record skips the whole record") {
    auto m = with_field("string(lookup('skip', 'NL'))");
    REQUIRE(m.result.ok());
    CHECK_FALSE(m.result->has_value());
    CHECK(with_field("string(lookup('skip', 'BE'))").text("extraText") == "2");
  }
  SECTION("composite keys: exact entries first, then wildcards per key position") {
    CHECK(with_field("string(lookup('vat', 'NL', 21))").text("extraText") == "2");
    CHECK(with_field("string(lookup('vat', 'NL', 9))").text("extraText") == "1");
    CHECK(with_field("string(lookup('vat', 'DE', 0))").text("extraText") == "0");
    CHECK(with_field("string(lookup('vat', 'BE', 21))").text("extraText") == "12");
    auto missing = with_field("string(lookup('vat', 'DE', 19))");
    REQUIRE_FALSE(missing.result.ok());
    CHECK_THAT(missing.result.error().message, Catch::Contains("'DE', '19'"));
  }
}

TEST_CASE("a user's fields replace one default field and add new ones without copying the rest",
          "[mapping]") {
  YAML::Node section = YAML::Load(R"yaml(
shipping_article: 900001       # a flow setting: not the mapping's business
statuses: [processing_awaiting_shipment]
fields:
  reference: "src.number ~ ' / ' ~ (src.comment ?? '')"
  deliveryMethod: src.shipmentTitle
  workplaceNumber: ~             # removes a default field
each:
  lineList.line:
    - fields: { text: "upper(item.productTitle)" }
)yaml");
  CompileEnv::HostFunction article{
      "article", 1, 1, [](const std::vector<Value>&) -> Result<Value> { return Value::integer(4242); }};
  auto mapping = FlowMapping::compile("orders", &section, "test.yaml", {article});
  if (!mapping) FAIL(mapping.error().message);
  auto doc = parse(testing::read_file(testing::reference_file("lightspeed/samples/order.json")));
  auto cfg = parse(R"({"branch": 1, "employee_number": 999999, "shipping_article": 900001, "workplace": 2})");
  auto ctx = parse(R"({"shop_id": "000001", "relation_number": 681})");
  Scope scope;
  scope.src = &doc["order"];
  scope.cfg = &cfg;
  scope.ctx = &ctx;
  auto mapped = mapping->map(scope);
  REQUIRE(mapped.ok());
  const auto& m = **mapped;
  INFO(to_json(m));
  CHECK(std::string(m["reference"].GetString()) == "ORD00018 / ");
  CHECK(std::string(m["deliveryMethod"].GetString()) == "Default Shipping");
  CHECK_FALSE(m.HasMember("workplaceNumber"));
  CHECK(std::string(m["extOrderId"].GetString()) == "LS000001-ORD00018");
  CHECK(std::string(m["invoiceAddress"]["city"].GetString()) == "montreal");
  const auto& lines = m["lineList"]["line"];
  REQUIRE(lines.Size() == 2);
  CHECK(std::string(lines[0]["text"].GetString()) == "ANACAMPSEROS");
  CHECK(lines[0]["articleNumber"].GetInt64() == 4242);
  CHECK(lines[0]["data"]["price"].GetInt64() == 735);
  CHECK(std::string(lines[1]["text"].GetString()) == "Default Shipping");
}

TEST_CASE("lint: a path typo, an unknown function and a bad lookup policy are all reported at the spot",
          "[mapping]") {
  auto dir = testing::temp_dir("lsmplus-mapping-lint");
  auto file = (dir / "lsmplus.yaml").string();
  {
    std::ofstream out(file);
    out << "flows:\n"                                                         // 1
           "  orders:\n"                                                      // 2
           "    shipping_article: 900001\n"                                   // 3
           "    lookups:\n"                                                   // 4
           "      payment_method:\n"                                          // 5
           "        on_missing: skipp\n"                                      // 6
           "        map: { ideal: IDEAL, \"*\": OTHER }\n"                    // 7
           "    fields:\n"                                                    // 8
           "      invoiceAddress.city: \"upper(src.adressBillingCity)\"\n"    // 9
           "      reference: lowr(src.number)\n"                              // 10
           "      paymentMethod:\n"                                           // 11
           "        value: |\n"                                               // 12
           "          lookup('payment_method',\n"                             // 13
           "                 src.paymentData.method) ~ src.shipmentTitel\n";  // 14
  }
  YAML::Node root = YAML::LoadFile(file);
  YAML::Node section = root["flows"]["orders"];
  CompileEnv::HostFunction article{"article", 1, 1,
                                   [](const std::vector<Value>&) -> Result<Value> { return Value(); }};
  std::vector<MappingDiagnostic> diags;
  auto mapping = FlowMapping::compile("orders", &section, file, {article}, &diags);
  REQUIRE_FALSE(mapping.ok());
  CHECK(mapping.error().cls == ErrorClass::config);
  std::vector<std::string> lines;
  for (const auto& d : diags) lines.push_back(d.to_string());
  INFO(mapping.error().message);
  REQUIRE(diags.size() == 4);
  CHECK(diags[0].file == file);
  CHECK(diags[0].line == 6);
  CHECK(diags[0].column == 21);
  CHECK(diags[0].path == "flows.orders.lookups.payment_method.on_missing");
  CHECK_THAT(diags[0].message, Catch::Contains("skip_record") && Catch::Contains("skipp"));
  CHECK(diags[1].line == 9);
  CHECK(diags[1].column == 39);
  CHECK(diags[1].path == "flows.orders.fields.invoiceAddress.city");
  CHECK(diags[1].message ==
        "unknown field 'adressBillingCity' of a Lightspeed order (did you mean 'addressBillingCity'?)");
  CHECK(diags[2].line == 10);
  CHECK(diags[2].column == 18);
  CHECK(diags[2].path == "flows.orders.fields.reference");
  CHECK_THAT(diags[2].message, Catch::Contains("lowr") && Catch::Contains("lower"));
  // Inside a block scalar: the second content line, after its indentation.
  CHECK(diags[3].line == 14);
  CHECK(diags[3].column == 48);
  CHECK_THAT(diags[3].message, Catch::Contains("shipmentTitel") && Catch::Contains("shipmentTitle"));
  CHECK_THAT(mapping.error().message,
             Catch::Contains(file + ":9:39: flows.orders.fields.invoiceAddress.city: "));
}

TEST_CASE("lint: target paths, field keys, each: entries and on: are checked with suggestions", "[mapping]") {
  YAML::Node section = YAML::Load(R"(
lookups:
  methods: { on_missing: error, mapp: { a: b } }
fields:
  invoiceAdress.city: src.addressBillingCity
  reference: { value: src.number, requird: true }
  extOrderId: { value: src.number, on: creat }
  lineList.line.text: "'x'"
each:
  lineList.lines:
    - over: src.products.resource.embedded
      fields: { text: item.productTitl }
  deliveryAddress:
    - fields: { name: "'x'" }
      wen: "true"
)");
  CompileEnv::HostFunction article{"article", 1, 1,
                                   [](const std::vector<Value>&) -> Result<Value> { return Value(); }};
  std::vector<MappingDiagnostic> diags;
  auto mapping = FlowMapping::compile("orders", &section, "test.yaml", {article}, &diags);
  REQUIRE_FALSE(mapping.ok());
  std::string all = mapping.error().message;
  INFO(all);
  CHECK_THAT(all, Catch::Contains("unknown key 'mapp' of a lookup table (did you mean 'map'?)"));
  CHECK_THAT(all, Catch::Contains(
                      "unknown field 'invoiceAdress' of an Mplus Order (did you mean 'invoiceAddress'?)"));
  CHECK_THAT(all, Catch::Contains("unknown key 'requird' of a field (did you mean 'required'?)"));
  CHECK_THAT(all, Catch::Contains("got 'creat' (did you mean 'create'?)"));
  CHECK_THAT(all, Catch::Contains(
                      "'lineList.line' is a list in the target; map its items under each: lineList.line"));
  CHECK_THAT(
      all, Catch::Contains("unknown field 'lines' of 'lineList' (an Mplus LineList) (did you mean 'line'?)"));
  CHECK_THAT(all, Catch::Contains("'deliveryAddress' is not a list in the target"));
  CHECK_THAT(all, Catch::Contains("unknown key 'wen' in an each: entry (did you mean 'when'?)"));
}

TEST_CASE("lint: item paths are checked against the list the entry goes over", "[mapping]") {
  YAML::Node section = YAML::Load(R"(
each:
  lineList.line:
    - fields: { text: item.productTitl }
)");
  CompileEnv::HostFunction article{"article", 1, 1,
                                   [](const std::vector<Value>&) -> Result<Value> { return Value(); }};
  auto mapping = FlowMapping::compile("orders", &section, "test.yaml", {article});
  REQUIRE_FALSE(mapping.ok());
  CHECK_THAT(
      mapping.error().message,
      Catch::Contains("unknown field 'productTitl' of a Lightspeed order line (orderProduct) (did you mean "
                      "'productTitle'?)"));
}

TEST_CASE("when: selects the records a flow takes", "[mapping]") {
  YAML::Node section = YAML::Load(R"(when: "src.status != 'cancelled'")");
  CompileEnv::HostFunction article{"article", 1, 1,
                                   [](const std::vector<Value>&) -> Result<Value> { return Value(); }};
  auto mapping = FlowMapping::compile("orders", &section, "test.yaml", {article});
  REQUIRE(mapping.ok());
  auto open = parse(R"({"status": "processing_awaiting_shipment"})");
  auto cancelled = parse(R"({"status": "cancelled"})");
  Scope scope;
  scope.src = &open;
  CHECK(*mapping->accepts(scope));
  scope.src = &cancelled;
  CHECK_FALSE(*mapping->accepts(scope));
}

TEST_CASE("an unknown mapping name is a config error with a suggestion", "[mapping]") {
  auto mapping = FlowMapping::compile("order", nullptr, "test.yaml", {});
  REQUIRE_FALSE(mapping.ok());
  CHECK(mapping.error().cls == ErrorClass::config);
  CHECK_THAT(mapping.error().message, Catch::Contains("did you mean 'orders'?"));
}

TEST_CASE("each: over a computed list, and create_if_empty against the existing item at the same index",
          "[mapping]") {
  const std::string user = R"yaml(
each:
  contactList.relation:
    - over: "split(src.memo, ';')"
      when: "true"               # replaces the default entry's when (entries merge by index)
      fields:
        name: trim(item)
        extraText: { value: "'filled'", on: create_if_empty }
)yaml";
  const std::string src = R"({"email": "a@b.nl", "memo": "Ann; Bob"})";
  auto created = map_customer(user, src);
  REQUIRE(created.result.ok());
  const auto& contacts = created["contactList"]["relation"];
  REQUIRE(contacts.Size() == 2);
  CHECK(std::string(contacts[1]["name"].GetString()) == "Bob");
  CHECK(std::string(contacts[1]["extraText"].GetString()) == "filled");
  CHECK(std::string(contacts[1]["email"].GetString()) == "a@b.nl");  // kept from the default entry
  auto updated = map_customer(
      user, src, R"({"relationNumber": 1, "contactList": {"relation": [{"extraText": "kept"}]}})");
  REQUIRE(updated.result.ok());
  const auto& again = updated["contactList"]["relation"];
  REQUIRE(again.Size() == 2);
  CHECK_FALSE(again[0].HasMember("extraText"));
  CHECK(std::string(again[1]["extraText"].GetString()) == "filled");
}
