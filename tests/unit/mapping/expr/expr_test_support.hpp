// Helpers for the lsmx tests: compile and evaluate an expression against a JSON record and render
// the result (or the error) as compact text, so a test reads `CHECK(run("1 + 2") == "3")`.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "lsmplus/mapping/expression.hpp"

namespace lsmx_test {

using namespace lsmplus::mapping;

// null, true, 59.97, 'text', [1, 'a'], {street: 'x', number: null}
inline std::string render(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return v.as_bool() ? "true" : "false";
    case Value::Kind::number: return v.as_number().to_string();
    case Value::Kind::string: return "'" + std::string(v.as_text()) + "'";
    case Value::Kind::array: {
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + render(v.at(i));
      return s + "]";
    }
    case Value::Kind::object: {
      std::string s = "{";
      for (size_t i = 0; i < v.size(); ++i) {
        s += (i ? ", " : "") + std::string(v.member_name(i)) + ": " + render(v.member_value(i));
      }
      return s + "}";
    }
  }
  return "?";
}

inline const char* kRecord = R"({
  "number": 1042, "price": 19.99, "priceText": "19.99", "zero": 0, "no": false, "nothing": null,
  "empty": "", "name": "  Jan Jansen ", "email": " Jan@Example.NL ",
  "lines": [{"sku": "A-1", "qty": 2, "price": 5.5}, {"sku": "B-2", "qty": 1, "price": 0.1}],
  "prices": [0.1, 0.2], "tags": ["a", "b", "c"], "any key": "spaced",
  "created": "2026-11-20T10:15:00+01:00", "summer": "2026-07-01T12:00:00Z",
  "address": "2e Jan Steenstraat 19c", "big": 1e300
})";

struct Env {
  rapidjson::Document src, cfg, ctx, existing, item;
  CompileEnv compile;
  Scope scope;
  Value value;
  explicit Env(const char* src_json = kRecord) {
    src.Parse(src_json);
    cfg.Parse(R"({"idx": 1, "shop": "S1", "field": "sku"})");
    ctx.Parse(R"({"run": "r-7"})");
    existing.Parse(R"({"reference": "old"})");
    item.Parse(R"({"sku": "ITEM-9", "qty": 3})");
    scope.src = &src;
    scope.cfg = &cfg;
    scope.ctx = &ctx;
    scope.existing = &existing;
    scope.item = &item;
    scope.now_unix = 1795166100;  // 2026-11-20T09:15:00Z
  }

  // The rendered value, "ERROR: message" for an evaluation error, "COMPILE: message" otherwise.
  std::string run(std::string_view text) {
    auto e = Expression::compile(text, compile);
    if (!e.ok()) return "COMPILE: " + e.error().message;
    if (value.kind() != Value::Kind::null) scope.value = &value;
    auto r = e->evaluate(scope);
    if (!r.ok()) return "ERROR: " + r.error().message;
    return render(*r);
  }

  std::vector<ExprDiagnostic> diagnostics(std::string_view text) {
    std::vector<ExprDiagnostic> d;
    auto e = Expression::compile(text, compile, &d);
    if (e.ok()) return {};
    return d;
  }
};

inline std::string run(std::string_view text) {
  Env env;
  return env.run(text);
}

inline bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }
inline bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace lsmx_test
