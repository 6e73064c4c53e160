// The built-in functions of lsmx. Arity is checked when the expression compiles; argument kinds
// when it runs. Unless stated otherwise a null first argument gives null ("null in, null out"),
// so `required:` in the mapping catches what is missing instead of a confusing type error.
//
// | function                          | result                                                     |
// |-----------------------------------|------------------------------------------------------------|
// | lower(s) upper(s)                 | ASCII case mapping (other bytes unchanged)                 |
// | trim(s)                           | without leading/trailing ASCII whitespace                  |
// | replace(s, from, to)              | every occurrence of text `from` replaced (from != "")      |
// | regex_match(s, re)                | bool: `re` (ECMAScript, no back-references, matched in     |
// |                                   | linear time) found anywhere in s; null → false             |
// | regex_capture(s, re, group=1)     | text of the group in the first match, or null              |
// | split(s, sep)                     | list of text (sep != "")                                   |
// | join(list, sep)                   | items (text or numbers) joined; null items are left out    |
// | substr(s, start, len?)            | byte offsets; never splits a UTF-8 character: a start      |
// |                                   | inside one moves forward, an end inside one moves back,    |
// |                                   | so the result is never longer than len bytes               |
// | pad_left(s, width, char=' ')      | s (text or number) padded to `width` characters (≤ 4096)  |
// | len(x)                            | bytes of text, items of a list or object; null → 0         |
// | number(x)                         | number from number or text ("19.99", spaces trimmed);      |
// |                                   | "" and null → null; other text is an error                 |
// | int(x)                            | number (or numeric text) truncated toward zero             |
// | cents(x)                          | integer cents, half away from zero: cents(19.99 * 3) 5997  |
// | round(x, places=0, mode)          | modes half_up (away from zero, default), half_even, down   |
// |                                   | (toward zero), up (away from zero), floor, ceiling         |
// | excl(amount_incl, rate)           | amount / (1 + rate), exact to 10 decimals                  |
// | incl(amount_excl, rate)           | amount × (1 + rate), exact to 10 decimals; a rate ≥ 1 is   |
// |                                   | a percentage (21 = 0.21), below 1 a fraction; rate ≥ 0     |
// | abs(x)                            | absolute value                                             |
// | sum(list)                         | sum of the numbers in list (null items are an error)       |
// | date(x)                           | ISO 8601 text (date, date-time with offset or Z, optional  |
// |                                   | fraction) or unix seconds → "2026-11-20T09:15:00Z" (UTC)   |
// | format_date(x, pattern, tz)       | %Y %m %d %H %M %S %%; tz 'Europe/Amsterdam' (default) or   |
// |                                   | 'UTC'                                                      |
// | mplus_date(x)                     | {day, mon, year} in Europe/Amsterdam                       |
// | mplus_datetime(x)                 | {sec, min, hour, day, mon, year, isdst: false,             |
// |                                   | timezone: UTC offset in minutes} in Europe/Amsterdam       |
// | now()                             | the run's clock (Scope::now_unix) as ISO UTC text          |
// | lookup('table', key...)           | the table's value; the name must be a literal naming a     |
// |                                   | known table, the key count must match. skip_record is the  |
// |                                   | Error described in expression.hpp (is_skip_record)         |
// | join_address(street, nr?, add?)   | "Dorpsstraat 546 K 1"; an addition starting with - or /,  |
// |                                   | or a single letter, is glued to the number ("1-3", "19c"); |
// |                                   | absent parts (null, false, "") are left out; all → null    |
// | split_address(street, nr?, add?)  | {street, number, addition}: with a non-empty `nr` the      |
// |                                   | parts as given; otherwise "Dorpsstraat 546 K 1" is split   |
// |                                   | at the first house number followed by a short addition;    |
// |                                   | no number → {street: whole text, number: null, addition:   |
// |                                   | null}                                                      |
// | email_norm(s)                     | trimmed, lowercase; null when empty or without '@'         |
// | first(list)                       | first item, null for an empty list                         |
// | coalesce(a, b, ...)               | first non-null argument (later ones are not evaluated)     |
// | present(x)                        | false for null/absent, false and ""; true otherwise        |
// | empty_to_null(x)                  | null for "", x otherwise                                   |
// | string(x)                         | canonical text of a number, boolean or text                |
#pragma once

#include <cstddef>
#include <memory>
#include <regex>
#include <string_view>
#include <vector>

#include "mapping/expr/evaluator.hpp"

namespace lsmplus::mapping::expr {

// `args` holds the evaluated arguments, except for lazy functions, which get nullptr and
// evaluate call.kids themselves.
using BuiltinFn = bool (*)(Evaluator& ev, const Node& call, const Value* args, size_t count, Value& out);

struct Builtin {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
  BuiltinFn fn;
  bool lazy = false;
};

// All built-ins, sorted by name; a Node's `fn` indexes this table.
const std::vector<Builtin>& builtins();
// The index of `name` in builtins(), or -1.
int find_builtin(std::string_view name);

// Compiles an ECMAScript pattern for regex_match/regex_capture with libstdc++'s polynomial
// (breadth-first) executor, so no pattern backtracks exponentially; back-references are therefore
// not supported. Numbers in {n,m} quantifiers are limited to 5 digits first (libstdc++ overflows
// on longer ones). Throws std::regex_error for a bad or unsupported pattern.
std::shared_ptr<const std::regex> compile_pattern(std::string_view pattern);

}  // namespace lsmplus::mapping::expr
