// libFuzzer target for lsmx: compiles the input as an expression and, when it compiles, evaluates
// it against a small fixed record with a lookup table and a host function. Any crash, sanitizer
// report or exception escaping compile()/evaluate() is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <rapidjson/document.h>

#include "lsmplus/mapping/expression.hpp"

namespace {

using namespace lsmplus::mapping;

constexpr const char* kRecord = R"({
  "number": 1042, "price": 19.99, "priceText": "19.99", "zero": 0, "no": false, "nothing": null,
  "empty": "", "name": "  Jan Jansen ", "email": " Jan@Example.NL ",
  "lines": [{"sku": "A-1", "qty": 2, "price": 5.5}, {"sku": "B-2", "qty": 1, "price": 0.1}],
  "tags": ["a", "b"], "created": "2026-11-20T10:15:00+01:00", "address": "2e Jan Steenstraat 19c",
  "big": 1e300, "huge": 18446744073709551615
})";

class FuzzTable : public LookupTable {
 public:
  size_t key_count() const override { return 1; }
  lsmplus::Result<std::optional<Value>> find(const std::vector<Value>& keys) const override {
    if (keys[0].kind() == Value::Kind::string && keys[0].as_text() == "ideal") {
      return std::optional<Value>(Value::text("IDEAL"));
    }
    if (keys[0].is_null()) return lsmplus::make_error(lsmplus::ErrorClass::permanent, "no key");
    return std::optional<Value>();
  }
};

struct Fixture {
  rapidjson::Document src, cfg;
  FuzzTable table;
  CompileEnv env;
  Value validated = Value::text("12345");
  Scope scope;

  Fixture() {
    src.Parse(kRecord);
    cfg.Parse(R"({"idx": 1, "shop": "S1"})");
    env.lookup_table = [this](std::string_view name) -> const LookupTable* {
      return name == "pay" ? &table : nullptr;
    };
    env.host_functions.push_back({"article", 1, 2, [](const std::vector<Value>& args) -> lsmplus::Result<Value> {
                                    return args[0];
                                  }});
    env.max_depth = 32;
    env.max_regex_input = 256;
    scope.src = &src;
    scope.cfg = &cfg;
    scope.item = &src["lines"][0];
    scope.value = &validated;
    scope.now_unix = 1795166100;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto compiled = Expression::compile(text, fixture.env);
  if (!compiled.ok()) return 0;
  auto result = compiled->evaluate(fixture.scope);
  if (result.ok()) {
    rapidjson::Document out;
    result->write_json(out, out.GetAllocator());
  }
  (void)compiled->paths();
  return 0;
}
