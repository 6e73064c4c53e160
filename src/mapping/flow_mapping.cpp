// Compiling a flow's mapping (the embedded default merged with the user's section) and applying
// it to records. Everything that depends on the YAML is resolved here once: expressions are
// compiled, target paths split and arranged as a tree, so that mapping a record only evaluates
// expressions and builds JSON with the output document's allocator.
#include "lsmplus/mapping/flow_mapping.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "mapping/catalog.hpp"
#include "mapping/lookup_table.hpp"

namespace lsmplus::mapping {

std::string MappingDiagnostic::to_string() const {
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, path, message);
}

const std::vector<FlowShape>& flow_shapes() {
  static const std::vector<FlowShape> shapes{
      {"orders", "lightspeed.order", "mplus.Order", "createOrder", "order"},
      {"orders.relation", "lightspeed.order", "mplus.Relation", "createRelation", "relation"},
      {"customers", "lightspeed.customer", "mplus.Relation", "createRelation", "relation"},
      {"products", "mplus.Product", "lightspeed.product", "", "product"},
      {"categories", "lightspeed.category", "mplus.NewArticleGroupRequest", "newArticleGroup", "request"},
      {"stock", "mplus.ArticleStock", "lightspeed.variant", "", "variant"},
      {"order-status", "mplus.Order", "lightspeed.order", "", "order"},
  };
  return shapes;
}

const FlowShape* find_flow_shape(std::string_view flow) {
  for (const auto& s : flow_shapes()) {
    if (s.flow == flow) return &s;
  }
  return nullptr;
}

namespace {

using Alloc = rapidjson::Document::AllocatorType;

// The members of `cfg` the application passes to every mapping (flows/mappings.cpp).
const std::vector<std::string> kCfgKeys{"branch",          "employee_number", "workplace", "shipping_article",
                                        "payment_article", "default_debtor",  "language"};
const std::vector<std::string> kSectionKeys{"when", "lookups", "fields", "each"};
const std::vector<std::string> kFieldKeys{"value", "default", "required", "validate", "on"};
const std::vector<std::string> kTableKeys{"keys", "on_missing", "default", "map"};
const std::vector<std::string> kEntryKeys{"over", "when", "fields"};
const std::vector<std::string> kOnPolicies{"create", "update", "always", "create_if_empty"};
const std::vector<std::string> kOnMissing{"error", "default", "passthrough", "skip_record"};

enum class OnPolicy { always, create, update, create_if_empty };

// ---------------------------------------------------------------------------------------------
// Where text sits in a YAML file.

struct Source {
  std::string file;
  std::optional<std::string> text;  // the file's text, when readable: exact columns inside scalars
};

std::vector<std::string> split_dotted(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    out.emplace_back(
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

std::string join_dotted(std::span<const std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

// 1-based line and column (in UTF-8 characters) of byte `offset` of `text`.
std::pair<int, int> line_column(std::string_view text, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// A YAML node kept by the structures below. yaml-cpp's Node::operator= writes into the node it
// refers to (changing the document) instead of rebinding, so nodes are held through pointers.
using NodeRef = std::shared_ptr<const YAML::Node>;

NodeRef hold(const YAML::Node& node) {
  return std::make_shared<const YAML::Node>(node);
}

// A YAML scalar holding lsmx text (an expression or a message template).
struct Located {
  std::string text;
  NodeRef node;
  NodeRef key;  // the key the scalar is the value of (for block scalars without source text)
  const Source* source = nullptr;
  std::string path;
};

Located locate(const YAML::Node& value, const YAML::Node& key, const Source& source, std::string path) {
  return Located{value.Scalar(), hold(value), hold(key), &source, std::move(path)};
}

// The file position of byte `offset` of a scalar's value. Plain scalars start at their mark;
// quoted ones one column later; block scalars (| and >) on the next line, at its indentation.
std::pair<int, int> scalar_position(const Located& at, size_t offset) {
  const YAML::Mark mark = at.node->Mark();
  const int line = mark.line + 1;
  const int column = mark.column + 1;
  const std::string* file = at.source->text ? &*at.source->text : nullptr;
  char lead = 0;
  if (file && mark.pos >= 0 && static_cast<size_t>(mark.pos) < file->size()) {
    lead = (*file)[static_cast<size_t>(mark.pos)];
  } else if (at.node->Tag() == "!") {
    lead = at.text.find('\n') == std::string::npos ? '"' : '|';
  }
  auto [l, c] = line_column(at.text, offset);
  if (lead == '"' || lead == '\'') return {line + l - 1, l == 1 ? column + c : c};
  if (lead == '|' || lead == '>') {
    if (!file) return {line + l, at.key->Mark().column + 2 + c};
    // Walk the content lines: each holds its text after the indentation, then one byte (a
    // newline, or the space a folded scalar puts there) in the scalar's value.
    size_t p = file->find('\n', static_cast<size_t>(mark.pos));
    int file_line = line;
    size_t indent = std::string::npos;
    size_t remaining = offset;
    while (p != std::string::npos && p + 1 <= file->size()) {
      size_t start = p + 1;
      size_t end = file->find('\n', start);
      if (end == std::string::npos) end = file->size();
      ++file_line;
      size_t first = file->find_first_not_of(' ', start);
      if (first == std::string::npos || first >= end) {
        p = end;
        continue;
      }
      if (indent == std::string::npos) indent = first - start;
      size_t content = start + std::min(indent, end - start);
      size_t length = end - content;
      if (remaining <= length) {
        auto [ll, cc] = line_column(std::string_view(*file).substr(content, remaining), remaining);
        (void)ll;
        return {file_line, static_cast<int>(indent) + cc};
      }
      remaining -= length + 1;
      if (end >= file->size()) break;
      p = end;
    }
    return {line + l, c};
  }
  return {line + l - 1, l == 1 ? column + c - 1 : c};
}

// `value`, or `key` when the value is empty (yaml-cpp marks an empty value at the next token).
YAML::Mark shown_node(const YAML::Node& value, const YAML::Node& key) {
  return value.IsNull() ? key.Mark() : value.Mark();
}

class Diagnostics {
 public:
  // A problem with a YAML node as a whole (its key or value).
  void at_node(const Source& source, const YAML::Node& node, const std::string& path, std::string message) {
    at_node(source, node.Mark(), path, std::move(message));
  }
  void at_node(const Source& source, const YAML::Mark& mark, const std::string& path, std::string message) {
    int line = mark.is_null() || mark.line < 0 ? 1 : mark.line + 1;
    int column = mark.is_null() || mark.column < 0 ? 1 : mark.column + 1;
    list.push_back({source.file, line, column, path, std::move(message)});
  }
  // A problem at byte `offset` inside a scalar.
  void at_text(const Located& at, size_t offset, std::string message) {
    auto [line, column] = scalar_position(at, offset);
    list.push_back({at.source->file, line, column, at.path, std::move(message)});
  }

  std::vector<MappingDiagnostic> list;
};

// ---------------------------------------------------------------------------------------------
// The mapping as written: the default, with the user's section merged over it.

struct FieldSrc {
  std::string target;
  NodeRef key;
  NodeRef value;
  const Source* source = nullptr;
  std::string path;
};

struct EntrySrc {
  std::optional<Located> over;
  std::optional<Located> when;
  std::vector<FieldSrc> fields;
  NodeRef node;
  const Source* source = nullptr;
  std::string path;
};

struct ListSrc {
  std::string target;
  NodeRef key;
  const Source* source = nullptr;
  std::string path;
  std::vector<EntrySrc> entries;
};

struct TableSrc {
  std::string name;
  NodeRef key;
  NodeRef value;
  const Source* source = nullptr;
  std::string path;
};

struct SpecSrc {
  std::optional<Located> when;
  std::vector<TableSrc> tables;
  std::vector<FieldSrc> fields;
  std::vector<ListSrc> lists;
};

const char* kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a scalar";
  }
}

class Merger {
 public:
  Merger(SpecSrc& spec, Diagnostics& diags) : spec_(spec), diags_(diags) {}

  // Merges one mapping section (the default's, then the user's). `strict`: keys other than
  // when/lookups/fields/each are errors (in the defaults); a user's section also holds the
  // flow's other settings, which the config layer checks.
  void section(const YAML::Node& node, const Source& source, const std::string& path, bool strict) {
    if (!node.IsMap()) {
      if (!node.IsNull())
        diags_.at_node(source, node, path, fmt::format("expected a mapping, got {}", kind_of(node)));
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      std::string key = it->first.Scalar();
      std::string key_path = fmt::format("{}.{}", path, key);
      const YAML::Node& value = it->second;
      if (key == "when") {
        if (expression_scalar(value, it->first, source, key_path)) {
          spec_.when = locate(value, it->first, source, key_path);
        }
      } else if (key == "lookups") {
        lookups(value, it->first, source, key_path);
      } else if (key == "fields") {
        fields(spec_.fields, value, it->first, source, key_path);
      } else if (key == "each") {
        each(value, it->first, source, key_path);
      } else if (strict) {
        diags_.at_node(source, it->first, key_path,
                       fmt::format("unknown key '{}'{}", key, did_you_mean(key, kSectionKeys)));
      }
    }
  }

 private:
  bool expression_scalar(const YAML::Node& value, const YAML::Node& key, const Source& source,
                         const std::string& path) {
    if (value.IsScalar()) return true;
    diags_.at_node(source, shown_node(value, key), path,
                   fmt::format("expected an expression (text), got {}", kind_of(value)));
    return false;
  }

  void lookups(const YAML::Node& node, const YAML::Node& key, const Source& source, const std::string& path) {
    if (!node.IsMap()) {
      diags_.at_node(source, shown_node(node, key), path,
                     fmt::format("expected a mapping of lookup tables, got {}", kind_of(node)));
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      TableSrc t{it->first.Scalar(), hold(it->first), hold(it->second), &source,
                 fmt::format("{}.{}", path, it->first.Scalar())};
      auto same = std::find_if(spec_.tables.begin(), spec_.tables.end(),
                               [&](const TableSrc& other) { return other.name == t.name; });
      if (same != spec_.tables.end()) {
        *same = std::move(t);
      } else {
        spec_.tables.push_back(std::move(t));
      }
    }
  }

  // A user's entry replaces the one with the same target, a null value removes it, a new target
  // is added.
  void fields(std::vector<FieldSrc>& into, const YAML::Node& node, const YAML::Node& key,
              const Source& source, const std::string& path) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      diags_.at_node(source, node, path,
                     fmt::format("expected a mapping of target fields, got {}", kind_of(node)));
      return;
    }
    (void)key;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        diags_.at_node(source, it->first, path,
                       "a target field must be a dotted name such as invoiceAddress.city");
        continue;
      }
      FieldSrc f{it->first.Scalar(), hold(it->first), hold(it->second), &source,
                 fmt::format("{}.{}", path, it->first.Scalar())};
      auto same = std::find_if(into.begin(), into.end(),
                               [&](const FieldSrc& other) { return other.target == f.target; });
      if (f.value->IsNull()) {
        if (same != into.end()) into.erase(same);
      } else if (same != into.end()) {
        *same = std::move(f);
      } else {
        into.push_back(std::move(f));
      }
    }
  }

  void each(const YAML::Node& node, const YAML::Node& key, const Source& source, const std::string& path) {
    if (!node.IsMap()) {
      diags_.at_node(
          source, shown_node(node, key), path,
          fmt::format("expected a mapping of target lists (such as lineList.line), got {}", kind_of(node)));
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      std::string target = it->first.Scalar();
      std::string list_path = fmt::format("{}.{}", path, target);
      auto list = std::find_if(spec_.lists.begin(), spec_.lists.end(),
                               [&](const ListSrc& l) { return l.target == target; });
      if (list == spec_.lists.end()) {
        spec_.lists.push_back(ListSrc{target, hold(it->first), &source, list_path, {}});
        list = spec_.lists.end() - 1;
      }
      const YAML::Node& entries = it->second;
      if (entries.IsMap()) {
        entry(*list, 0, entries, source, list_path);
      } else if (entries.IsSequence()) {
        for (size_t i = 0; i < entries.size(); ++i) {
          entry(*list, i, entries[i], source, fmt::format("{}[{}]", list_path, i));
        }
      } else {
        diags_.at_node(source, shown_node(entries, it->first), list_path,
                       fmt::format("expected a list of entries (each with over, when and fields), got {}",
                                   kind_of(entries)));
      }
    }
  }

  // Entry `index` of a list: merged into the default's entry with the same index, or added.
  void entry(ListSrc& list, size_t index, const YAML::Node& node, const Source& source,
             const std::string& path) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      diags_.at_node(
          source, node, path,
          fmt::format("expected an entry with the keys over, when and fields, got {}", kind_of(node)));
      return;
    }
    if (index >= list.entries.size()) {
      list.entries.resize(index + 1);
    }
    EntrySrc& e = list.entries[index];
    e.node = hold(node);
    e.source = &source;
    e.path = path;
    for (auto it = node.begin(); it != node.end(); ++it) {
      std::string key = it->first.Scalar();
      std::string key_path = fmt::format("{}.{}", path, key);
      if (key == "over") {
        if (expression_scalar(it->second, it->first, source, key_path))
          e.over = locate(it->second, it->first, source, key_path);
      } else if (key == "when") {
        if (expression_scalar(it->second, it->first, source, key_path))
          e.when = locate(it->second, it->first, source, key_path);
      } else if (key == "fields") {
        fields(e.fields, it->second, it->first, source, key_path);
      } else {
        diags_.at_node(source, it->first, key_path,
                       fmt::format("unknown key '{}' in an each: entry{}; the keys are over, when and fields",
                                   key, did_you_mean(key, kEntryKeys)));
      }
    }
  }

  SpecSrc& spec_;
  Diagnostics& diags_;
};

// ---------------------------------------------------------------------------------------------
// The compiled mapping.

// A message with `{{ expression }}` parts (the text of `required:`).
struct Template {
  struct Part {
    std::string literal;
    std::optional<Expression> expr;
  };
  std::vector<Part> parts;

  std::string render(const Scope& scope) const {
    std::string out;
    for (const auto& p : parts) {
      out += p.literal;
      if (!p.expr) continue;
      auto v = p.expr->evaluate(scope);
      if (!v) {
        out += "?";
        continue;
      }
      switch (v->kind()) {
        case Value::Kind::string:
          out.append(v->as_text());
          break;
        case Value::Kind::number:
          out += v->as_number().to_string();
          break;
        case Value::Kind::boolean:
          out += v->as_bool() ? "true" : "false";
          break;
        case Value::Kind::null:
          break;
        default:
          out += v->kind_name();
          break;
      }
    }
    return out;
  }
};

struct CompiledField {
  std::string target;  // dotted; inside each: relative to the list item
  std::optional<Expression> value;
  std::optional<Expression> fallback;
  bool required = false;
  std::optional<Template> required_message;
  std::optional<Expression> validate;
  OnPolicy on = OnPolicy::always;
  bool keep_false = false;  // the target is a boolean (or of unknown shape): false is a value
};

// The target record as a tree of members; leaves are fields or lists built by each:.
struct OutNode {
  std::string name;
  int field = -1;
  int list = -1;
  std::vector<OutNode> members;
  bool needs_existing = false;  // some field below compares with the existing record
};

struct CompiledEntry {
  std::optional<Expression> over;
  bool over_from_item = false;
  std::vector<std::string> over_path;  // `over` is a plain path: read it straight from the JSON
  bool over_is_path = false;
  std::optional<Expression> when;
  std::vector<CompiledField> fields;
  OutNode root;
};

struct CompiledList {
  std::string target;
  std::vector<CompiledEntry> entries;
};

// A plain path such as `src.products.resource.embedded`: its root and member names.
std::optional<std::pair<std::string, std::vector<std::string>>> plain_path(std::string_view text) {
  auto is_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  auto is_part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t b = text.find_first_not_of(" \t\r\n");
  size_t e = text.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos) return std::nullopt;
  text = text.substr(b, e - b + 1);
  std::vector<std::string> parts;
  size_t i = 0;
  while (true) {
    if (i >= text.size() || !is_start(text[i])) return std::nullopt;
    size_t start = i;
    while (i < text.size() && is_part(text[i])) ++i;
    parts.emplace_back(text.substr(start, i - start));
    if (i == text.size()) break;
    if (text[i] != '.') return std::nullopt;
    ++i;
  }
  if (parts.size() < 2 || (parts[0] != "src" && parts[0] != "item")) return std::nullopt;
  std::string root = parts[0];
  parts.erase(parts.begin());
  for (const auto& p : parts) {
    if (p == "true" || p == "false" || p == "null") return std::nullopt;
  }
  return std::make_pair(root, parts);
}

// A YAML scalar as a lookup value: quoted text stays text; plain scalars become null, booleans
// or numbers when they read as such.
Value yaml_value(const YAML::Node& node) {
  if (node.IsNull()) return Value();
  if (node.IsSequence()) {
    std::vector<Value> items;
    for (const auto& item : node) items.push_back(yaml_value(item));
    return Value::list(std::move(items));
  }
  if (node.IsMap()) {
    std::vector<std::pair<std::string, Value>> members;
    for (auto it = node.begin(); it != node.end(); ++it)
      members.emplace_back(it->first.Scalar(), yaml_value(it->second));
    return Value::object(std::move(members));
  }
  const std::string& s = node.Scalar();
  if (node.Tag() != "!") {
    if (s == "~" || s == "null" || s == "Null" || s == "NULL") return Value();
    if (s == "true" || s == "True" || s == "TRUE") return Value::boolean(true);
    if (s == "false" || s == "False" || s == "FALSE") return Value::boolean(false);
    if (auto d = Decimal::parse(s)) return Value::number(*d);
  }
  return Value::text(s);
}

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t comma = key.find(',', start);
    std::string part = key.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t b = part.find_first_not_of(" \t");
    size_t e = part.find_last_not_of(" \t");
    parts.push_back(b == std::string::npos ? std::string() : part.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parts;
}

bool absent(const Value& v, bool keep_false) {
  switch (v.kind()) {
    case Value::Kind::null:
      return true;
    case Value::Kind::string:
      return v.as_text().empty();
    case Value::Kind::boolean:
      return !keep_false && !v.as_bool();
    default:
      return false;
  }
}

bool json_empty(const rapidjson::Value* v) {
  return !v || v->IsNull() || v->IsFalse() || (v->IsString() && v->GetStringLength() == 0);
}

std::string describe(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::string: {
      std::string_view t = v.as_text();
      if (t.size() > 60) return fmt::format("text '{}…'", t.substr(0, 60));
      return fmt::format("text '{}'", t);
    }
    case Value::Kind::number:
      return fmt::format("the number {}", v.as_number().to_string());
    case Value::Kind::boolean:
      return v.as_bool() ? "true" : "false";
    default:
      return v.kind_name();
  }
}

// Everything a compiled mapping holds.
struct Compiled {
  FlowShape shape;
  // Declared before the expressions: they point at the tables.
  std::vector<std::unique_ptr<MappingTable>> tables;
  std::optional<Expression> when;
  std::vector<CompiledField> fields;
  std::vector<CompiledList> lists;
  OutNode root;
};

// ---------------------------------------------------------------------------------------------
// Compiling.

class Compiler {
 public:
  Compiler(Compiled& impl, const HostFunctions& host, Diagnostics& diags) : impl_(impl), diags_(diags) {
    source_shape_ = find_source_shape(impl.shape.source);
    target_shape_ = find_target_shape(impl.shape.target);
    if (!source_shape_) source_shape_ = &any_shape();
    if (!target_shape_) target_shape_ = &any_shape();
    env_.host_functions = host;
    env_.lookup_table = [this](std::string_view name) -> const LookupTable* {
      for (const auto& t : impl_.tables) {
        if (t->name() == name) return t.get();
      }
      return nullptr;
    };
  }

  void compile(const SpecSrc& spec) {
    for (const auto& t : spec.tables) table(t);
    if (spec.when) impl_.when = expression(*spec.when, nullptr);
    for (const auto& f : spec.fields) {
      if (auto c = field(f, *target_shape_, nullptr, claimed_)) impl_.fields.push_back(std::move(*c));
    }
    for (const auto& l : spec.lists) list(l);
    build_tree();
  }

 private:
  void table(const TableSrc& t) {
    const YAML::Node& node = *t.value;
    const YAML::Node& table_key = *t.key;
    if (!node.IsMap()) {
      diags_.at_node(
          *t.source, shown_node(node, table_key), t.path,
          fmt::format("expected a lookup table (a mapping of keys to values), got {}", kind_of(node)));
      return;
    }
    bool long_form = node["map"] || node["on_missing"] || node["keys"];
    for (auto it = node.begin(); it != node.end() && !long_form; ++it) long_form = it->second.IsMap();
    size_t key_count = 0;
    OnMissing on_missing = OnMissing::error;
    Value default_value;
    bool has_default = false;
    bool ok = true;
    std::optional<YAML::Node> entries;
    if (!long_form) entries.emplace(node);
    if (long_form) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        std::string key = it->first.Scalar();
        std::string path = fmt::format("{}.{}", t.path, key);
        const YAML::Node& v = it->second;
        if (key == "keys") {
          int64_t n = 0;
          auto digit = [](char c) { return c >= '0' && c <= '9'; };
          bool good = v.IsScalar() && !v.Scalar().empty() && v.Scalar().size() <= 2 &&
                      std::all_of(v.Scalar().begin(), v.Scalar().end(), digit) &&
                      (n = std::stoll(v.Scalar())) >= 1 && n <= 16;
          if (!good) {
            diags_.at_node(*t.source, shown_node(v, it->first), path,
                           "expected the number of keys, a whole number from 1 to 16");
            ok = false;
          } else {
            key_count = static_cast<size_t>(n);
          }
        } else if (key == "on_missing") {
          auto policy = v.IsScalar() ? parse_on_missing(v.Scalar()) : std::nullopt;
          if (!policy) {
            std::string given = v.IsScalar() ? v.Scalar() : kind_of(v);
            diags_.at_node(
                *t.source, shown_node(v, it->first), path,
                fmt::format("on_missing must be one of error, default, passthrough, skip_record; got "
                            "'{}'{}",
                            given, did_you_mean(given, kOnMissing)));
            ok = false;
          } else {
            on_missing = *policy;
          }
        } else if (key == "default") {
          default_value = yaml_value(v);
          has_default = true;
        } else if (key == "map") {
          if (!v.IsMap()) {
            diags_.at_node(*t.source, shown_node(v, it->first), path,
                           fmt::format("expected a mapping of keys to values, got {}", kind_of(v)));
            ok = false;
          } else {
            entries.emplace(v);
          }
        } else {
          diags_.at_node(
              *t.source, it->first, path,
              fmt::format("unknown key '{}' of a lookup table{}; the keys are keys, on_missing, default "
                          "and map",
                          key, did_you_mean(key, kTableKeys)));
          ok = false;
        }
      }
      if (!entries) {
        if (ok) diags_.at_node(*t.source, table_key, t.path, "a lookup table in the long form needs map:");
        ok = false;
      }
      if (on_missing == OnMissing::use_default && !has_default) {
        diags_.at_node(*t.source, table_key, t.path, "on_missing: default needs a default: value");
      }
    }
    // A table with problems (already reported) is still known, so its uses are not reported too.
    (void)ok;
    std::vector<std::pair<std::vector<std::string>, YAML::Node>> parsed;
    std::vector<YAML::Node> keys;
    if (!entries) entries.emplace(YAML::NodeType::Map);
    for (auto it = entries->begin(); it != entries->end(); ++it) {
      if (!it->first.IsScalar()) {
        diags_.at_node(*t.source, it->first, t.path, "a lookup key must be text such as NL or \"NL,21\"");
        ok = false;
        continue;
      }
      std::vector<std::string> parts =
          key_count == 1 ? std::vector<std::string>{it->first.Scalar()} : split_key(it->first.Scalar());
      parsed.emplace_back(std::move(parts), it->second);
      keys.push_back(it->first);
    }
    if (key_count == 0) {
      // Inferred from the keys: the part count of the first key that is not a lone "*".
      for (const auto& [parts, v] : parsed) {
        if (!(parts.size() == 1 && parts[0] == "*")) {
          key_count = parts.size();
          break;
        }
      }
      if (key_count == 0) key_count = 1;
    }
    auto table = std::make_unique<MappingTable>(t.name, key_count, on_missing, default_value);
    for (size_t i = 0; i < parsed.size(); ++i) {
      auto& [parts, v] = parsed[i];
      if (parts.size() == 1 && parts[0] == "*" && key_count > 1) parts.assign(key_count, "*");
      if (parts.size() != key_count) {
        diags_.at_node(
            *t.source, keys[i], fmt::format("{}.{}", t.path, keys[i].Scalar()),
            fmt::format("this key has {} part(s) but the table has {} key(s); write composite keys as "
                        "\"a,b\"",
                        parts.size(), key_count));
        ok = false;
        continue;
      }
      table->add(parts, yaml_value(v));
    }
    impl_.tables.push_back(std::move(table));
  }

  // Compiles an lsmx expression and checks the paths it reads. `item_shape` is the shape of
  // `item.` (nullptr where there is no item).
  std::optional<Expression> expression(const Located& at, const Shape* item_shape, size_t offset = 0,
                                       std::string_view text = {}) {
    if (text.empty() && offset == 0) text = at.text;
    std::vector<ExprDiagnostic> found;
    auto compiled = Expression::compile(text, env_, &found);
    if (!compiled) {
      if (found.empty()) found.push_back({TextPos{}, compiled.error().message});
      for (const auto& d : found) diags_.at_text(at, offset + d.pos.offset, d.message);
      return std::nullopt;
    }
    check_paths(*compiled, at, offset, item_shape);
    return std::move(*compiled);
  }

  void check_paths(const Expression& e, const Located& at, size_t offset, const Shape* item_shape) {
    for (const PathRef& ref : e.paths()) {
      const Shape* root = nullptr;
      if (ref.root == "src") {
        root = source_shape_;
      } else if (ref.root == "existing") {
        root = target_shape_;
      } else if (ref.root == "item") {
        if (!item_shape) {
          diags_.at_text(at, offset + ref.pos.offset,
                         "item. is only available inside an each: entry that has over:");
          continue;
        }
        root = item_shape;
      } else if (ref.root == "cfg") {
        if (!ref.segments.empty() &&
            std::find(kCfgKeys.begin(), kCfgKeys.end(), ref.segments[0]) == kCfgKeys.end()) {
          diags_.at_text(at, offset + ref.pos.offset,
                         fmt::format("unknown setting cfg.{}{}; cfg holds {}", ref.segments[0],
                                     did_you_mean(ref.segments[0], kCfgKeys), join_dotted(kCfgKeys)));
        }
        continue;
      } else {
        continue;
      }
      PathCheck check = walk_path(*root, ref.segments);
      if (check.bad_segment) {
        diags_.at_text(at, offset + segment_offset(e.text(), ref, *check.bad_segment), check.message);
      }
    }
  }

  // The byte offset of segment `index` of `ref` in `text`.
  static size_t segment_offset(const std::string& text, const PathRef& ref, size_t index) {
    size_t at = ref.pos.offset;
    for (size_t j = 0; j <= index && j < ref.segments.size(); ++j) {
      size_t found = text.find(ref.segments[j], at);
      if (found == std::string::npos) return ref.pos.offset;
      if (j == index) return found;
      at = found + ref.segments[j].size();
    }
    return ref.pos.offset;
  }

  std::optional<Template> message_template(const Located& at, const Shape* item_shape) {
    Template t;
    const std::string& s = at.text;
    size_t pos = 0;
    bool ok = true;
    while (pos <= s.size()) {
      size_t open = s.find("{{", pos);
      Template::Part part;
      part.literal = s.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
      if (open == std::string::npos) {
        t.parts.push_back(std::move(part));
        break;
      }
      size_t close = s.find("}}", open + 2);
      if (close == std::string::npos) {
        diags_.at_text(at, open, "'{{' without a closing '}}'");
        return std::nullopt;
      }
      part.expr =
          expression(at, item_shape, open + 2, std::string_view(s).substr(open + 2, close - open - 2));
      ok = ok && part.expr.has_value();
      t.parts.push_back(std::move(part));
      pos = close + 2;
    }
    if (!ok) return std::nullopt;
    return t;
  }

  // A target path: checked against the target shape below `base`. `list_allowed`: the path
  // names a list (each:), not a field.
  std::optional<PathCheck> target_path(const std::string& target, const Shape& base, const Source& source,
                                       const YAML::Node& key, const std::string& path, bool is_list) {
    auto segments = split_dotted(target);
    if (std::any_of(segments.begin(), segments.end(), [](const std::string& s) { return s.empty(); })) {
      diags_.at_node(source, key, path, fmt::format("'{}' is not a dotted field name", target));
      return std::nullopt;
    }
    PathCheck check = walk_path(base, segments);
    if (check.bad_segment) {
      diags_.at_node(source, key, path, check.message);
      return std::nullopt;
    }
    for (size_t i = 0; i < check.steps.size(); ++i) {
      const PathStep& step = check.steps[i];
      bool last = i + 1 == check.steps.size();
      bool complex_items = step.shape->kind != Shape::Kind::value;
      std::string prefix = join_dotted(std::span<const std::string>(segments).first(i + 1));
      if (step.list && (!last || (!is_list && complex_items))) {
        diags_.at_node(
            source, key, path,
            fmt::format("'{}' is a list in the target; map its items under each: {}", prefix, prefix));
        return std::nullopt;
      }
      if (last && is_list && !step.list && step.shape->kind != Shape::Kind::any) {
        diags_.at_node(source, key, path, fmt::format("'{}' is not a list in the target", target));
        return std::nullopt;
      }
    }
    return check;
  }

  std::optional<CompiledField> field(const FieldSrc& f, const Shape& base, const Shape* item_shape,
                                     std::vector<std::string>& claimed) {
    CompiledField out;
    out.target = f.target;
    const YAML::Node& field_key = *f.key;
    const YAML::Node& field_value = *f.value;
    auto check = target_path(f.target, base, *f.source, field_key, f.path, false);
    if (check && !claim(claimed, f.target, *f.source, field_key, f.path)) check.reset();
    if (check) {
      const Shape* last = check->steps.empty() ? &any_shape() : check->steps.back().shape;
      out.keep_false = last->kind == Shape::Kind::any || last->boolean;
    }
    bool ok = check.has_value();
    if (field_value.IsScalar()) {
      out.value = expression(locate(field_value, field_key, *f.source, f.path), item_shape);
      ok = ok && out.value.has_value();
    } else if (field_value.IsMap()) {
      bool has_value = false;
      for (auto it = field_value.begin(); it != field_value.end(); ++it) {
        std::string key = it->first.Scalar();
        std::string path = fmt::format("{}.{}", f.path, key);
        const YAML::Node& v = it->second;
        auto scalar = [&]() {
          if (v.IsScalar()) return true;
          diags_.at_node(*f.source, shown_node(v, it->first), path,
                         fmt::format("expected text, got {}", kind_of(v)));
          ok = false;
          return false;
        };
        if (key == "value") {
          has_value = true;
          if (scalar()) {
            out.value = expression(locate(v, it->first, *f.source, path), item_shape);
            ok = ok && out.value.has_value();
          }
        } else if (key == "default") {
          if (scalar()) {
            out.fallback = expression(locate(v, it->first, *f.source, path), item_shape);
            ok = ok && out.fallback.has_value();
          }
        } else if (key == "required") {
          if (!scalar()) continue;
          const std::string& s = v.Scalar();
          if (v.Tag() != "!" && (s == "true" || s == "false")) {
            out.required = s == "true";
          } else {
            out.required = true;
            out.required_message = message_template(locate(v, it->first, *f.source, path), item_shape);
            ok = ok && out.required_message.has_value();
          }
        } else if (key == "validate") {
          if (scalar()) {
            out.validate = expression(locate(v, it->first, *f.source, path), item_shape);
            ok = ok && out.validate.has_value();
          }
        } else if (key == "on") {
          if (!scalar()) continue;
          const std::string& s = v.Scalar();
          if (s == "always") {
            out.on = OnPolicy::always;
          } else if (s == "create") {
            out.on = OnPolicy::create;
          } else if (s == "update") {
            out.on = OnPolicy::update;
          } else if (s == "create_if_empty") {
            out.on = OnPolicy::create_if_empty;
          } else {
            diags_.at_node(
                *f.source, v, path,
                fmt::format("on must be one of create, update, always, create_if_empty; got '{}'{}", s,
                            did_you_mean(s, kOnPolicies)));
            ok = false;
          }
        } else {
          diags_.at_node(*f.source, it->first, path,
                         fmt::format("unknown key '{}' of a field{}; the keys are value, default, required, "
                                     "validate and on",
                                     key, did_you_mean(key, kFieldKeys)));
          ok = false;
        }
      }
      if (!has_value) {
        diags_.at_node(*f.source, field_key, f.path, "a field in the long form needs value:");
        ok = false;
      }
    } else {
      diags_.at_node(
          *f.source, field_value, f.path,
          fmt::format("expected an expression or a mapping with value, default, required, validate "
                      "and on; got {}",
                      kind_of(field_value)));
      ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void list(const ListSrc& l) {
    CompiledList out;
    out.target = l.target;
    auto check = target_path(l.target, *target_shape_, *l.source, *l.key, l.path, true);
    if (check && !claim(claimed_, l.target, *l.source, *l.key, l.path)) check.reset();
    const Shape* item_target = check && !check->steps.empty() ? check->steps.back().shape : &any_shape();
    bool ok = check.has_value();
    for (size_t i = 0; i < l.entries.size(); ++i) {
      const EntrySrc& e = l.entries[i];
      if (!e.source) continue;  // an index the user skipped (null)
      CompiledEntry entry;
      const Shape* item_shape = nullptr;
      if (e.over) {
        entry.over = expression(*e.over, nullptr);
        ok = ok && entry.over.has_value();
        item_shape = &any_shape();
        if (auto plain = plain_path(e.over->text)) {
          entry.over_is_path = true;
          entry.over_from_item = plain->first == "item";
          entry.over_path = plain->second;
          if (plain->first == "src") {
            PathCheck walked = walk_path(*source_shape_, entry.over_path);
            if (!walked.bad_segment && !walked.steps.empty()) item_shape = walked.steps.back().shape;
          }
        }
      }
      if (e.when) {
        entry.when = expression(*e.when, item_shape);
        ok = ok && entry.when.has_value();
      }
      if (e.fields.empty()) {
        diags_.at_node(*e.source, *e.node, e.path, "an each: entry needs fields:");
        ok = false;
      }
      std::vector<std::string> claimed;
      for (const auto& f : e.fields) {
        if (auto c = field(f, *item_target, item_shape, claimed)) {
          entry.fields.push_back(std::move(*c));
        } else {
          ok = false;
        }
      }
      out.entries.push_back(std::move(entry));
    }
    if (ok) impl_.lists.push_back(std::move(out));
  }

  // Inserts `segments` into the tree; returns the leaf, or nullptr when it clashes with another
  // target (one path a prefix of another).
  static OutNode* insert(OutNode& root, const std::vector<std::string>& segments) {
    OutNode* at = &root;
    for (size_t i = 0; i < segments.size(); ++i) {
      if (at->field >= 0 || at->list >= 0) return nullptr;
      auto it = std::find_if(at->members.begin(), at->members.end(),
                             [&](const OutNode& n) { return n.name == segments[i]; });
      if (it == at->members.end()) {
        at->members.push_back(OutNode{segments[i], -1, -1, {}, false});
        at = &at->members.back();
      } else {
        at = &*it;
      }
    }
    if (at->field >= 0 || at->list >= 0 || !at->members.empty()) return nullptr;
    return at;
  }

  static bool mark_existing(OutNode& node, const std::vector<CompiledField>& fields) {
    bool needs = node.field >= 0 && fields[static_cast<size_t>(node.field)].on == OnPolicy::create_if_empty;
    for (auto& m : node.members) needs = mark_existing(m, fields) || needs;
    node.needs_existing = needs || node.list >= 0;
    return node.needs_existing;
  }

  // Claims an absolute target path; false (and a diagnostic) when it clashes with one claimed
  // before: the same path, or one a prefix of the other (mapped as a whole and by its parts).
  bool claim(std::vector<std::string>& claimed, const std::string& target, const Source& source,
             const YAML::Node& key, const std::string& path) {
    for (const auto& other : claimed) {
      bool clash = other == target || (other.size() < target.size() && target.starts_with(other + ".")) ||
                   (target.size() < other.size() && other.starts_with(target + "."));
      if (clash) {
        diags_.at_node(
            source, key, path,
            fmt::format("'{}' clashes with the target '{}': a target is mapped either as a whole or by "
                        "its parts",
                        target, other));
        return false;
      }
    }
    claimed.push_back(target);
    return true;
  }

  void build_tree() {
    for (size_t i = 0; i < impl_.fields.size(); ++i) {
      OutNode* leaf = insert(impl_.root, split_dotted(impl_.fields[i].target));
      if (!leaf) continue;
      leaf->field = static_cast<int>(i);
    }
    for (size_t i = 0; i < impl_.lists.size(); ++i) {
      OutNode* leaf = insert(impl_.root, split_dotted(impl_.lists[i].target));
      if (!leaf) continue;
      leaf->list = static_cast<int>(i);
      for (auto& entry : impl_.lists[i].entries) {
        for (size_t j = 0; j < entry.fields.size(); ++j) {
          OutNode* item_leaf = insert(entry.root, split_dotted(entry.fields[j].target));
          if (!item_leaf) continue;
          item_leaf->field = static_cast<int>(j);
        }
        mark_existing(entry.root, entry.fields);
      }
    }
    mark_existing(impl_.root, impl_.fields);
  }

  Compiled& impl_;
  Diagnostics& diags_;
  CompileEnv env_;
  const Shape* source_shape_ = nullptr;
  const Shape* target_shape_ = nullptr;
  std::vector<std::string> claimed_;
};

// ---------------------------------------------------------------------------------------------
// Applying.

enum class Outcome { ok, skip, fail };

// Where an item of an each: list is, for error messages ("lineList.line[1].articleNumber").
struct ItemAt {
  const CompiledList* list = nullptr;
  size_t index = 0;
};

class Applier {
 public:
  Applier(const Compiled& impl, Alloc& alloc) : impl_(impl), alloc_(alloc) {}

  // Builds the members of `node` into the object `out`.
  Outcome object(const OutNode& node, const std::vector<CompiledField>& fields, const Scope& scope,
                 const rapidjson::Value* existing, ItemAt at, rapidjson::Value& out) {
    for (const OutNode& m : node.members) {
      const rapidjson::Value* existing_member = nullptr;
      if (m.needs_existing && existing && existing->IsObject()) {
        auto it = existing->FindMember(rapidjson::StringRef(m.name.data(), m.name.size()));
        if (it != existing->MemberEnd()) existing_member = &it->value;
      }
      rapidjson::Value built;
      if (m.field >= 0) {
        bool present = false;
        Outcome o = field(fields[static_cast<size_t>(m.field)], scope, existing_member, at, built, present);
        if (o != Outcome::ok) return o;
        if (!present) continue;
      } else if (m.list >= 0) {
        built.SetArray();
        Outcome o = list(impl_.lists[static_cast<size_t>(m.list)], scope, existing_member, built);
        if (o != Outcome::ok) return o;
        if (built.Empty()) continue;
      } else {
        built.SetObject();
        Outcome o = object(m, fields, scope, existing_member, at, built);
        if (o != Outcome::ok) return o;
        if (built.MemberCount() == 0) continue;
      }
      out.AddMember(rapidjson::Value(m.name.data(), static_cast<rapidjson::SizeType>(m.name.size()), alloc_),
                    built, alloc_);
    }
    return Outcome::ok;
  }

  Outcome when(const Expression& expr, const Scope& scope, bool& taken, const std::string& where) {
    auto v = expr.evaluate(scope);
    if (!v) {
      if (is_skip_record(v.error())) return Outcome::skip;
      return fail(fmt::format("{}when: {}", where, v.error().message));
    }
    if (v->kind() == Value::Kind::null) {
      taken = false;
    } else if (v->kind() == Value::Kind::boolean) {
      taken = v->as_bool();
    } else {
      return fail(fmt::format("{}when: expected true or false, got {}", where, describe(*v)));
    }
    return Outcome::ok;
  }

  Error error;

 private:
  Outcome fail(std::string message) {
    error = make_error(ErrorClass::permanent, std::move(message));
    return Outcome::fail;
  }

  static std::string where(const CompiledField& f, ItemAt at) {
    if (!at.list) return f.target;
    return fmt::format("{}[{}].{}", at.list->target, at.index, f.target);
  }

  Outcome field(const CompiledField& f, const Scope& scope, const rapidjson::Value* existing, ItemAt at,
                rapidjson::Value& out, bool& present) {
    const bool creating = !scope.existing || scope.existing->IsNull();
    switch (f.on) {
      case OnPolicy::always:
        break;
      case OnPolicy::create:
        if (!creating) return Outcome::ok;
        break;
      case OnPolicy::update:
        if (creating) return Outcome::ok;
        break;
      case OnPolicy::create_if_empty:
        if (!creating && !json_empty(existing)) return Outcome::ok;
        break;
    }
    auto v = f.value->evaluate(scope);
    if (!v) return eval_failed(f, at, v.error());
    Value value = std::move(*v);
    if (absent(value, f.keep_false) && f.fallback) {
      auto d = f.fallback->evaluate(scope);
      if (!d) return eval_failed(f, at, d.error());
      value = std::move(*d);
    }
    if (absent(value, f.keep_false)) {
      if (!f.required) return Outcome::ok;
      if (f.required_message)
        return fail(fmt::format("{}: {}", where(f, at), f.required_message->render(scope)));
      return fail(fmt::format("{} is required", where(f, at)));
    }
    if (f.validate) {
      Scope with_value = scope;
      with_value.value = &value;
      auto ok = f.validate->evaluate(with_value);
      if (!ok) return eval_failed(f, at, ok.error());
      if (ok->kind() != Value::Kind::boolean || !ok->as_bool()) {
        return fail(fmt::format("{}: {} does not pass validate: {}", where(f, at), describe(value),
                                f.validate->text()));
      }
    }
    value.write_json(out, alloc_);
    present = true;
    return Outcome::ok;
  }

  Outcome eval_failed(const CompiledField& f, ItemAt at, const Error& e) {
    if (is_skip_record(e)) return Outcome::skip;
    error = Error{e.cls, fmt::format("{}: {}", where(f, at), e.message)};
    return Outcome::fail;
  }

  // The JSON at a plain path, or nullptr.
  static const rapidjson::Value* walk(const rapidjson::Value* at, const std::vector<std::string>& path) {
    for (const auto& name : path) {
      if (!at || !at->IsObject()) return nullptr;
      auto it = at->FindMember(rapidjson::StringRef(name.data(), name.size()));
      if (it == at->MemberEnd()) return nullptr;
      at = &it->value;
    }
    return at;
  }

  Outcome item(const CompiledList& l, const CompiledEntry& entry, const Scope& scope,
               const rapidjson::Value* existing_list, rapidjson::Value& out) {
    ItemAt at{&l, out.Size()};
    if (entry.when) {
      bool taken = true;
      Outcome o = when(*entry.when, scope, taken, fmt::format("{}[{}]: ", l.target, at.index));
      if (o != Outcome::ok || !taken) return o;
    }
    const rapidjson::Value* existing_item = nullptr;
    if (existing_list && existing_list->IsArray() && at.index < existing_list->Size()) {
      existing_item = &(*existing_list)[static_cast<rapidjson::SizeType>(at.index)];
    }
    rapidjson::Value built(rapidjson::kObjectType);
    Outcome o = object(entry.root, entry.fields, scope, existing_item, at, built);
    if (o != Outcome::ok) return o;
    if (built.MemberCount() > 0) out.PushBack(built, alloc_);
    return Outcome::ok;
  }

  Outcome list(const CompiledList& l, const Scope& scope, const rapidjson::Value* existing_list,
               rapidjson::Value& out) {
    for (const CompiledEntry& entry : l.entries) {
      if (!entry.over) {
        Outcome o = item(l, entry, scope, existing_list, out);
        if (o != Outcome::ok) return o;
        continue;
      }
      const rapidjson::Value* items = nullptr;
      rapidjson::Document computed;
      if (entry.over_is_path) {
        items = walk(entry.over_from_item ? scope.item : scope.src, entry.over_path);
      } else {
        auto v = entry.over->evaluate(scope);
        if (!v) {
          if (is_skip_record(v.error())) return Outcome::skip;
          return fail(fmt::format("{}: over: {}", l.target, v.error().message));
        }
        v->write_json(computed, computed.GetAllocator());
        items = &computed;
      }
      if (json_empty(items)) continue;
      if (!items->IsArray()) {
        return fail(
            fmt::format("{}: over: expected a list, got {}", l.target, describe(Value::json(*items))));
      }
      for (const auto& source_item : items->GetArray()) {
        Scope with_item = scope;
        with_item.item = &source_item;
        Outcome o = item(l, entry, with_item, existing_list, out);
        if (o != Outcome::ok) return o;
      }
    }
    return Outcome::ok;
  }

  const Compiled& impl_;
  Alloc& alloc_;
};

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

struct FlowMapping::Impl : Compiled {};

FlowMapping::FlowMapping(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FlowMapping::FlowMapping(FlowMapping&&) noexcept = default;
FlowMapping& FlowMapping::operator=(FlowMapping&&) noexcept = default;
FlowMapping::~FlowMapping() = default;

const FlowShape& FlowMapping::shape() const {
  return impl_->shape;
}

Result<FlowMapping> FlowMapping::compile(std::string_view flow, const YAML::Node* user_section,
                                         const std::string& config_file, const HostFunctions& host,
                                         std::vector<MappingDiagnostic>* diagnostics) {
  const FlowShape* shape = find_flow_shape(flow);
  auto yaml = default_mapping_yaml(flow);
  if (!shape || !yaml) {
    std::vector<std::string> names;
    for (const auto& s : flow_shapes()) names.push_back(s.flow);
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    return make_error(ErrorClass::config, fmt::format("no mapping named '{}'{}; the mappings are {}", flow,
                                                      did_you_mean(flow, names), known));
  }
  auto impl = std::make_unique<Impl>();
  impl->shape = *shape;
  const std::string path = fmt::format("flows.{}", flow);

  Source default_source{fmt::format("<default {} mapping>", flow), std::string(*yaml)};
  Source user_source{config_file, read_text(config_file)};
  Diagnostics diags;
  SpecSrc spec;
  Merger merger(spec, diags);
  YAML::Node default_root;
  try {
    default_root = YAML::Load(default_source.text->c_str());
  } catch (const YAML::Exception& e) {
    return make_error(ErrorClass::internal, fmt::format("{}: the built-in mapping is not valid YAML: {}",
                                                        default_source.file, e.what()));
  }
  merger.section(default_root, default_source, path, true);
  if (user_section && user_section->IsDefined()) merger.section(*user_section, user_source, path, false);

  Compiler compiler(*impl, host, diags);
  compiler.compile(spec);

  if (!diags.list.empty()) {
    std::stable_sort(diags.list.begin(), diags.list.end(),
                     [](const MappingDiagnostic& a, const MappingDiagnostic& b) {
                       if (a.file != b.file) return a.file.starts_with("<") < b.file.starts_with("<");
                       return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                     });
    std::string message;
    for (const auto& d : diags.list) {
      if (!message.empty()) message += '\n';
      message += d.to_string();
    }
    if (diagnostics) *diagnostics = diags.list;
    return make_error(ErrorClass::config, std::move(message));
  }
  if (diagnostics) diagnostics->clear();
  return FlowMapping(std::move(impl));
}

Result<bool> FlowMapping::accepts(const Scope& scope) const {
  if (!impl_->when) return true;
  auto v = impl_->when->evaluate(scope);
  if (!v) {
    if (is_skip_record(v.error())) return false;
    return make_error(ErrorClass::permanent, fmt::format("when: {}", v.error().message));
  }
  if (v->is_null()) return false;
  if (v->kind() != Value::Kind::boolean) {
    return make_error(ErrorClass::permanent,
                      fmt::format("when: expected true or false, got {}", describe(*v)));
  }
  return v->as_bool();
}

Result<std::optional<rapidjson::Document>> FlowMapping::map(const Scope& scope) const {
  rapidjson::Document out(rapidjson::kObjectType);
  Applier applier(*impl_, out.GetAllocator());
  switch (applier.object(impl_->root, impl_->fields, scope, scope.existing, ItemAt{}, out)) {
    case Outcome::ok:
      return std::optional<rapidjson::Document>(std::move(out));
    case Outcome::skip:
      return std::optional<rapidjson::Document>();
    case Outcome::fail:
      break;
  }
  return applier.error;
}

}  // namespace lsmplus::mapping
