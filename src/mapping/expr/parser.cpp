// Lexer, Pratt-style recursive-descent parser and compile-time checks of lsmx; the Expression
// class. Precedence, loosest first:  ?:  ??  or  and  not  == != < <= > >=  ~  + -  * / %  unary -
#include <algorithm>
#include <limits>

#include "lsmplus/mapping/expression.hpp"
#include "lsmplus/util/suggest.hpp"
#include "mapping/expr/ast.hpp"
#include "mapping/expr/builtins.hpp"
#include "mapping/expr/decimal_math.hpp"
#include "mapping/expr/evaluator.hpp"

namespace lsmplus::mapping {

namespace expr {

TextPos position_of(std::string_view text, size_t offset) {
  TextPos pos;
  pos.offset = offset;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

namespace {

constexpr size_t kMaxExpressionSize = 64 * 1024;
constexpr size_t kMaxLiteralPattern = 1024;

enum class Tok {
  end, number, string, ident, lparen, rparen, lbracket, rbracket, dot, comma, question, qq, colon,
  eq, ne, lt, le, gt, ge, tilde, plus, minus, star, slash, percent,
};

struct Token {
  Tok kind = Tok::end;
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;  // identifiers, decoded strings
  Decimal number;
};

struct SyntaxError {
  size_t offset;
  std::string message;
};

const char* const kRoots[] = {"src", "cfg", "ctx", "existing", "item", "value"};

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_space();
      Token t;
      t.offset = static_cast<uint32_t>(pos_);
      if (pos_ >= text_.size()) {
        tokens.push_back(std::move(t));
        return tokens;
      }
      char c = text_[pos_];
      if (is_digit(c)) {
        lex_number(t);
      } else if (is_ident_start(c)) {
        size_t start = pos_;
        while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
        t.kind = Tok::ident;
        t.text = std::string(text_.substr(start, pos_ - start));
      } else if (c == '\'' || c == '"') {
        lex_string(t);
      } else {
        lex_operator(t);
      }
      t.length = static_cast<uint32_t>(pos_ - t.offset);
      tokens.push_back(std::move(t));
    }
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
  static bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  void lex_number(Token& t) {
    size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && is_digit(text_[pos_ + 1])) {
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (is_ident_start(text_[pos_]))) {
      throw SyntaxError{pos_, "unexpected " + quote(text_.substr(pos_, 1)) + " after the number " +
                                  quote(text_.substr(start, pos_ - start))};
    }
    auto d = Decimal::parse(text_.substr(start, pos_ - start));
    if (!d) {
      throw SyntaxError{start, "the number " + quote(text_.substr(start, pos_ - start)) +
                                   " is too large or has more than 18 decimals"};
    }
    t.kind = Tok::number;
    t.number = *d;
  }

  void lex_string(Token& t) {
    char quote_char = text_[pos_++];
    std::string value;
    for (;;) {
      if (pos_ >= text_.size()) throw SyntaxError{t.offset, "unterminated string (no closing " + std::string(1, quote_char) + ")"};
      char c = text_[pos_];
      if (c == quote_char) {
        ++pos_;
        break;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) throw SyntaxError{pos_, "unterminated string (ends in '\\')"};
        char e = text_[pos_ + 1];
        switch (e) {
          case 'n': value.push_back('\n'); break;
          case 't': value.push_back('\t'); break;
          case '\'': value.push_back('\''); break;
          case '"': value.push_back('"'); break;
          case '\\': value.push_back('\\'); break;
          default:
            throw SyntaxError{pos_, "unknown escape '\\" + std::string(1, e) +
                                        "' (use \\n, \\t, \\', \\\" or \\\\)"};
        }
        pos_ += 2;
        continue;
      }
      value.push_back(c);
      ++pos_;
    }
    t.kind = Tok::string;
    t.text = std::move(value);
  }

  void lex_operator(Token& t) {
    char c = text_[pos_];
    char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    auto two = [&](Tok k) {
      t.kind = k;
      pos_ += 2;
    };
    auto one = [&](Tok k) {
      t.kind = k;
      pos_ += 1;
    };
    switch (c) {
      case '(': return one(Tok::lparen);
      case ')': return one(Tok::rparen);
      case '[': return one(Tok::lbracket);
      case ']': return one(Tok::rbracket);
      case '.': return one(Tok::dot);
      case ',': return one(Tok::comma);
      case ':': return one(Tok::colon);
      case '~': return one(Tok::tilde);
      case '+': return one(Tok::plus);
      case '-': return one(Tok::minus);
      case '*': return one(Tok::star);
      case '/': return one(Tok::slash);
      case '%': return one(Tok::percent);
      case '?': return next == '?' ? two(Tok::qq) : one(Tok::question);
      case '<': return next == '=' ? two(Tok::le) : one(Tok::lt);
      case '>': return next == '=' ? two(Tok::ge) : one(Tok::gt);
      case '=':
        if (next == '=') return two(Tok::eq);
        throw SyntaxError{pos_, "unexpected '=' (use '==' to compare)"};
      case '!':
        if (next == '=') return two(Tok::ne);
        throw SyntaxError{pos_, "unexpected '!' (use 'not')"};
      case '&':
        throw SyntaxError{pos_, "unexpected '&' (use 'and')"};
      case '|':
        throw SyntaxError{pos_, "unexpected '|' (use 'or')"};
      default:
        break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) throw SyntaxError{pos_, "unexpected character (byte 0x" + hex(u) + ")"};
    throw SyntaxError{pos_, "unexpected character " + quote(text_.substr(pos_, 1))};
  }

  static std::string hex(unsigned char u) {
    const char* digits = "0123456789abcdef";
    return std::string{digits[u >> 4], digits[u & 15]};
  }

  std::string_view text_;
  size_t pos_ = 0;
};

class Parser {
 public:
  Parser(std::string_view text, const CompileEnv& env, Program& program, std::vector<ExprDiagnostic>& diagnostics)
      : text_(text), env_(env), program_(program), diagnostics_(diagnostics) {}

  std::unique_ptr<Node> parse() {
    tokens_ = Lexer(text_).run();
    if (tokens_.size() == 1) throw SyntaxError{0, "empty expression"};
    auto node = parse_expr();
    if (peek().kind != Tok::end) {
      const Token& t = peek();
      std::string what = describe_token(t);
      if (t.kind == Tok::rparen) throw SyntaxError{t.offset, "unexpected ')' (no '(' to close)"};
      throw SyntaxError{t.offset, "expected an operator or the end of the expression, got " + what};
    }
    return node;
  }

 private:
  struct NestingGuard {
    explicit NestingGuard(Parser& p, uint32_t offset) : parser(p) {
      if (++parser.nesting_ > parser.env_.max_depth)
        throw SyntaxError{offset, "expression nested too deeply (more than " + std::to_string(parser.env_.max_depth) +
                                      " levels)"};
    }
    ~NestingGuard() { --parser.nesting_; }
    Parser& parser;
  };

  const Token& peek(size_t ahead = 0) const { return tokens_[std::min(index_ + ahead, tokens_.size() - 1)]; }
  const Token& next() {
    const Token& t = tokens_[index_];
    if (index_ + 1 < tokens_.size()) ++index_;
    return t;
  }
  bool at_word(std::string_view word) const { return peek().kind == Tok::ident && peek().text == word; }

  std::string column_of(size_t offset) const {
    TextPos p = position_of(text_, offset);
    if (p.line == 1) return "column " + std::to_string(p.column);
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
  }

  std::string describe_token(const Token& t) const {
    if (t.kind == Tok::end) return "the end of the expression";
    return quote(text_.substr(t.offset, std::min<size_t>(t.length, 40)));
  }

  void diagnose(size_t offset, std::string message) {
    diagnostics_.push_back(ExprDiagnostic{position_of(text_, offset), std::move(message)});
  }

  std::unique_ptr<Node> make(Op op, uint32_t offset) {
    auto n = std::make_unique<Node>();
    n->op = op;
    n->offset = offset;
    return n;
  }

  // Computes the node's depth and enforces the limit.
  std::unique_ptr<Node> finish(std::unique_ptr<Node> n) {
    int depth = 0;
    for (const auto& k : n->kids) depth = std::max(depth, k->depth);
    for (const auto& s : n->steps) {
      if (s.key) depth = std::max(depth, s.key->depth);
    }
    n->depth = depth + 1;
    if (n->depth > env_.max_depth) {
      throw SyntaxError{n->offset, "expression nested too deeply (more than " + std::to_string(env_.max_depth) +
                                       " levels)"};
    }
    return n;
  }

  std::unique_ptr<Node> binary(Op op, uint32_t offset, std::unique_ptr<Node> l, std::unique_ptr<Node> r) {
    auto n = make(op, offset);
    n->kids.push_back(std::move(l));
    n->kids.push_back(std::move(r));
    return finish(std::move(n));
  }

  std::unique_ptr<Node> parse_expr() {
    NestingGuard guard(*this, peek().offset);
    auto c = parse_coalesce();
    if (peek().kind != Tok::question) return c;
    const Token& q = next();
    uint32_t q_offset = q.offset;
    auto a = parse_expr();
    if (peek().kind != Tok::colon) {
      throw SyntaxError{peek().offset, "expected ':' of the '?' at " + column_of(q_offset) + ", got " +
                                           describe_token(peek())};
    }
    next();
    auto b = parse_expr();
    auto n = make(Op::cond, q_offset);
    n->kids.push_back(std::move(c));
    n->kids.push_back(std::move(a));
    n->kids.push_back(std::move(b));
    return finish(std::move(n));
  }

  template <class Sub, class IsOp>
  std::unique_ptr<Node> n_ary(Op op, Sub sub, IsOp is_op) {
    auto first = sub();
    if (!is_op()) return first;
    auto n = make(op, peek().offset);
    n->kids.push_back(std::move(first));
    while (is_op()) {
      next();
      n->kids.push_back(sub());
    }
    return finish(std::move(n));
  }

  std::unique_ptr<Node> parse_coalesce() {
    return n_ary(Op::coalesce, [&] { return parse_or(); }, [&] { return peek().kind == Tok::qq; });
  }
  std::unique_ptr<Node> parse_or() {
    return n_ary(Op::logic_or, [&] { return parse_and(); }, [&] { return at_word("or"); });
  }
  std::unique_ptr<Node> parse_and() {
    return n_ary(Op::logic_and, [&] { return parse_not(); }, [&] { return at_word("and"); });
  }

  std::unique_ptr<Node> parse_not() {
    if (!at_word("not")) return parse_compare();
    NestingGuard guard(*this, peek().offset);
    uint32_t offset = next().offset;
    auto n = make(Op::logic_not, offset);
    n->kids.push_back(parse_not());
    return finish(std::move(n));
  }

  static std::optional<Op> compare_op(Tok t) {
    switch (t) {
      case Tok::eq: return Op::eq;
      case Tok::ne: return Op::ne;
      case Tok::lt: return Op::lt;
      case Tok::le: return Op::le;
      case Tok::gt: return Op::gt;
      case Tok::ge: return Op::ge;
      default: return std::nullopt;
    }
  }

  std::unique_ptr<Node> parse_compare() {
    auto l = parse_concat();
    auto op = compare_op(peek().kind);
    if (!op) return l;
    uint32_t offset = next().offset;
    auto r = parse_concat();
    if (compare_op(peek().kind)) {
      throw SyntaxError{peek().offset, "comparisons do not chain; combine them with 'and'"};
    }
    return binary(*op, offset, std::move(l), std::move(r));
  }

  std::unique_ptr<Node> parse_concat() {
    return n_ary(Op::concat, [&] { return parse_additive(); }, [&] { return peek().kind == Tok::tilde; });
  }

  std::unique_ptr<Node> parse_additive() {
    auto l = parse_multiplicative();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token& t = next();
      Op op = t.kind == Tok::plus ? Op::add : Op::sub;
      uint32_t offset = t.offset;
      l = binary(op, offset, std::move(l), parse_multiplicative());
    }
    return l;
  }

  std::unique_ptr<Node> parse_multiplicative() {
    auto l = parse_unary();
    while (peek().kind == Tok::star || peek().kind == Tok::slash || peek().kind == Tok::percent) {
      const Token& t = next();
      Op op = t.kind == Tok::star ? Op::mul : (t.kind == Tok::slash ? Op::div : Op::mod);
      uint32_t offset = t.offset;
      l = binary(op, offset, std::move(l), parse_unary());
    }
    return l;
  }

  std::unique_ptr<Node> parse_unary() {
    if (peek().kind != Tok::minus) return parse_postfix();
    NestingGuard guard(*this, peek().offset);
    uint32_t offset = next().offset;
    auto operand = parse_unary();
    if (operand->op == Op::literal && operand->literal.kind() == Value::Kind::number) {
      if (auto negated = negate(operand->literal.as_number())) {
        operand->literal = Value::number(*negated);
        operand->offset = offset;
        return operand;
      }
    }
    auto n = make(Op::neg, offset);
    n->kids.push_back(std::move(operand));
    return finish(std::move(n));
  }

  std::unique_ptr<Node> parse_postfix() {
    auto base = parse_primary();
    uint32_t first_segment = 0;
    bool has_segment = false;
    while (peek().kind == Tok::dot || peek().kind == Tok::lbracket) {
      if (base->op != Op::path) {
        auto wrapper = make(Op::path, base->offset);
        wrapper->root = Root::expr;
        wrapper->kids.push_back(std::move(base));
        base = std::move(wrapper);
      }
      PathStep step;
      uint32_t step_offset;
      if (next().kind == Tok::dot) {
        const Token& name = peek();
        if (name.kind != Tok::ident) {
          throw SyntaxError{name.offset, "expected a member name after '.', got " + describe_token(name) +
                                             " (use [\"...\"] for other names)"};
        }
        step_offset = name.offset;
        step.name = next().text;
      } else {
        step_offset = peek().offset;
        uint32_t open = tokens_[index_ - 1].offset;
        auto key = parse_expr();
        if (peek().kind != Tok::rbracket) {
          throw SyntaxError{peek().offset, "expected ']' to close '[' opened at " + column_of(open) + ", got " +
                                               describe_token(peek())};
        }
        next();
        if (key->op == Op::literal && key->literal.kind() == Value::Kind::string) {
          step.name = std::string(key->literal.as_text());
        } else if (key->op == Op::literal && key->literal.kind() == Value::Kind::number) {
          auto index = whole(key->literal.as_number());
          if (!index) throw SyntaxError{step_offset, "a list index must be a whole number"};
          step.kind = PathStep::Kind::index;
          step.index = *index;
        } else {
          step.kind = PathStep::Kind::dynamic;
          step.key = std::move(key);
        }
      }
      if (!has_segment) {
        has_segment = true;
        first_segment = step_offset;
      }
      base->steps.push_back(std::move(step));
      base = finish(std::move(base));
    }
    if (base->op == Op::path && base->root != Root::expr) record_path(*base, has_segment ? first_segment : base->offset);
    return base;
  }

  void record_path(const Node& n, uint32_t first_segment) {
    PathRef ref;
    ref.root = kRoots[static_cast<int>(n.root)];
    for (const auto& s : n.steps) {
      if (s.kind == PathStep::Kind::dynamic) break;
      if (s.kind == PathStep::Kind::name) ref.segments.push_back(s.name);
    }
    ref.pos = position_of(text_, first_segment);
    program_.paths.push_back(std::move(ref));
  }

  std::unique_ptr<Node> literal(Value v, uint32_t offset) {
    auto n = make(Op::literal, offset);
    n->literal = std::move(v);
    return n;
  }

  std::unique_ptr<Node> parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::number: {
        next();
        return literal(Value::number(t.number), t.offset);
      }
      case Tok::string: {
        next();
        return literal(Value::text(t.text), t.offset);
      }
      case Tok::lparen: {
        uint32_t open = next().offset;
        auto inner = parse_expr();
        if (peek().kind != Tok::rparen) {
          throw SyntaxError{peek().offset, "expected ')' to close '(' opened at " + column_of(open) + ", got " +
                                               describe_token(peek())};
        }
        next();
        return inner;
      }
      case Tok::lbracket: {
        uint32_t open = next().offset;
        auto n = make(Op::list, open);
        if (peek().kind != Tok::rbracket) {
          for (;;) {
            n->kids.push_back(parse_expr());
            if (peek().kind == Tok::comma) {
              next();
              continue;
            }
            if (peek().kind == Tok::rbracket) break;
            throw SyntaxError{peek().offset, "expected ',' or ']' to close the list opened at " + column_of(open) +
                                                 ", got " + describe_token(peek())};
          }
        }
        next();
        return finish(std::move(n));
      }
      case Tok::ident:
        return parse_word();
      case Tok::end:
        throw SyntaxError{t.offset, "unexpected end of the expression (expected a value)"};
      default:
        throw SyntaxError{t.offset, "expected a value, got " + describe_token(t)};
    }
  }

  std::unique_ptr<Node> parse_word() {
    const Token& t = next();
    const std::string& word = t.text;
    if (word == "true" || word == "false") return literal(Value::boolean(word == "true"), t.offset);
    if (word == "null") return literal(Value(), t.offset);
    if (word == "and" || word == "or" || word == "not") {
      throw SyntaxError{t.offset, "expected a value, got '" + word + "'"};
    }
    if (peek().kind == Tok::lparen) return parse_call(t);
    for (int r = 0; r < 6; ++r) {
      if (word == kRoots[r]) {
        auto n = make(Op::path, t.offset);
        n->root = static_cast<Root>(r);
        return n;
      }
    }
    std::vector<std::string_view> roots(std::begin(kRoots), std::end(kRoots));
    throw SyntaxError{t.offset, "unknown name '" + word + "'" + util::did_you_mean(word, roots) +
                                    "; paths start with src, cfg, ctx, existing, item or value"};
  }

  static std::string arity_text(int min, int max) {
    auto args = [](int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
    if (max < 0) return "at least " + args(min);
    if (min == max) return args(min);
    return std::to_string(min) + " to " + args(max);
  }

  std::unique_ptr<Node> parse_call(const Token& name_token) {
    std::string name = name_token.text;
    uint32_t offset = name_token.offset;
    uint32_t open = next().offset;
    auto n = make(Op::builtin, offset);
    if (peek().kind != Tok::rparen) {
      for (;;) {
        n->kids.push_back(parse_expr());
        if (peek().kind == Tok::comma) {
          next();
          continue;
        }
        if (peek().kind == Tok::rparen) break;
        throw SyntaxError{peek().offset, "expected ',' or ')' to close the call of " + name + "() opened at " +
                                             column_of(open) + ", got " + describe_token(peek())};
      }
    }
    next();
    int count = static_cast<int>(n->kids.size());
    int builtin = find_builtin(name);
    if (builtin >= 0) {
      const Builtin& b = builtins()[static_cast<size_t>(builtin)];
      n->fn = builtin;
      if (count < b.min_args || (b.max_args >= 0 && count > b.max_args)) {
        diagnose(offset, name + "() takes " + arity_text(b.min_args, b.max_args) + ", got " + std::to_string(count));
      } else {
        check_builtin(name, *n);
      }
      return finish(std::move(n));
    }
    for (size_t i = 0; i < program_.host_functions.size(); ++i) {
      const auto& h = program_.host_functions[i];
      if (h.name != name) continue;
      n->op = Op::host;
      n->fn = static_cast<int>(i);
      if (count < h.min_args || (h.max_args >= 0 && count > h.max_args)) {
        diagnose(offset, name + "() takes " + arity_text(h.min_args, h.max_args) + ", got " + std::to_string(count));
      }
      return finish(std::move(n));
    }
    std::vector<std::string_view> candidates;
    for (const auto& b : builtins()) candidates.push_back(b.name);
    for (const auto& h : program_.host_functions) candidates.push_back(h.name);
    diagnose(offset, "unknown function '" + name + "'" + util::did_you_mean(name, candidates));
    n->op = Op::literal;
    n->kids.clear();
    return finish(std::move(n));
  }

  static bool is_text_literal(const Node& n) {
    return n.op == Op::literal && n.literal.kind() == Value::Kind::string;
  }

  void check_builtin(const std::string& name, Node& n) {
    if (name == "lookup") {
      const Node& table_arg = *n.kids[0];
      if (!is_text_literal(table_arg)) {
        diagnose(table_arg.offset, "lookup() needs the table name as a quoted literal, e.g. lookup('payment_method', src.paymentId)");
        return;
      }
      std::string table_name(table_arg.literal.as_text());
      n.table = env_.lookup_table ? env_.lookup_table(table_name) : nullptr;
      if (!n.table) {
        diagnose(table_arg.offset, "unknown lookup table '" + table_name + "'");
        return;
      }
      size_t keys = n.kids.size() - 1;
      if (keys != n.table->key_count()) {
        diagnose(n.offset, "lookup table '" + table_name + "' takes " + std::to_string(n.table->key_count()) +
                               (n.table->key_count() == 1 ? " key" : " keys") + ", got " + std::to_string(keys));
      }
    } else if (name == "regex_match" || name == "regex_capture") {
      const Node& pattern = *n.kids[1];
      if (pattern.op != Op::literal) return;
      if (!is_text_literal(pattern)) {
        diagnose(pattern.offset, name + "(): the pattern must be text");
        return;
      }
      std::string_view p = pattern.literal.as_text();
      if (p.size() > kMaxLiteralPattern) {
        diagnose(pattern.offset, name + "(): the pattern is longer than " + std::to_string(kMaxLiteralPattern) + " bytes");
        return;
      }
      try {
        n.regex = compile_pattern(p);
      } catch (const std::regex_error& e) {
        diagnose(pattern.offset, name + "(): bad regular expression: " + e.what());
      }
    } else if (name == "round") {
      if (n.kids.size() >= 2 && n.kids[1]->op == Op::literal) {
        const Value& places = n.kids[1]->literal;
        std::optional<int64_t> p;
        if (places.kind() == Value::Kind::number) p = whole(places.as_number());
        if (!p || *p < 0 || *p > 18) diagnose(n.kids[1]->offset, "round(): places must be a whole number from 0 to 18");
      }
      if (n.kids.size() == 3 && n.kids[2]->op == Op::literal) {
        const Value& mode = n.kids[2]->literal;
        if (mode.kind() != Value::Kind::string || !rounding_from_name(mode.as_text())) {
          diagnose(n.kids[2]->offset,
                   "round(): unknown rounding mode (use 'half_up', 'half_even', 'down', 'up', 'floor' or 'ceiling')");
        }
      }
    } else if (name == "format_date") {
      if (n.kids.size() == 3 && n.kids[2]->op == Op::literal) {
        const Value& tz = n.kids[2]->literal;
        if (tz.kind() != Value::Kind::string || (tz.as_text() != "Europe/Amsterdam" && tz.as_text() != "UTC")) {
          diagnose(n.kids[2]->offset, "format_date(): the time zone must be 'Europe/Amsterdam' or 'UTC'");
        }
      }
    }
  }

  std::string_view text_;
  const CompileEnv& env_;
  Program& program_;
  std::vector<ExprDiagnostic>& diagnostics_;
  std::vector<Token> tokens_;
  size_t index_ = 0;
  int nesting_ = 0;
};

}  // namespace
}  // namespace expr

struct Expression::Impl {
  expr::Program program;
};

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

Result<Expression> Expression::compile(std::string_view text, const CompileEnv& env,
                                       std::vector<ExprDiagnostic>* diagnostics) {
  std::vector<ExprDiagnostic> found;
  auto impl = std::make_unique<Impl>();
  expr::Program& program = impl->program;
  program.text = std::string(text);
  program.host_functions = env.host_functions;
  program.max_regex_input = env.max_regex_input;
  if (text.size() > expr::kMaxExpressionSize) {
    found.push_back(ExprDiagnostic{TextPos{}, "expression is longer than 64 KiB"});
  } else {
    try {
      expr::Parser parser(program.text, env, program, found);
      program.root = parser.parse();
    } catch (const expr::SyntaxError& e) {
      found.push_back(ExprDiagnostic{expr::position_of(program.text, e.offset), e.message});
    } catch (const std::exception& e) {
      found.push_back(ExprDiagnostic{TextPos{}, std::string("cannot compile: ") + e.what()});
    }
  }
  if (!found.empty()) {
    std::string message;
    for (const auto& d : found) {
      if (!message.empty()) message += "; ";
      message += "line " + std::to_string(d.pos.line) + ", column " + std::to_string(d.pos.column) + ": " + d.message;
    }
    if (diagnostics) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
    return make_error(ErrorClass::config, std::move(message));
  }
  return Expression(std::move(impl));
}

Result<Value> Expression::evaluate(const Scope& scope) const {
  expr::Evaluator evaluator(impl_->program, scope);
  Value out;
  try {
    if (!evaluator.eval(*impl_->program.root, out)) return evaluator.error();
  } catch (const std::exception& e) {
    return make_error(ErrorClass::permanent, std::string("evaluation failed: ") + e.what());
  }
  return out;
}

const std::vector<PathRef>& Expression::paths() const { return impl_->program.paths; }

const std::string& Expression::text() const { return impl_->program.text; }

std::vector<std::string> builtin_function_names() {
  std::vector<std::string> names;
  for (const auto& b : expr::builtins()) names.emplace_back(b.name);
  return names;
}

}  // namespace lsmplus::mapping
