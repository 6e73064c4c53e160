// Walks a compiled Program against a Scope. Errors are reported through `fail`, which records a
// `permanent` Error naming the node's position and returns false, so evaluation code reads as
// `if (!ev.eval(node, v)) return false;` without exceptions or heap-allocated results.
#pragma once

#include <string>

#include "mapping/expr/ast.hpp"

namespace lsmplus::mapping::expr {

class Evaluator {
 public:
  Evaluator(const Program& program, const Scope& scope) : program_(program), scope_(scope) {}

  // Evaluates `node` into `out`; false after an error (see error()).
  bool eval(const Node& node, Value& out);

  // Records "message (at column C)" for `node` and returns false.
  bool fail(const Node& node, std::string message);
  // Records `error` as it is (lookup tables' and host functions' own errors) and returns false.
  bool fail_with(Error error);

  const Error& error() const { return error_; }
  const Program& program() const { return program_; }
  const Scope& scope() const { return scope_; }

 private:
  bool eval_path(const Node& node, Value& out);
  // The member `name` of a JSON object, or null; the hinted form tries the step's last position
  // first.
  static const rapidjson::Value* find_member(const rapidjson::Value& object, std::string_view name);
  static const rapidjson::Value* find_member_hinted(const rapidjson::Value& object, const PathStep& step);
  bool eval_call(const Node& node, Value& out);
  bool eval_compare(const Node& node, Value& out);
  bool eval_arithmetic(const Node& node, Value& out);
  bool eval_concat(const Node& node, Value& out);
  bool eval_logic(const Node& node, Value& out);

  const Program& program_;
  const Scope& scope_;
  Error error_;
};

// Short description of a value for messages: "text 'abc'", "a number", "null".
std::string describe(const Value& v);

// Appends the canonical text of a number or text value; false for other kinds.
bool append_text(std::string& out, const Value& v);

// The longest text any function or operator builds (guards against exponential growth through
// nested replace() or ~).
inline constexpr size_t kMaxTextSize = 1 << 20;

}  // namespace lsmplus::mapping::expr
