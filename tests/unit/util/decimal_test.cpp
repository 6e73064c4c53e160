#include <catch2/catch.hpp>

#include "lsmplus/util/decimal.hpp"

using namespace lsmplus::util;

TEST_CASE("decimal text converts to cents exactly", "[util][money]") {
  CHECK(*decimal_to_cents("19.99") == 1999);
  CHECK(*decimal_to_cents("0.1") == 10);
  CHECK(*decimal_to_cents("-5") == -500);
  CHECK(*decimal_to_cents("+3.10") == 310);
  CHECK(*decimal_to_cents("19.9900") == 1999);
  CHECK(*decimal_to_cents(".5") == 50);
  CHECK(*decimal_to_cents("92233720368547758.07") == INT64_MAX);
  CHECK(*decimal_to_cents("-92233720368547758.08") == INT64_MIN);
  for (const char* bad : {"", "-", "1.", "1e3", "12,50", " 1", "1.2.3", "abc", "92233720368547758.08"}) {
    INFO(bad);
    auto cents = decimal_to_cents(bad);
    REQUIRE_FALSE(cents.ok());
    CHECK(cents.error().cls == lsmplus::ErrorClass::input);
  }
}

TEST_CASE("sub-cent digits are rejected or rounded half away from zero", "[util][money]") {
  CHECK_FALSE(decimal_to_cents("19.999").ok());
  CHECK(*decimal_to_cents("19.995", CentsRounding::half_away_from_zero) == 2000);
  CHECK(*decimal_to_cents("19.994", CentsRounding::half_away_from_zero) == 1999);
  CHECK(*decimal_to_cents("-0.005", CentsRounding::half_away_from_zero) == -1);
}

TEST_CASE("cents format as decimal text with two decimals", "[util][money]") {
  CHECK(cents_to_decimal(1999) == "19.99");
  CHECK(cents_to_decimal(-5) == "-0.05");
  CHECK(cents_to_decimal(0) == "0.00");
  CHECK(cents_to_decimal(INT64_MIN) == "-92233720368547758.08");
}

TEST_CASE("quantities keep their own scale as value and decimalPlaces", "[util][money]") {
  auto weight = decimal_to_scaled("0.530");
  REQUIRE(weight.ok());
  CHECK(weight->value == 530);
  CHECK(weight->decimal_places == 3);
  CHECK(decimal_to_scaled("2")->value == 2);
  CHECK(decimal_to_scaled("2")->decimal_places == 0);
  CHECK(decimal_to_scaled("-1.25")->value == -125);
  CHECK_FALSE(decimal_to_scaled("1.5kg").ok());
  CHECK(scaled_to_decimal(530, 3) == "0.530");
  CHECK(scaled_to_decimal(2, 0) == "2");
  CHECK(scaled_to_decimal(-125, 2) == "-1.25");
  CHECK(scaled_to_decimal(5, 3) == "0.005");
}

TEST_CASE("doubles read from JSON give back the decimal their author wrote", "[util]") {
  CHECK(shortest_decimal_text(19.99) == "19.99");
  CHECK(shortest_decimal_text(0.1 + 0.2) == "0.30000000000000004");
  CHECK(shortest_decimal_text(3.0) == "3");
  CHECK(shortest_decimal_text(-0.5) == "-0.5");
  CHECK(shortest_decimal_text(2.8843) == "2.8843");
  CHECK(shortest_decimal_text(0.00001) == "0.00001");
  CHECK(shortest_decimal_text(1e20) == "100000000000000000000");
  CHECK(*decimal_to_cents(shortest_decimal_text(7.35)) == 735);
}
