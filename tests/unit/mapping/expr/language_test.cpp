#include <catch2/catch.hpp>

#include "expr_test_support.hpp"

using namespace lsmx_test;

TEST_CASE("lsmx literals: exact decimals, strings with escapes, booleans and null", "[expr]") {
  CHECK(run("12") == "12");
  CHECK(run("19.99") == "19.99");
  CHECK(run("-0.5") == "-0.5");
  CHECK(run("'it\\'s'") == "'it's'");
  CHECK(run(R"("say \"hi\"\tnow\\")") == "'say \"hi\"\tnow\\'");
  CHECK(run("'a\\nb'") == "'a\nb'");
  CHECK(run("true") == "true");
  CHECK(run("false") == "false");
  CHECK(run("null") == "null");
  CHECK(run("[1, 'a', null]") == "[1, 'a', null]");
}

TEST_CASE("lsmx money is exact: 19.99 * 3 in cents is 5997 and 0.1 + 0.2 == 0.3", "[expr][money]") {
  CHECK(run("cents(19.99 * 3)") == "5997");
  CHECK(run("0.1 + 0.2 == 0.3") == "true");
  CHECK(run("0.1 + 0.2") == "0.3");
  CHECK(run("src.price * 3") == "59.97");
  CHECK(run("cents(src.price * 3)") == "5997");
  CHECK(run("sum(src.prices)") == "0.3");
  CHECK(run("src.lines[0].price * src.lines[0].qty + src.lines[1].price") == "11.1");
  CHECK(run("1.10 - 1") == "0.1");
  CHECK(run("1.5 * 1.5") == "2.25");
}

TEST_CASE("lsmx division has 10 decimals rounded half away from zero; zero divisors are errors", "[expr][money]") {
  CHECK(run("1 / 3") == "0.3333333333");
  CHECK(run("2 / 3") == "0.6666666667");
  CHECK(run("-2 / 3") == "-0.6666666667");
  CHECK(run("10 / 4") == "2.5");
  CHECK(run("0.00000000005 / 1") == "0.0000000001");
  CHECK(run("7 % 3") == "1");
  CHECK(run("-7 % 3") == "-1");
  CHECK(run("7.5 % 2") == "1.5");
  CHECK(starts_with(run("1 / 0"), "ERROR: '/': division by zero"));
  CHECK(starts_with(run("1 % 0.0"), "ERROR: '%': division by zero"));
}

TEST_CASE("lsmx arithmetic overflow is an error, not a wrap-around", "[expr][money]") {
  CHECK(starts_with(run("9223372036854775807 + 1"), "ERROR: '+': number out of range"));
  CHECK(run("9223372036854775807 - 1") == "9223372036854775806");
  CHECK(starts_with(run("3037000500 * 3037000500"), "ERROR: '*': number out of range"));
  CHECK(starts_with(run("-(-9223372036854775807 - 1)"), "ERROR"));
  CHECK(starts_with(run("99999999999999999999"), "COMPILE:"));
  CHECK(run("0.000000001 * 0.000000001") == "0.000000000000000001");
  CHECK(run("0.000000001 * 0.0000000001") == "0");
}

TEST_CASE("lsmx arithmetic on text that looks like a number names the fix", "[expr]") {
  CHECK(run("src.priceText + 1") == "ERROR: '+': expected a number, got text '19.99' (use number()) (at column 1)");
  CHECK(run("number(src.priceText) + 1") == "20.99");
  CHECK(contains(run("'a' + 'b'"), "(use '~' to join text)"));
  CHECK(contains(run("src.missing * 2"), "expected a number, got null (use ?? 0)"));
  CHECK(contains(run("-'x'"), "expected a number, got text 'x'"));
}

TEST_CASE("lsmx ?? replaces null and absent, never false or 0", "[expr]") {
  CHECK(run("src.no ?? true") == "false");
  CHECK(run("src.zero ?? 5") == "0");
  CHECK(run("src.empty ?? 'x'") == "''");
  CHECK(run("src.nothing ?? 'x'") == "'x'");
  CHECK(run("src.missing ?? 'x'") == "'x'");
  CHECK(run("src.missing.deeper[3] ?? 'x'") == "'x'");
  CHECK(run("src.missing ?? src.nothing ?? 3") == "3");
  CHECK(run("src.missing ?? null") == "null");
}

TEST_CASE("lsmx precedence from ?: (loosest) to unary minus (tightest)", "[expr]") {
  CHECK(run("1 + 2 * 3") == "7");
  CHECK(run("(1 + 2) * 3") == "9");
  CHECK(run("10 - 4 - 3") == "3");
  CHECK(run("12 / 2 / 3") == "2");
  CHECK(run("-2 * 3") == "-6");
  CHECK(run("2 * -3") == "-6");
  CHECK(run("'a' ~ 1 + 2") == "'a3'");
  CHECK(run("'a' ~ 1 == 'a1'") == "true");
  CHECK(run("not false and false") == "false");
  CHECK(run("not (false and false)") == "true");
  CHECK(run("true or false and false") == "true");
  CHECK(run("(true or false) and false") == "false");
  CHECK(run("src.missing ?? 1 + 1") == "2");
  CHECK(run("src.missing ?? false or true") == "true");
  CHECK(run("false ? 1 : true ? 2 : 3") == "2");
  CHECK(run("true ? false ? 1 : 2 : 3") == "2");
  CHECK(run("src.missing ?? false ? 'y' : 'n'") == "'n'");
  CHECK(run("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2") == "true");
  CHECK(run("not not true") == "true");
  CHECK(run("- -2") == "2");
}

TEST_CASE("lsmx and/or short-circuit and insist on booleans", "[expr]") {
  CHECK(run("false and 1 / 0 == 1") == "false");
  CHECK(run("true or 1 / 0 == 1") == "true");
  CHECK(run("false and 'not checked'") == "false");
  CHECK(run("true ? 1 : 1 / 0") == "1");
  CHECK(run("'set' ?? 1 / 0") == "'set'");
  CHECK(run("coalesce(1, 1 / 0)") == "1");
  CHECK(run("1 and true") == "ERROR: 'and' needs booleans, got a number (at column 1)");
  CHECK(run("false or 'x'") == "ERROR: 'or' needs booleans, got text 'x' (at column 10)");
  CHECK(contains(run("src.missing or true"), "got null (use ?? false, or present())"));
  CHECK(contains(run("not 0"), "'not' needs a boolean, got a number"));
  CHECK(contains(run("1 ? 2 : 3"), "the condition of '?:' must be a boolean, got a number"));
}

TEST_CASE("lsmx comparisons: numbers by value, text by bytes, mixed kinds unequal", "[expr]") {
  CHECK(run("1.50 == 1.5") == "true");
  CHECK(run("src.price == 19.99") == "true");
  CHECK(run("'a' < 'b'") == "true");
  CHECK(run("'B' < 'a'") == "true");
  CHECK(run("1 == '1'") == "false");
  CHECK(run("1 != '1'") == "true");
  CHECK(run("null == null") == "true");
  CHECK(run("src.missing == null") == "true");
  CHECK(run("src.no == false") == "true");
  CHECK(run("src.tags == ['a', 'b', 'c']") == "true");
  CHECK(run("src.lines[0] == src.lines[0]") == "true");
  CHECK(starts_with(run("1 < '1'"), "ERROR: '<' compares two numbers or two texts, got a number and text '1'"));
  CHECK(starts_with(run("null < 1"), "ERROR: '<' compares"));
}

TEST_CASE("lsmx ~ joins text and numbers, and refuses null", "[expr]") {
  CHECK(run("'LS-' ~ cfg.shop ~ '-' ~ src.number") == "'LS-S1-1042'");
  CHECK(run("'n' ~ 1.50") == "'n1.5'");
  CHECK(run("'a' ~ src.missing") == "ERROR: '~' cannot join null (use ?? '') (at column 7)");
  CHECK(run("'a' ~ (src.missing ?? '')") == "'a'");
  CHECK(contains(run("'a' ~ true"), "'~' joins text and numbers, got a boolean (use string())"));
}

TEST_CASE("lsmx paths read members, keys, indexes and give null for what is missing", "[expr]") {
  CHECK(run("src.number") == "1042");
  CHECK(run("src[\"any key\"]") == "'spaced'");
  CHECK(run("src['lines'][1].sku") == "'B-2'");
  CHECK(run("src.lines[1].sku") == "'B-2'");
  CHECK(run("src.lines[2]") == "null");
  CHECK(run("src.lines[-1]") == "null");
  CHECK(run("src.lines[cfg.idx].sku") == "'B-2'");
  CHECK(run("src.lines[0][cfg.field]") == "'A-1'");
  CHECK(run("src.lines[cfg.missing]") == "null");
  CHECK(run("src.missing.deeper") == "null");
  CHECK(run("src.nothing.x") == "null");
  CHECK(run("src.number.x") == "null");
  CHECK(run("src.tags.x") == "null");
  CHECK(run("src.lines.sku") == "null");
  CHECK(run("cfg.shop ~ ctx.run ~ existing.reference ~ item.sku") == "'S1r-7oldITEM-9'");
  CHECK(run("split_address(src.address).number") == "'19'");
  CHECK(run("split(\"a,b\", ',')[1]") == "'b'");
  CHECK(run("src.lines[0.5]") == "COMPILE: line 1, column 11: a list index must be a whole number");
  CHECK(contains(run("src.lines[true]"), "a key must be text or a number, got a boolean"));
  CHECK(run("src.and.not") == "null");
}

TEST_CASE("lsmx `value` reads the mapped value in validate: expressions", "[expr]") {
  Env env;
  CHECK(env.run("value") == "null");
  env.value = Value::text("12345");
  CHECK(env.run("regex_match(value, '^[0-9]+$') and len(value) <= 50") == "true");
  env.value = Value::object({{"a", Value::list({Value::integer(7)})}});
  CHECK(env.run("value.a[0]") == "7");
  CHECK(env.run("value.b") == "null");
}

TEST_CASE("lsmx evaluates against null roots without failing", "[expr]") {
  Env env;
  env.scope.src = nullptr;
  env.scope.item = nullptr;
  CHECK(env.run("src.number ?? item.sku ?? 'none'") == "'none'");
}

TEST_CASE("lsmx JSON numbers that no Decimal holds are text, so arithmetic on them is an error", "[expr]") {
  CHECK(starts_with(run("src.big"), "'1000000"));
  CHECK(contains(run("src.big + 1"), "expected a number, got text"));
}

TEST_CASE("lsmx reads borrowed JSON text without copying the record", "[expr]") {
  Env env;
  auto e = Expression::compile("src.email", env.compile);
  REQUIRE(e.ok());
  auto r = e->evaluate(env.scope);
  REQUIRE(r.ok());
  CHECK(r->as_text().data() == env.src["email"].GetString());
}
