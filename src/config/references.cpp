#include "config/references.hpp"

namespace lsmplus::config {

namespace {

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

Expansion expand_references(std::string_view text, const EnvLookup& env) {
  Expansion out;
  size_t references = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out.text += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out.text += text[i++];
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.syntax_error = "unterminated ${ reference (write $${ for a literal ${)";
      return out;
    }
    std::string_view body = text.substr(i + 2, close - i - 2);
    std::string_view name = body;
    std::optional<std::string_view> fallback;
    if (size_t sep = body.find(":-"); sep != std::string_view::npos) {
      name = body.substr(0, sep);
      fallback = body.substr(sep + 2);
    }
    if (!valid_name(name)) {
      out.syntax_error = "invalid reference ${" + std::string(name) +
                         "}: a variable name has letters, digits and underscores";
      return out;
    }
    if (references++ == 0) out.first_variable = std::string(name);
    if (auto value = env(std::string(name))) {
      out.text += *value;
    } else if (fallback) {
      out.text += *fallback;
    } else {
      out.unset.emplace_back(name);
    }
    if (i == 0 && close + 1 == text.size()) out.whole_reference = true;
    i = close + 1;
  }
  return out;
}

bool has_reference(std::string_view text) {
  for (size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i + 2)) {
    if (i == 0 || text[i - 1] != '$') return true;
  }
  return false;
}

}  // namespace lsmplus::config
