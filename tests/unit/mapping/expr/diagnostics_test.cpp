#include <catch2/catch.hpp>

#include "expr_test_support.hpp"

using namespace lsmx_test;

namespace {

ExprDiagnostic only_diagnostic(std::string_view text, CompileEnv env = {}) {
  std::vector<ExprDiagnostic> d;
  auto e = Expression::compile(text, env, &d);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().cls == lsmplus::ErrorClass::config);
  REQUIRE(d.size() == 1);
  return d[0];
}

}  // namespace

TEST_CASE("lsmx syntax errors point at the token with line and column", "[expr]") {
  auto d = only_diagnostic("lower((src.name ~ 'x'");
  CHECK(d.message == "expected ')' to close '(' opened at column 7, got the end of the expression");
  CHECK(d.pos.line == 1);
  CHECK(d.pos.column == 22);
  CHECK(d.pos.offset == 21);

  d = only_diagnostic("1 +\n  (2 * 3\n  + 4]");
  CHECK(d.message == "expected ')' to close '(' opened at line 2, column 3, got ']'");
  CHECK(d.pos.line == 3);
  CHECK(d.pos.column == 6);

  d = only_diagnostic("src.a ? 1");
  CHECK(d.message == "expected ':' of the '?' at column 7, got the end of the expression");
  CHECK(d.pos.column == 10);

  d = only_diagnostic("src.a 'x'");
  CHECK(d.message == "expected an operator or the end of the expression, got ''x''");
  CHECK(d.pos.column == 7);

  d = only_diagnostic("'é' ~ 'abc");
  CHECK(d.message == "unterminated string (no closing ')");
  CHECK(d.pos.column == 7);

  d = only_diagnostic("src.a = 1");
  CHECK(d.message == "unexpected '=' (use '==' to compare)");
  CHECK(d.pos.column == 7);

  CHECK(only_diagnostic("src.a && true").message == "unexpected '&' (use 'and')");
  CHECK(only_diagnostic("!src.a").message == "unexpected '!' (use 'not')");
  CHECK(only_diagnostic("1 < 2 < 3").message == "comparisons do not chain; combine them with 'and'");
  CHECK(only_diagnostic("'a\\q'").message == "unknown escape '\\q' (use \\n, \\t, \\', \\\" or \\\\)");
  CHECK(only_diagnostic("").message == "empty expression");
  CHECK(only_diagnostic("   ").message == "empty expression");
  CHECK(only_diagnostic("1 +").message == "unexpected end of the expression (expected a value)");
  CHECK(only_diagnostic("src.").message == "expected a member name after '.', got the end of the expression (use [\"...\"] for other names)");
  CHECK(only_diagnostic("12abc").message == "unexpected 'a' after the number '12'");
  CHECK(only_diagnostic("src.a)").message == "unexpected ')' (no '(' to close)");
  CHECK(only_diagnostic("f(1, 2").message == "expected ',' or ')' to close the call of f() opened at column 2, got the end of the expression");
  CHECK(only_diagnostic("[1, 2").message == "expected ',' or ']' to close the list opened at column 1, got the end of the expression");
  CHECK(only_diagnostic("src.a and").message == "unexpected end of the expression (expected a value)");
  CHECK(only_diagnostic("and").message == "expected a value, got 'and'");
}

TEST_CASE("lsmx unknown names and functions come with a suggestion", "[expr]") {
  auto d = only_diagnostic("lowr(src.name)");
  CHECK(d.message == "unknown function 'lowr' (did you mean 'lower'?)");
  CHECK(d.pos.column == 1);
  d = only_diagnostic("trim(src.x) ~ splitaddress(src.y)");
  CHECK(d.message == "unknown function 'splitaddress' (did you mean 'split_address'?)");
  CHECK(d.pos.column == 15);
  CHECK(only_diagnostic("frobnicate(1)").message == "unknown function 'frobnicate'");
  d = only_diagnostic("scr.name");
  CHECK(d.message == "unknown name 'scr' (did you mean 'src'?); paths start with src, cfg, ctx, existing, item or value");
  d = only_diagnostic("1 +\n   lowr(2)");
  CHECK(d.pos.line == 2);
  CHECK(d.pos.column == 4);
  CHECK(d.pos.offset == 7);
}

TEST_CASE("lsmx arity is checked at compile time", "[expr]") {
  CHECK(only_diagnostic("lower()").message == "lower() takes 1 argument, got 0");
  CHECK(only_diagnostic("lower('a', 'b')").message == "lower() takes 1 argument, got 2");
  CHECK(only_diagnostic("round(1, 2, 'up', 4)").message == "round() takes 1 to 3 arguments, got 4");
  CHECK(only_diagnostic("coalesce()").message == "coalesce() takes at least 1 argument, got 0");
  CHECK(only_diagnostic("now(1)").message == "now() takes 0 arguments, got 1");
}

TEST_CASE("lsmx reports every non-syntax diagnostic at once", "[expr]") {
  std::vector<ExprDiagnostic> d;
  auto e = Expression::compile("lowr(src.a) ~ upper() ~ regex_match(src.b, '(')", CompileEnv{}, &d);
  REQUIRE_FALSE(e.ok());
  REQUIRE(d.size() == 3);
  CHECK(d[0].pos.column == 1);
  CHECK(d[1].pos.column == 15);
  CHECK(d[2].pos.column == 44);
  CHECK(contains(e.error().message, "line 1, column 1: unknown function 'lowr' (did you mean 'lower'?); line 1, column 15:"));
}

TEST_CASE("lsmx nesting deeper than max_depth is an error, not a crash", "[expr]") {
  CompileEnv env;
  env.max_depth = 64;
  std::string ok = std::string(30, '(') + "1" + std::string(30, ')');
  CHECK(Expression::compile(ok, env).ok());
  std::string deep = std::string(100, '(') + "1" + std::string(100, ')');
  auto d = only_diagnostic(deep, env);
  CHECK(d.message == "expression nested too deeply (more than 64 levels)");
  std::string very_deep(60000, '(');
  CHECK(only_diagnostic(very_deep, env).message == "expression nested too deeply (more than 64 levels)");
  std::string minus(60000, '-');
  CHECK(only_diagnostic(minus + "1", env).message == "expression nested too deeply (more than 64 levels)");
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "not ";
  CHECK(only_diagnostic(nots + "true", env).message == "expression nested too deeply (more than 64 levels)");
  std::string sum = "1";
  for (int i = 0; i < 200; ++i) sum += " + 1";
  CHECK(only_diagnostic(sum, env).message == "expression nested too deeply (more than 64 levels)");
  std::string joined = "'a'";
  for (int i = 0; i < 200; ++i) joined += " ~ 'a'";
  CHECK(Expression::compile(joined, env).ok());
  env.max_depth = 4;
  CHECK(Expression::compile("lower(trim(src.a))", env).ok());
  CHECK(only_diagnostic("lower(trim(upper(lower(src.a))))", env).message ==
        "expression nested too deeply (more than 4 levels)");
}

TEST_CASE("lsmx expressions longer than 64 KiB are refused", "[expr]") {
  std::string long_text = "'" + std::string(70000, 'x') + "'";
  CHECK(only_diagnostic(long_text).message == "expression is longer than 64 KiB");
}

TEST_CASE("lsmx records every path with its literal member names for lint", "[expr]") {
  auto e = Expression::compile(
      "src.lines[0].sku ~ src[\"any key\"] ~ cfg.shop ~ (item.x ?? existing.a.b) ~ src.lines[cfg.i].sku ~ "
      "lookup_value(value.v) ~ ctx",
      CompileEnv{});
  REQUIRE_FALSE(e.ok());  // lookup_value is unknown; paths are checked on a valid one below
  CompileEnv env;
  env.host_functions.push_back({"host", 1, 1, [](const std::vector<Value>& a) -> lsmplus::Result<Value> { return a[0]; }});
  auto ok = Expression::compile(
      "src.lines[0].sku ~ src[\"any key\"] ~ cfg.shop ~ (item.x ?? existing.a.b) ~ src.lines[cfg.i].sku ~ "
      "host(value.v) ~ ctx ~ split_address('x').street",
      env);
  REQUIRE(ok.ok());
  const auto& paths = ok->paths();
  std::vector<std::string> seen;
  for (const auto& p : paths) {
    std::string s = p.root;
    for (const auto& seg : p.segments) s += "." + seg;
    s += "@" + std::to_string(p.pos.column);
    seen.push_back(s);
  }
  CHECK(seen == std::vector<std::string>{"src.lines.sku@5", "src.any key@24", "cfg.shop@41", "item.x@54",
                                         "existing.a.b@68", "cfg.i@89", "src.lines@79", "value.v@109", "ctx@114"});
}
