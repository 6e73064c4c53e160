// lsmx, the datamapper's expression language (LESSONS.md §5.3): compiled once when the config
// loads, then evaluated per record without I/O. Paths into the source record (`src.`), the
// config (`cfg.`), the run context (`ctx.`), the existing target record (`existing.`) and the
// current list item inside `each:` (`item.`); exact decimal arithmetic; comparisons; `and or
// not`; `??` (replaces only null or absent, never false or 0); `c ? a : b`; `~` string
// concatenation; calls of built-in functions. No loops, no I/O, bounded recursion and regex input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"
#include "lsmplus/mapping/value.hpp"

namespace lsmplus::mapping {

// Where in the expression text something is: a 0-based byte offset, plus the 1-based line and
// column inside the text (expressions in YAML block scalars can span lines). Columns count
// characters (UTF-8 code points), not bytes.
struct TextPos {
  size_t offset = 0;
  int line = 1;
  int column = 1;
};

// A problem found when compiling (syntax, unknown function, wrong arity, bad regex literal) or
// when checking paths; `pos` points at the offending token.
struct ExprDiagnostic {
  TextPos pos;
  std::string message;  // e.g. "unknown function 'lowr' (did you mean 'lower'?)"
};

// One path the expression reads, for lint checks against the known fields of each API:
// root is "src", "cfg", "ctx", "existing" or "item"; segments are the member names after it
// (array indexes are left out: `src.lines[0].sku` gives {"lines", "sku"}).
struct PathRef {
  std::string root;
  std::vector<std::string> segments;
  TextPos pos;  // of the first segment
};

// A lookup table the expression can call as lookup('name', key...). Implemented by the mapping
// layer (flow_mapping.hpp); the expression layer only checks at compile time that the name exists
// and the number of keys fits (via LookupResolver), and calls it at run time.
class LookupTable {
 public:
  virtual ~LookupTable() = default;
  virtual size_t key_count() const = 0;
  // The value for the keys (the table's default or the first key for on_missing: default or
  // passthrough); a `permanent` Error naming the table and keys for on_missing: error; nullopt
  // when the whole record is to be skipped (on_missing: skip_record).
  virtual Result<std::optional<Value>> find(const std::vector<Value>& keys) const = 0;
};

// What the compiler needs to know about the world: lookup tables by name, and extra functions
// the host provides (for example `article(item)`, resolved by the flow). Both optional. The
// compiled Expression keeps copies of the host functions and pointers to the lookup tables it
// uses, so the tables must outlive it. A built-in wins over a host function of the same name.
struct CompileEnv {
  std::function<const LookupTable*(std::string_view name)> lookup_table;
  struct HostFunction {
    std::string name;
    int min_args = 0;
    int max_args = 0;  // -1: any number of arguments
    std::function<Result<Value>(const std::vector<Value>& args)> call;
  };
  std::vector<HostFunction> host_functions;
  // Upper bounds (the defaults are what the config uses; the fuzzer lowers them).
  int max_depth = 64;               // nesting of the parse tree
  size_t max_regex_input = 4096;    // bytes of text a regex function may scan
};

// What an evaluation reads. Any root may be null (reads of it give null); `item` is set inside
// `each:`. `now_unix` is the run's clock for now() (fixed per run, so a run is reproducible).
struct Scope {
  const rapidjson::Value* src = nullptr;
  const rapidjson::Value* cfg = nullptr;
  const rapidjson::Value* ctx = nullptr;
  const rapidjson::Value* existing = nullptr;
  const rapidjson::Value* item = nullptr;
  const Value* value = nullptr;  // `value` inside `validate:` expressions
  int64_t now_unix = 0;
};

// lookup() on a table that answers "skip the record" (LookupTable::find returned nullopt) ends the
// evaluation with a `permanent` Error whose message starts with exactly this prefix, e.g.
// "skip_record: lookup 'payment_method' has no entry for 'cash'". The mapping layer recognises it
// with is_skip_record() and skips the record instead of failing it. Errors that lookup tables and
// host functions return themselves pass through evaluate() unchanged.
inline constexpr std::string_view kSkipRecordPrefix = "skip_record:";
inline bool is_skip_record(const Error& error) {
  return error.cls == ErrorClass::permanent && std::string_view(error.message).substr(0, kSkipRecordPrefix.size()) ==
                                                   kSkipRecordPrefix;
}

// Thrown nowhere: evaluation errors come back as Result errors of class `permanent` whose message
// names the offending sub-expression and its position ("lower(): expected text, got a number (at
// column 7)"). Syntax errors and unknown names stop compiling at the first one; unknown functions,
// wrong arity, bad literal regexes and unknown lookup tables are all collected. Limits: 64 KiB of
// text, env.max_depth levels of nesting, text values up to 1 MiB, literal regex patterns up to
// 1024 bytes, computed ones up to 256.
class Expression {
 public:
  // Compiles `text`. On failure returns a `config` Error listing every diagnostic as "line L,
  // column C: message" (joined by "; ") and appends them to `diagnostics` when given.
  static Result<Expression> compile(std::string_view text, const CompileEnv& env,
                                    std::vector<ExprDiagnostic>* diagnostics = nullptr);

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

  // Evaluates against `scope`. Never throws; the result is a Value or a `permanent` Error.
  Result<Value> evaluate(const Scope& scope) const;

  // Every path the expression reads (for lint).
  const std::vector<PathRef>& paths() const;

  // The source text.
  const std::string& text() const;

 private:
  struct Impl;
  explicit Expression(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The names of the built-in functions, sorted (for `lsmplus map --help`, docs and suggestions).
std::vector<std::string> builtin_function_names();

}  // namespace lsmplus::mapping
