#include <catch2/catch.hpp>

#include "expr_test_support.hpp"
#include "mapping/expr/decimal_math.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace lsmx_test;

TEST_CASE("Decimal parses plain decimal text and prints it canonically", "[expr][money]") {
  CHECK(Decimal::parse("19.99")->mantissa == 1999);
  CHECK(Decimal::parse("19.99")->scale == 2);
  CHECK(Decimal::parse("-0.5")->to_string() == "-0.5");
  CHECK(Decimal::parse("3")->to_string() == "3");
  CHECK(Decimal::parse("1.500")->to_string() == "1.5");
  CHECK(Decimal::parse("-9223372036854775808")->mantissa == INT64_MIN);
  for (const char* bad : {"", "1e2", ".5", "5.", "1,5", " 1", "9223372036854775808", "0.1234567890123456789", "--1"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::parse(bad));
  }
  CHECK(Decimal{150, 2}.compare(Decimal{15, 1}) == 0);
  CHECK(Decimal{-1, 0}.compare(Decimal{1, 18}) < 0);
  CHECK(Decimal{0, 3}.to_string() == "0");
}

TEST_CASE("Decimal::from_json reads JSON doubles as the decimal their author wrote", "[expr][money]") {
  rapidjson::Document d;
  d.Parse("[19.99, 3, -0.1, 1e-5, 18446744073709551615, 1e300]");
  CHECK(Decimal::from_json(d[0])->to_string() == "19.99");
  CHECK(Decimal::from_json(d[1])->to_string() == "3");
  CHECK(Decimal::from_json(d[2])->to_string() == "-0.1");
  CHECK(Decimal::from_json(d[3])->to_string() == "0.00001");
  CHECK_FALSE(Decimal::from_json(d[4]));
  CHECK_FALSE(Decimal::from_json(d[5]));
  CHECK(Value::json(d[4]).kind() == Value::Kind::string);
}

TEST_CASE("decimal math rounds, divides and detects overflow", "[expr][money]") {
  using namespace lsmplus::mapping::expr;
  CHECK(divide(Decimal{1, 0}, Decimal{3, 0})->to_string() == "0.3333333333");
  CHECK(divide(Decimal{1, 0}, Decimal{3, 0}, 2)->to_string() == "0.33");
  CHECK(divide(Decimal{INT64_MAX, 0}, Decimal{1, 18}) == std::nullopt);
  CHECK(round(Decimal{-25, 1}, 0, Rounding::half_even)->to_string() == "-2");
  CHECK(round(Decimal{-25, 1}, 0, Rounding::floor)->to_string() == "-3");
  CHECK(round(Decimal{-25, 1}, 0, Rounding::ceiling)->to_string() == "-2");
  CHECK(rounding_from_name("half_even") == Rounding::half_even);
  CHECK_FALSE(rounding_from_name("HALF_EVEN"));
  CHECK(whole(Decimal{300, 2}) == 3);
  CHECK_FALSE(whole(Decimal{301, 2}));
}

TEST_CASE("Value borrows JSON, owns computed values and writes JSON back", "[expr]") {
  rapidjson::Document d;
  d.Parse(R"({"a": [1, 2.5, "x", true, null], "o": {"k": "v"}})");
  Value v = Value::json(d);
  CHECK(v.kind() == Value::Kind::object);
  CHECK(v.size() == 2);
  CHECK(v.member_name(0) == "a");
  CHECK(v.member("a").at(1).as_number().to_string() == "2.5");
  CHECK(v.member("a").at(9).is_null());
  CHECK(v.member("zz").is_null());
  CHECK(v.member("o").member_value(0).as_text() == "v");
  CHECK(std::string(v.member("a").kind_name()) == "a list");

  Value computed = Value::object({{"n", Value::number(Decimal{5997, 2})},
                                  {"w", Value::number(Decimal{300, 2})},
                                  {"l", Value::list({Value::text("t"), Value(), Value::boolean(false)})},
                                  {"j", v.member("o")}});
  rapidjson::Document out;
  computed.write_json(out, out.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  out.Accept(writer);
  CHECK(std::string(buffer.GetString()) == R"({"n":59.97,"w":3,"l":["t",null,false],"j":{"k":"v"}})");

  CHECK(Value::json(d["o"]).equals(Value::object({{"k", Value::text("v")}})));
  CHECK_FALSE(Value::integer(1).equals(Value::text("1")));
  CHECK(Value::number(Decimal{10, 1}).equals(Value::integer(1)));
  Value copy = computed;
  CHECK(copy.equals(computed));
}
