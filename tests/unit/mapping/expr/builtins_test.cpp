#include <catch2/catch.hpp>

#include <chrono>

#include "expr_test_support.hpp"

using namespace lsmx_test;

TEST_CASE("lsmx text built-ins: lower upper trim replace", "[expr]") {
  CHECK(run("lower('AbC É')") == "'abc É'");
  CHECK(run("upper('abc')") == "'ABC'");
  CHECK(run("trim(src.name)") == "'Jan Jansen'");
  CHECK(run("trim('x')") == "'x'");
  CHECK(run("replace('a-b-c', '-', '+')") == "'a+b+c'");
  CHECK(run("replace('aaa', 'a', 'bb')") == "'bbbbbb'");
  CHECK(contains(run("replace('a', '', 'x')"), "replace(): the text to replace is empty"));
  CHECK(run("lower(src.missing)") == "null");
  CHECK(run("lower(12)") == "ERROR: lower(): expected text, got a number (use string()) (at column 7)");
}

TEST_CASE("lsmx regex built-ins search with ECMAScript patterns", "[expr]") {
  CHECK(run("regex_match('12345', '^[0-9]+$')") == "true");
  CHECK(run("regex_match('12a45', '^[0-9]+$')") == "false");
  CHECK(run("regex_match('order 12', '[0-9]')") == "true");
  CHECK(run("regex_match(src.missing, 'x')") == "false");
  CHECK(run("regex_capture('Order #1042 paid', '#([0-9]+)')") == "'1042'");
  CHECK(run("regex_capture('Order #1042 paid', '(Order) #([0-9]+)', 2)") == "'1042'");
  CHECK(run("regex_capture('Order #1042 paid', '#[0-9]+', 0)") == "'#1042'");
  CHECK(run("regex_capture('no digits', '([0-9]+)')") == "null");
  CHECK(contains(run("regex_capture('x', '(x)', 2)"), "the pattern has no group 2"));
  CHECK(run("regex_match('abc', '^' ~ 'a')") == "true");
}

TEST_CASE("lsmx regex limits: input size, computed pattern size, bad patterns", "[expr]") {
  Env env;
  env.compile.max_regex_input = 8;
  CHECK(env.run("regex_match('12345678', '^[0-9]+$')") == "true");
  CHECK(contains(env.run("regex_match('123456789', '^[0-9]+$')"),
                 "regex_match(): the text is 9 bytes, more than the 8 a regex may scan"));
  CHECK(contains(run("regex_match('a', pad_left('', 257, 'a'))"), "a computed pattern may be at most 256 bytes"));
  CHECK(run("regex_match('a', pad_left('', 256, 'a'))") == "false");
  CHECK(contains(run("regex_match('a', '(' ~ '')"), "ERROR: regex_match(): bad regular expression"));
  auto d = env.diagnostics("regex_match(src.x, '([a-z]')");
  REQUIRE(d.size() == 1);
  CHECK(d[0].pos.column == 20);
  CHECK(starts_with(d[0].message, "regex_match(): bad regular expression"));
  CHECK(starts_with(run("regex_match('a', 12)"), "COMPILE: line 1, column 18: regex_match(): the pattern must be text"));
}

TEST_CASE("lsmx split, join, first, len", "[expr]") {
  CHECK(run("split('a,b,,c', ',')") == "['a', 'b', '', 'c']");
  CHECK(run("split('', ',')") == "['']");
  CHECK(run("split('a--b', '--')") == "['a', 'b']");
  CHECK(contains(run("split('a', '')"), "split(): the separator is empty"));
  CHECK(run("join(src.tags, '|')") == "'a|b|c'");
  CHECK(run("join([trim(src.name), null, 12.50], ' ')") == "'Jan Jansen 12.5'");
  CHECK(run("join([], ',')") == "''");
  CHECK(contains(run("join([true], ',')"), "join(): item 0 is a boolean"));
  CHECK(contains(run("join('abc', ',')"), "join(): expected a list, got text 'abc'"));
  CHECK(run("first(src.lines).sku") == "'A-1'");
  CHECK(run("first([])") == "null");
  CHECK(run("first(src.missing)") == "null");
  CHECK(run("len('héllo')") == "6");
  CHECK(run("len(src.lines)") == "2");
  CHECK(run("len(src.lines[0])") == "3");
  CHECK(run("len(src.missing)") == "0");
  CHECK(contains(run("len(1)"), "len(): expected text, a list or an object, got a number"));
}

TEST_CASE("lsmx substr counts bytes and never splits a UTF-8 character", "[expr]") {
  CHECK(run("substr('abcdef', 2)") == "'cdef'");
  CHECK(run("substr('abcdef', 2, 3)") == "'cde'");
  CHECK(run("substr('abc', 5)") == "''");
  CHECK(run("substr('abc', 1, 100)") == "'bc'");
  CHECK(run("substr('café!', 0, 4)") == "'caf'");   // é is bytes 3-4: the end moves back
  CHECK(run("substr('café!', 0, 5)") == "'café'");
  CHECK(run("substr('café!', 4)") == "'!'");        // start inside é moves forward
  CHECK(contains(run("substr('abc', -1)"), "substr(): start must not be negative"));
  CHECK(contains(run("substr('abc', 0, -1)"), "substr(): length must not be negative"));
  CHECK(contains(run("substr('abc', 0.5)"), "substr(): expected a whole number, got 0.5"));
}

TEST_CASE("lsmx pad_left pads text and numbers to a width in characters", "[expr]") {
  CHECK(run("pad_left(src.number, 8, '0')") == "'00001042'");
  CHECK(run("pad_left('ab', 4)") == "'  ab'");
  CHECK(run("pad_left('abcdef', 4)") == "'abcdef'");
  CHECK(run("pad_left('é', 3, '·')") == "'··é'");
  CHECK(contains(run("pad_left('a', 3, 'xy')"), "pad_left(): the padding must be one character"));
  CHECK(contains(run("pad_left('a', 5000)"), "pad_left(): width must be from 0 to 4096"));
}

TEST_CASE("lsmx number and int convert; bad text is an error", "[expr]") {
  CHECK(run("number(' 19.99 ')") == "19.99");
  CHECK(run("number(7)") == "7");
  CHECK(run("number('')") == "null");
  CHECK(run("number(src.nothing)") == "null");
  CHECK(run("number('abc')") == "ERROR: number(): text 'abc' is not a number (at column 8)");
  CHECK(contains(run("number(true)"), "number(): expected a number or text, got a boolean"));
  CHECK(run("int(19.99)") == "19");
  CHECK(run("int(-19.99)") == "-19");
  CHECK(run("int('42.7')") == "42");
  CHECK(run("int('')") == "null");
}

TEST_CASE("lsmx cents rounds half away from zero to whole cents", "[expr][money]") {
  CHECK(run("cents(19.99)") == "1999");
  CHECK(run("cents(src.price)") == "1999");
  CHECK(run("cents(19.995)") == "2000");
  CHECK(run("cents(19.994)") == "1999");
  CHECK(run("cents(-0.005)") == "-1");
  CHECK(run("cents(3)") == "300");
  CHECK(run("cents(src.missing)") == "null");
  CHECK(run("cents(src.priceText)") == "ERROR: cents(): expected a number, got text '19.99' (use number()) (at column 7)");
  CHECK(contains(run("cents(92233720368547758.5)"), "cents(): number out of range"));
}

TEST_CASE("lsmx round supports every rounding mode", "[expr][money]") {
  CHECK(run("round(2.5)") == "3");
  CHECK(run("round(-2.5)") == "-3");
  CHECK(run("round(1.005, 2)") == "1.01");
  // half_up: away from zero at exactly half
  CHECK(run("round(2.345, 2, 'half_up')") == "2.35");
  CHECK(run("round(-2.345, 2, 'half_up')") == "-2.35");
  CHECK(run("round(2.344, 2, 'half_up')") == "2.34");
  // half_even: to the even neighbour at exactly half
  CHECK(run("round(2.345, 2, 'half_even')") == "2.34");
  CHECK(run("round(2.355, 2, 'half_even')") == "2.36");
  CHECK(run("round(-2.345, 2, 'half_even')") == "-2.34");
  CHECK(run("round(2.3451, 2, 'half_even')") == "2.35");
  CHECK(run("round(2.5, 0, 'half_even')") == "2");
  CHECK(run("round(3.5, 0, 'half_even')") == "4");
  // down: toward zero; up: away from zero
  CHECK(run("round(2.349, 2, 'down')") == "2.34");
  CHECK(run("round(-2.349, 2, 'down')") == "-2.34");
  CHECK(run("round(2.341, 2, 'up')") == "2.35");
  CHECK(run("round(-2.341, 2, 'up')") == "-2.35");
  // floor: toward minus infinity; ceiling: toward plus infinity
  CHECK(run("round(2.349, 2, 'floor')") == "2.34");
  CHECK(run("round(-2.341, 2, 'floor')") == "-2.35");
  CHECK(run("round(2.341, 2, 'ceiling')") == "2.35");
  CHECK(run("round(-2.349, 2, 'ceiling')") == "-2.34");
  CHECK(run("round(2.3, 5)") == "2.3");
  CHECK(run("round(src.missing, 2)") == "null");
  CHECK(starts_with(run("round(1, 2, 'bankers')"), "COMPILE: line 1, column 13: round(): unknown rounding mode"));
  CHECK(contains(run("round(1, 2, 'bank' ~ 'ers')"), "ERROR: round(): unknown rounding mode 'bankers'"));
  CHECK(starts_with(run("round(1, 19)"), "COMPILE: line 1, column 10: round(): places must be a whole number from 0 to 18"));
}

TEST_CASE("lsmx excl and incl convert VAT exactly; rates of 1 or more are percentages", "[expr][money]") {
  CHECK(run("excl(121, 21)") == "100");
  CHECK(run("excl(121, 0.21)") == "100");
  CHECK(run("incl(100, 21)") == "121");
  CHECK(run("incl(100, 0.09)") == "109");
  CHECK(run("excl(19.99, 21)") == "16.520661157");
  CHECK(run("cents(excl(19.99, 21))") == "1652");
  CHECK(run("incl(16.52, 21)") == "19.9892");
  CHECK(run("excl(10, 0)") == "10");
  CHECK(run("excl(10, 1)") == "9.900990099");
  CHECK(contains(run("excl(10, -21)"), "excl(): the VAT rate must not be negative"));
  CHECK(run("excl(src.missing, 21)") == "null");
}

TEST_CASE("lsmx abs and sum", "[expr]") {
  CHECK(run("abs(-19.99)") == "19.99");
  CHECK(run("abs(3)") == "3");
  CHECK(run("sum([1, 2.5, 0.5])") == "4");
  CHECK(run("sum([])") == "0");
  CHECK(contains(run("sum([1, null])"), "sum(): item 1 is null, not a number"));
  CHECK(contains(run("sum('x')"), "sum(): expected a list"));
}

TEST_CASE("lsmx dates: parse ISO 8601 to UTC, format, Mplus structs, now", "[expr]") {
  CHECK(run("date(src.created)") == "'2026-11-20T09:15:00Z'");
  CHECK(run("date('2026-11-20')") == "'2026-11-20T00:00:00Z'");
  CHECK(run("date('2026-11-20T09:15:00.123Z')") == "'2026-11-20T09:15:00Z'");
  CHECK(run("date('2026-11-20 09:15:00')") == "'2026-11-20T09:15:00Z'");
  CHECK(run("date(0)") == "'1970-01-01T00:00:00Z'");
  CHECK(run("date('')") == "null");
  CHECK(contains(run("date('20 november')"), "date(): text '20 november' is not an ISO 8601 date or date-time"));
  CHECK(run("format_date(src.created, '%d-%m-%Y %H:%M:%S')") == "'20-11-2026 10:15:00'");
  CHECK(run("format_date(src.summer, '%Y%m%d %H:%M')") == "'20260701 14:00'");
  CHECK(run("format_date(src.created, '%H:%M %%', 'UTC')") == "'09:15 %'");
  CHECK(starts_with(run("format_date(src.created, '%Y', 'Europe/Paris')"),
                    "COMPILE: line 1, column 32: format_date(): the time zone must be"));
  CHECK(contains(run("format_date(src.created, '%Q')"), "format_date(): unknown directive '%Q'"));
  CHECK(run("mplus_date(src.created)") == "{day: 20, mon: 11, year: 2026}");
  CHECK(run("mplus_date('2026-12-31T23:30:00Z')") == "{day: 1, mon: 1, year: 2027}");
  CHECK(run("mplus_datetime(src.created)") ==
        "{sec: 0, min: 15, hour: 10, day: 20, mon: 11, year: 2026, isdst: false, timezone: 60}");
  CHECK(run("mplus_datetime(src.summer)") ==
        "{sec: 0, min: 0, hour: 14, day: 1, mon: 7, year: 2026, isdst: false, timezone: 120}");
  CHECK(run("mplus_date(src.missing)") == "null");
  CHECK(run("now()") == "'2026-11-20T09:15:00Z'");
  CHECK(run("format_date(now(), '%Y')") == "'2026'");
}

namespace {

// A table with one key: "ideal" → "IDEAL", "fail" → an error, anything else → skip the record.
class PaymentTable : public LookupTable {
 public:
  size_t key_count() const override { return 1; }
  lsmplus::Result<std::optional<Value>> find(const std::vector<Value>& keys) const override {
    if (keys[0].kind() == Value::Kind::string && keys[0].as_text() == "ideal") return std::optional<Value>(Value::text("IDEAL"));
    if (keys[0].kind() == Value::Kind::string && keys[0].as_text() == "fail") {
      return lsmplus::make_error(lsmplus::ErrorClass::permanent, "lookup 'payment': no entry for 'fail'");
    }
    return std::optional<Value>();
  }
};

class VatTable : public LookupTable {
 public:
  size_t key_count() const override { return 2; }
  lsmplus::Result<std::optional<Value>> find(const std::vector<Value>& keys) const override {
    return std::optional<Value>(Value::text(std::string(keys[0].as_text()) + "|" + keys[1].as_number().to_string()));
  }
};

}  // namespace

TEST_CASE("lsmx lookup resolves tables at compile time and signals skip_record", "[expr]") {
  PaymentTable payment;
  VatTable vat;
  Env env;
  env.compile.lookup_table = [&](std::string_view name) -> const LookupTable* {
    if (name == "payment") return &payment;
    if (name == "vat") return &vat;
    return nullptr;
  };
  CHECK(env.run("lookup('payment', 'ideal')") == "'IDEAL'");
  CHECK(env.run("lookup('vat', 'NL', 21.0)") == "'NL|21'");
  CHECK(env.run("lookup('payment', 'fail')") == "ERROR: lookup 'payment': no entry for 'fail'");

  auto e = Expression::compile("lookup('payment', 'cash')", env.compile);
  REQUIRE(e.ok());
  auto r = e->evaluate(env.scope);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().cls == lsmplus::ErrorClass::permanent);
  CHECK(starts_with(r.error().message, "skip_record:"));
  CHECK(r.error().message == "skip_record: lookup 'payment' has no entry for 'cash'");
  CHECK(is_skip_record(r.error()));
  CHECK_FALSE(is_skip_record(lsmplus::make_error(lsmplus::ErrorClass::permanent, "lookup failed")));

  auto d = env.diagnostics("lookup('paymnet', src.x)");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "unknown lookup table 'paymnet'");
  CHECK(d[0].pos.column == 8);
  d = env.diagnostics("lookup('vat', 'NL')");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "lookup table 'vat' takes 2 keys, got 1");
  d = env.diagnostics("lookup(cfg.table, 'NL')");
  REQUIRE(d.size() == 1);
  CHECK(starts_with(d[0].message, "lookup() needs the table name as a quoted literal"));
  CHECK(starts_with(run("lookup('payment', 'x')"), "COMPILE: line 1, column 8: unknown lookup table 'payment'"));
}

TEST_CASE("lsmx split_address splits Dutch street, number and addition", "[expr]") {
  CHECK(run("split_address('2e Jan Steenstraat 19c')") == "{street: '2e Jan Steenstraat', number: '19', addition: 'c'}");
  CHECK(run("split_address('Laan van Meerdervoort 1-3')") ==
        "{street: 'Laan van Meerdervoort', number: '1', addition: '-3'}");
  CHECK(run("split_address('Dorpsstraat 546 K 1')") == "{street: 'Dorpsstraat', number: '546', addition: 'K 1'}");
  CHECK(run("split_address('Kerkstraat 12 bis')") == "{street: 'Kerkstraat', number: '12', addition: 'bis'}");
  CHECK(run("split_address('Hoofdstraat 12')") == "{street: 'Hoofdstraat', number: '12', addition: null}");
  CHECK(run("split_address('Hoofdstraat 12 A')") == "{street: 'Hoofdstraat', number: '12', addition: 'A'}");
  CHECK(run("split_address('Marktplein, 7')") == "{street: 'Marktplein', number: '7', addition: null}");
  CHECK(run("split_address('  Postbus  ')") == "{street: 'Postbus', number: null, addition: null}");
  CHECK(run("split_address('Plein 1940-1945 has no number here at all')") ==
        "{street: 'Plein 1940-1945 has no number here at all', number: null, addition: null}");
  CHECK(run("split_address('Kerkstraat', 12, 'A')") == "{street: 'Kerkstraat', number: '12', addition: 'A'}");
  CHECK(run("split_address('Kerkstraat', '19c', '')") == "{street: 'Kerkstraat', number: '19', addition: 'c'}");
  CHECK(run("split_address('Kerkstraat 3', '', null)") == "{street: 'Kerkstraat', number: '3', addition: null}");
  CHECK(run("split_address(src.missing)") == "null");
}

TEST_CASE("lsmx email_norm, coalesce, present, empty_to_null, string", "[expr]") {
  CHECK(run("email_norm(src.email)") == "'jan@example.nl'");
  CHECK(run("email_norm('  ')") == "null");
  CHECK(run("email_norm('no-at-sign')") == "null");
  CHECK(run("email_norm(src.missing)") == "null");
  CHECK(run("coalesce(src.missing, src.nothing, src.no, 1)") == "false");
  CHECK(run("coalesce(src.missing)") == "null");
  CHECK(run("present(src.missing)") == "false");
  CHECK(run("present(src.nothing)") == "false");
  CHECK(run("present(src.no)") == "false");
  CHECK(run("present(src.empty)") == "false");
  CHECK(run("present(src.zero)") == "true");
  CHECK(run("present(src.name)") == "true");
  CHECK(run("empty_to_null(src.empty) ?? 'x'") == "'x'");
  CHECK(run("empty_to_null(src.zero)") == "0");
  CHECK(run("string(1.50)") == "'1.5'");
  CHECK(run("string(true)") == "'true'");
  CHECK(run("string('a')") == "'a'");
  CHECK(run("string(src.missing)") == "null");
  CHECK(contains(run("string(src.tags)"), "string(): expected a number, boolean or text, got a list"));
}

TEST_CASE("lsmx host functions are called like built-ins with arity checked at compile time", "[expr]") {
  Env env;
  env.compile.host_functions.push_back(
      {"article", 1, 2, [](const std::vector<Value>& args) -> lsmplus::Result<Value> {
         if (args[0].kind() != Value::Kind::object) return lsmplus::make_error(lsmplus::ErrorClass::permanent, "no item");
         return Value::text("ART-" + std::string(args[0].member("sku").as_text()));
       }});
  CHECK(env.run("article(item)") == "'ART-ITEM-9'");
  CHECK(env.run("article(1)") == "ERROR: no item");
  auto d = env.diagnostics("article()");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "article() takes 1 to 2 arguments, got 0");
  d = env.diagnostics("articel(item)");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "unknown function 'articel' (did you mean 'article'?)");
}

TEST_CASE("lsmx lists its built-ins sorted", "[expr]") {
  auto names = builtin_function_names();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(names.size() >= 25);
  CHECK(std::find(names.begin(), names.end(), "split_address") != names.end());
}

TEST_CASE("lsmx refuses regex numbers libstdc++ cannot hold, but not long literal digits", "[expr]") {
  CHECK(run("regex_match('31612345678', '^31612345678$')") == "true");
  CHECK(run("regex_match('aa', '^a{2}$')") == "true");
  CHECK(run("regex_match('aa', '^a{1,999}$')") == "true");
  CHECK(run("regex_match('a', 'a{1,123456}')") ==
        "COMPILE: line 1, column 18: regex_match(): bad regular expression: a number in the pattern has more than 5 digits");
  CHECK(contains(run("regex_match('a', '(a)\\\\' ~ '88888888888888888888')"), "a number in the pattern has more than 5 digits"));
}

TEST_CASE("lsmx regexes run in linear time: nested quantifiers cannot backtrack exponentially", "[expr]") {
  Env env;
  std::string input(4000, 'a');
  auto start = std::chrono::steady_clock::now();
  CHECK(env.run("regex_match('" + input + "!', '^(a+)+$')") == "false");
  CHECK(env.run("regex_capture('" + input + "!', '(a|aa)*b')") == "null");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(contains(run("regex_match('aa', '(a)\\\\1')"), "bad regular expression: Unexpected back-reference"));
}

TEST_CASE("a path finds its member in records whose fields come in different orders", "[expr]") {
  auto expr = lsmplus::mapping::Expression::compile("src.b ~ src.a", {}).value();
  rapidjson::Document one, two, three;
  one.Parse(R"({"a": "1", "b": "2", "c": 0})");
  two.Parse(R"({"c": 0, "b": "x", "a": "y"})");
  three.Parse(R"({"a": "only a"})");
  for (int round = 0; round < 2; ++round) {
    lsmplus::mapping::Scope s;
    s.src = &one;
    CHECK(expr.evaluate(s).value().as_text() == "21");
    s.src = &two;
    CHECK(expr.evaluate(s).value().as_text() == "xy");
    s.src = &three;
    CHECK_FALSE(expr.evaluate(s).ok());  // src.b is null: '~' refuses null
  }
}

TEST_CASE("lsmx join_address writes Dutch street, number and addition back as one line", "[expr]") {
  CHECK(run("join_address('2e Jan Steenstraat', '19', 'c')") == "'2e Jan Steenstraat 19c'");
  CHECK(run("join_address('Laan van Meerdervoort', '1', '-3')") == "'Laan van Meerdervoort 1-3'");
  CHECK(run("join_address('Dorpsstraat', 546, 'K 1')") == "'Dorpsstraat 546 K 1'");
  CHECK(run("join_address('123 viger', '', false)") == "'123 viger'");
  CHECK(run("join_address(null, null, null)") == "null");
  // split_address and join_address are each other's inverse.
  CHECK(run("join_address(split_address('Dorpsstraat 546 K 1').street, split_address('Dorpsstraat 546 K 1').number, "
            "split_address('Dorpsstraat 546 K 1').addition)") == "'Dorpsstraat 546 K 1'");
}
