#include "mapping/expr/evaluator.hpp"

#include <atomic>
#include <cstring>

#include <array>

#include "mapping/expr/builtins.hpp"
#include "mapping/expr/decimal_math.hpp"

namespace lsmplus::mapping::expr {

namespace {

const char* op_name(Op op) {
  switch (op) {
    case Op::add: return "'+'";
    case Op::sub: return "'-'";
    case Op::mul: return "'*'";
    case Op::div: return "'/'";
    case Op::mod: return "'%'";
    case Op::neg: return "unary '-'";
    case Op::lt: return "'<'";
    case Op::le: return "'<='";
    case Op::gt: return "'>'";
    case Op::ge: return "'>='";
    case Op::logic_and: return "'and'";
    case Op::logic_or: return "'or'";
    case Op::logic_not: return "'not'";
    case Op::cond: return "'?:'";
    case Op::concat: return "'~'";
    default: return "the expression";
  }
}

}  // namespace

std::string describe(const Value& v) {
  if (v.kind() != Value::Kind::string) return v.kind_name();
  std::string_view t = v.as_text();
  if (t.size() > 40) return "text '" + std::string(t.substr(0, 40)) + "...'";
  return "text '" + std::string(t) + "'";
}

bool append_text(std::string& out, const Value& v) {
  if (v.kind() == Value::Kind::string) {
    out.append(v.as_text());
    return true;
  }
  if (v.kind() == Value::Kind::number) {
    out.append(v.as_number().to_string());
    return true;
  }
  return false;
}

bool Evaluator::fail(const Node& node, std::string message) {
  TextPos pos = position_of(program_.text, node.offset);
  message += pos.line == 1 ? " (at column " + std::to_string(pos.column) + ")"
                           : " (at line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ")";
  error_ = make_error(ErrorClass::permanent, std::move(message));
  return false;
}

bool Evaluator::fail_with(Error error) {
  error_ = std::move(error);
  return false;
}

bool Evaluator::eval(const Node& node, Value& out) {
  switch (node.op) {
    case Op::literal:
      out = node.literal;
      return true;
    case Op::path:
      return eval_path(node, out);
    case Op::list: {
      std::vector<Value> items(node.kids.size());
      for (size_t i = 0; i < node.kids.size(); ++i) {
        if (!eval(*node.kids[i], items[i])) return false;
      }
      out = Value::list(std::move(items));
      return true;
    }
    case Op::builtin:
    case Op::host:
      return eval_call(node, out);
    case Op::cond: {
      Value c;
      if (!eval(*node.kids[0], c)) return false;
      if (c.kind() != Value::Kind::boolean) {
        return fail(node, "the condition of '?:' must be a boolean, got " + describe(c));
      }
      return eval(*node.kids[c.as_bool() ? 1 : 2], out);
    }
    case Op::coalesce:
      for (const auto& kid : node.kids) {
        if (!eval(*kid, out)) return false;
        if (!out.is_null()) return true;
      }
      return true;
    case Op::logic_or:
    case Op::logic_and:
    case Op::logic_not:
      return eval_logic(node, out);
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return eval_compare(node, out);
    case Op::concat:
      return eval_concat(node, out);
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod:
    case Op::neg:
      return eval_arithmetic(node, out);
  }
  return fail(node, "internal error: unknown node");
}

namespace {

bool same_name(const rapidjson::Value& key, std::string_view name) {
  return key.GetStringLength() == name.size() && std::memcmp(key.GetString(), name.data(), name.size()) == 0;
}

}  // namespace

const rapidjson::Value* Evaluator::find_member(const rapidjson::Value& object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (same_name(it->name, name)) return &it->value;
  }
  return nullptr;
}

const rapidjson::Value* Evaluator::find_member_hinted(const rapidjson::Value& object, const PathStep& step) {
  std::atomic_ref<uint32_t> hint(step.member_hint);
  const uint32_t h = hint.load(std::memory_order_relaxed);
  const auto count = object.MemberCount();
  if (h < count) {
    auto it = object.MemberBegin() + h;
    if (same_name(it->name, step.name)) return &it->value;
  }
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (same_name(it->name, step.name)) {
      hint.store(static_cast<uint32_t>(it - object.MemberBegin()), std::memory_order_relaxed);
      return &it->value;
    }
  }
  return nullptr;
}

bool Evaluator::eval_path(const Node& node, Value& out) {
  const rapidjson::Value* json = nullptr;
  Value base;
  switch (node.root) {
    case Root::src: json = scope_.src; break;
    case Root::cfg: json = scope_.cfg; break;
    case Root::ctx: json = scope_.ctx; break;
    case Root::existing: json = scope_.existing; break;
    case Root::item: json = scope_.item; break;
    case Root::value:
      if (scope_.value) base = *scope_.value;
      break;
    case Root::expr:
      if (!eval(*node.kids[0], base)) return false;
      break;
  }
  const bool on_json = node.root != Root::value && node.root != Root::expr;
  if (on_json && !json) {
    out = Value();
    return true;
  }
  for (const PathStep& step : node.steps) {
    std::string_view name;
    int64_t index = -1;
    bool by_name = false;
    Value key;
    switch (step.kind) {
      case PathStep::Kind::name:
        name = step.name;
        by_name = true;
        break;
      case PathStep::Kind::index:
        index = step.index;
        break;
      case PathStep::Kind::dynamic:
        if (!eval(*step.key, key)) return false;
        if (key.kind() == Value::Kind::string) {
          name = key.as_text();
          by_name = true;
        } else if (key.kind() == Value::Kind::number) {
          auto w = whole(key.as_number());
          if (!w) return fail(*step.key, "a list index must be a whole number, got " + key.as_number().to_string());
          index = *w;
        } else if (key.is_null()) {
          out = Value();
          return true;
        } else {
          return fail(*step.key, "a key must be text or a number, got " + describe(key));
        }
        break;
    }
    if (on_json) {
      if (by_name) {
        if (!json->IsObject()) {
          out = Value();
          return true;
        }
        const rapidjson::Value* member = step.kind == PathStep::Kind::name ? find_member_hinted(*json, step)
                                                                             : find_member(*json, name);
        if (!member) {
          out = Value();
          return true;
        }
        json = member;
      } else {
        if (!json->IsArray() || index < 0 || static_cast<uint64_t>(index) >= json->Size()) {
          out = Value();
          return true;
        }
        json = &(*json)[static_cast<rapidjson::SizeType>(index)];
      }
    } else {
      Value::Kind k = base.kind();
      if (by_name && k == Value::Kind::object) {
        base = base.member(name);
      } else if (!by_name && k == Value::Kind::array && index >= 0) {
        base = base.at(static_cast<size_t>(index));
      } else {
        out = Value();
        return true;
      }
    }
  }
  out = on_json ? Value::json(*json) : std::move(base);
  return true;
}

bool Evaluator::eval_call(const Node& node, Value& out) {
  if (node.op == Op::host) {
    std::vector<Value> args(node.kids.size());
    for (size_t i = 0; i < node.kids.size(); ++i) {
      if (!eval(*node.kids[i], args[i])) return false;
    }
    const auto& host = program_.host_functions[static_cast<size_t>(node.fn)];
    Result<Value> r = host.call(args);
    if (!r.ok()) return fail_with(r.error());
    out = std::move(r).value();
    return true;
  }
  const Builtin& b = builtins()[static_cast<size_t>(node.fn)];
  if (b.lazy) return b.fn(*this, node, nullptr, node.kids.size(), out);
  constexpr size_t kInline = 4;
  if (node.kids.size() <= kInline) {
    std::array<Value, kInline> args;
    for (size_t i = 0; i < node.kids.size(); ++i) {
      if (!eval(*node.kids[i], args[i])) return false;
    }
    return b.fn(*this, node, args.data(), node.kids.size(), out);
  }
  std::vector<Value> args(node.kids.size());
  for (size_t i = 0; i < node.kids.size(); ++i) {
    if (!eval(*node.kids[i], args[i])) return false;
  }
  return b.fn(*this, node, args.data(), args.size(), out);
}

bool Evaluator::eval_logic(const Node& node, Value& out) {
  if (node.op == Op::logic_not) {
    Value v;
    if (!eval(*node.kids[0], v)) return false;
    if (v.kind() != Value::Kind::boolean) return fail(node, "'not' needs a boolean, got " + describe(v));
    out = Value::boolean(!v.as_bool());
    return true;
  }
  const bool is_or = node.op == Op::logic_or;
  for (const auto& kid : node.kids) {
    Value v;
    if (!eval(*kid, v)) return false;
    if (v.kind() != Value::Kind::boolean) {
      return fail(*kid, std::string(op_name(node.op)) + " needs booleans, got " + describe(v) +
                            (v.is_null() ? " (use ?? false, or present())" : ""));
    }
    if (v.as_bool() == is_or) {
      out = Value::boolean(is_or);
      return true;
    }
  }
  out = Value::boolean(!is_or);
  return true;
}

bool Evaluator::eval_compare(const Node& node, Value& out) {
  Value a, b;
  if (!eval(*node.kids[0], a) || !eval(*node.kids[1], b)) return false;
  if (node.op == Op::eq || node.op == Op::ne) {
    bool same = a.equals(b);
    out = Value::boolean(node.op == Op::eq ? same : !same);
    return true;
  }
  int c = 0;
  if (a.kind() == Value::Kind::number && b.kind() == Value::Kind::number) {
    c = a.as_number().compare(b.as_number());
  } else if (a.kind() == Value::Kind::string && b.kind() == Value::Kind::string) {
    int r = a.as_text().compare(b.as_text());
    c = r < 0 ? -1 : (r > 0 ? 1 : 0);
  } else {
    return fail(node, std::string(op_name(node.op)) + " compares two numbers or two texts, got " + describe(a) +
                          " and " + describe(b));
  }
  bool r = false;
  switch (node.op) {
    case Op::lt: r = c < 0; break;
    case Op::le: r = c <= 0; break;
    case Op::gt: r = c > 0; break;
    case Op::ge: r = c >= 0; break;
    default: break;
  }
  out = Value::boolean(r);
  return true;
}

bool Evaluator::eval_concat(const Node& node, Value& out) {
  std::string text;
  for (const auto& kid : node.kids) {
    Value v;
    if (!eval(*kid, v)) return false;
    if (v.is_null()) return fail(*kid, "'~' cannot join null (use ?? '')");
    if (!append_text(text, v)) {
      return fail(*kid, "'~' joins text and numbers, got " + describe(v) + " (use string())");
    }
    if (text.size() > kMaxTextSize) return fail(node, "'~': the text grows beyond 1 MiB");
  }
  out = Value::text(std::move(text));
  return true;
}

bool Evaluator::eval_arithmetic(const Node& node, Value& out) {
  Value a, b;
  if (!eval(*node.kids[0], a)) return false;
  if (node.op != Op::neg && !eval(*node.kids[1], b)) return false;
  auto want_number = [&](const Value& v, const Node& where) {
    if (v.kind() == Value::Kind::number) return true;
    std::string message = std::string(op_name(node.op)) + ": expected a number, got " + describe(v);
    if (v.kind() == Value::Kind::string) {
      message += node.op == Op::add && b.kind() == Value::Kind::string && a.kind() == Value::Kind::string &&
                         !Decimal::parse(v.as_text())
                     ? " (use '~' to join text)"
                     : " (use number())";
    } else if (v.is_null()) {
      message += " (use ?? 0)";
    }
    fail(where, std::move(message));
    return false;
  };
  if (!want_number(a, *node.kids[0])) return false;
  if (node.op == Op::neg) {
    auto r = negate(a.as_number());
    if (!r) return fail(node, "unary '-': number out of range");
    out = Value::number(*r);
    return true;
  }
  if (!want_number(b, *node.kids[1])) return false;
  Decimal x = a.as_number(), y = b.as_number();
  std::optional<Decimal> r;
  switch (node.op) {
    case Op::add: r = add(x, y); break;
    case Op::sub: r = subtract(x, y); break;
    case Op::mul: r = multiply(x, y); break;
    case Op::div:
      if (is_zero(y)) return fail(node, "'/': division by zero");
      r = divide(x, y, 10);
      break;
    case Op::mod:
      if (is_zero(y)) return fail(node, "'%': division by zero");
      r = remainder(x, y);
      break;
    default: break;
  }
  if (!r) return fail(node, std::string(op_name(node.op)) + ": number out of range (" + x.to_string() + ", " + y.to_string() + ")");
  out = Value::number(*r);
  return true;
}

}  // namespace lsmplus::mapping::expr
