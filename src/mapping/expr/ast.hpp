// The compiled form of an lsmx expression: a tree of Nodes built once by the parser and walked by
// the evaluator. Member names, literal indexes, literal regexes, lookup tables and function
// targets are resolved at compile time, so evaluation never looks at the source text again.
#pragma once

#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "lsmplus/mapping/expression.hpp"
#include "lsmplus/mapping/value.hpp"

namespace lsmplus::mapping::expr {

enum class Op : uint8_t {
  literal,   // `literal`
  path,      // `root` then `steps`; root == Root::expr reads steps from kids[0]
  list,      // [kids...]
  builtin,   // built-in function `fn` over kids
  host,      // host function `fn` (index into Program::host_functions) over kids
  cond,      // kids[0] ? kids[1] : kids[2]
  coalesce,  // kids[0] ?? kids[1] ?? ...
  logic_or,  // kids[0] or kids[1] or ...
  logic_and,
  logic_not,
  eq, ne, lt, le, gt, ge,
  concat,    // kids[0] ~ kids[1] ~ ...
  add, sub, mul, div, mod,
  neg,
};

enum class Root : uint8_t { src, cfg, ctx, existing, item, value, expr };

struct Node;

struct PathStep {
  enum class Kind : uint8_t { name, index, dynamic };
  Kind kind = Kind::name;
  std::string name;              // Kind::name
  int64_t index = 0;             // Kind::index
  std::unique_ptr<Node> key;     // Kind::dynamic: text is a member name, a number an index
  // Kind::name: where the member was found last time. Records of one flow share their field
  // order, so this usually saves the linear scan of an object with ~150 members. Only a hint:
  // the name is always compared; read and written with relaxed atomic_ref.
  mutable uint32_t member_hint = 0;
};

struct Node {
  Op op = Op::literal;
  uint32_t offset = 0;  // of the token that names the node (operator, function name, path root)
  Value literal;
  Root root = Root::src;
  std::vector<PathStep> steps;
  int fn = -1;
  const LookupTable* table = nullptr;           // lookup(): resolved at compile time
  std::shared_ptr<const std::regex> regex;      // regex_*(): a literal pattern, compiled once
  std::vector<std::unique_ptr<Node>> kids;
  int depth = 1;
};

// Everything an Expression owns after compiling.
struct Program {
  std::string text;
  std::unique_ptr<Node> root;
  std::vector<PathRef> paths;
  std::vector<CompileEnv::HostFunction> host_functions;
  size_t max_regex_input = 4096;
};

// 1-based line and column (in UTF-8 characters) of byte `offset` of `text`.
TextPos position_of(std::string_view text, size_t offset);

}  // namespace lsmplus::mapping::expr
