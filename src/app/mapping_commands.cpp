// The datamapper's commands: lint, map and test. All offline: no API call, no credentials.
#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lsmplus/app/commands.hpp"
#include "lsmplus/config/config.hpp"
#include "lsmplus/flows/mappings.hpp"
#include "lsmplus/mapping/flow_mapping.hpp"
#include "lsmplus/mplus/soap_codec.hpp"
#include "lsmplus/ops/log.hpp"
#include "lsmplus/util/time.hpp"

namespace lsmplus::app {

namespace fs = std::filesystem;

namespace {


// The config for offline commands: the file if one is named or ./lsmplus.yaml exists; none
// otherwise (the default mappings alone). Loaded in offline mode: unset variables are fine.
Result<std::optional<config::Config>> offline_config(const GlobalOptions& global) {
  auto env = config::process_env();
  bool named = global.config_path || env("LSMPLUS_CONFIG");
  std::string path = config::resolve_path(global.config_path);
  std::error_code ec;
  if (!named && !fs::exists(path, ec)) return std::optional<config::Config>{};
  auto loaded = config::load(path, env, config::LoadMode::offline);
  if (!loaded) return loaded.error();
  return std::optional<config::Config>(std::move(*loaded));
}

rapidjson::Document default_cfg() {
  rapidjson::Document cfg(rapidjson::kObjectType);
  cfg.AddMember("branch", 1, cfg.GetAllocator());
  cfg.AddMember("employee_number", 999999, cfg.GetAllocator());
  cfg.AddMember("language", "nl", cfg.GetAllocator());
  return cfg;
}

std::string to_json(const rapidjson::Value& v, bool pretty) {
  rapidjson::StringBuffer buf;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    v.Accept(w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
  }
  return buf.GetString();
}

// Reads a JSON file ("-" is stdin); an `input` Error names the file, offset and reason.
Result<rapidjson::Document> read_json(const std::string& path) {
  std::string text;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorClass::input, fmt::format("{}: cannot read the file", path));
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    size_t offset = doc.GetErrorOffset();
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
    return make_error(ErrorClass::input, fmt::format("{}:{}: invalid JSON at byte {}: {}", path, line, offset,
                                                     rapidjson::GetParseError_En(doc.GetParseError())));
  }
  return doc;
}

// A Lightspeed document comes in its one-key envelope ({"order": {...}}); the mapping reads the
// record inside.
const rapidjson::Value& unwrap(const rapidjson::Value& doc, const mapping::FlowShape& shape) {
  if (shape.source.rfind("lightspeed.", 0) == 0 && doc.IsObject() && doc.MemberCount() == 1 &&
      doc.MemberBegin()->value.IsObject()) {
    return doc.MemberBegin()->value;
  }
  return doc;
}

// article(item) without a state store: a numeric SKU is the article number; other keys are
// looked up in ctx.articles ({"TS-RED-M": 1003, "8712345000161": 1016}).
flows::ArticleResolver offline_articles(const rapidjson::Value& ctx) {
  std::map<std::string, int64_t> table;
  if (ctx.IsObject() && ctx.HasMember("articles") && ctx["articles"].IsObject()) {
    for (const auto& m : ctx["articles"].GetObject()) {
      if (m.value.IsInt64()) table[m.name.GetString()] = m.value.GetInt64();
    }
  }
  return [table](const flows::LineKeys& keys) -> Result<std::optional<int64_t>> {
    int64_t number = 0;
    const auto& sku = keys.sku;
    auto [p, ec] = std::from_chars(sku.data(), sku.data() + sku.size(), number);
    if (!sku.empty() && ec == std::errc() && p == sku.data() + sku.size() && number > 0) return std::optional(number);
    for (const auto* key : {&keys.sku, &keys.ean, &keys.article_code}) {
      if (auto it = table.find(*key); !key->empty() && it != table.end()) return std::optional(it->second);
    }
    return std::optional<int64_t>{};
  };
}

// The JSON file at `path` when one is named, nullopt when not; an `input` Error when it is named
// but cannot be read or is not JSON.
Result<std::optional<rapidjson::Document>> read_optional_json(const std::optional<std::string>& path) {
  if (!path) return std::optional<rapidjson::Document>{};
  auto doc = read_json(*path);
  if (!doc) return doc.error();
  return std::optional<rapidjson::Document>(std::move(*doc));
}

// A fixture's companion file (NAME.ctx.json, NAME.existing.json) when it exists.
std::optional<std::string> companion(const std::string& base, const char* suffix) {
  std::error_code ec;
  std::string path = base + suffix;
  return fs::exists(path, ec) ? std::optional<std::string>(path) : std::nullopt;
}

rapidjson::Document default_ctx() {
  rapidjson::Document ctx(rapidjson::kObjectType);
  ctx.AddMember("shop_id", "000000", ctx.GetAllocator());
  ctx.AddMember("relation_number", 0, ctx.GetAllocator());
  return ctx;
}

// The outcome of mapping one record offline.
struct MapOutcome {
  std::optional<rapidjson::Document> target;  // nullopt: left out (when: or skip_record)
  std::string left_out_reason;
};

// Maps one record with `name`'s mapping as `lsmplus map` and `lsmplus test` do.
class OfflineMapper {
 public:
  static Result<OfflineMapper> create(const std::string& name, const std::optional<config::Config>& config) {
    if (!mapping::find_flow_shape(name)) {
      return make_error(ErrorClass::usage, fmt::format("unknown mapping '{}' (mappings: {})", name, mapping_names()));
    }
    OfflineMapper m;
    m.cfg_ = config ? flows::mapping_cfg(*config) : default_cfg();
    // article() is bound per record (its table comes from the record's ctx); compile against a
    // forwarding function.
    auto host = flows::host_functions([&resolver = *m.resolver_](const flows::LineKeys& keys) { return resolver(keys); });
    auto compiled = flows::compile_mapping(name, config ? &*config : nullptr, host);
    if (!compiled) return compiled.error();
    m.mapping_ = std::make_unique<mapping::FlowMapping>(std::move(*compiled));
    return m;
  }

  const mapping::FlowShape& shape() const { return mapping_->shape(); }

  Result<MapOutcome> map(const rapidjson::Value& input, const rapidjson::Value& ctx, const rapidjson::Value* existing) {
    *resolver_ = offline_articles(ctx);
    mapping::Scope scope;
    scope.src = &unwrap(input, shape());
    scope.cfg = &cfg_;
    scope.ctx = &ctx;
    scope.existing = existing;
    scope.now_unix = util::now_unix();
    auto accepted = mapping_->accepts(scope);
    if (!accepted) return accepted.error();
    if (!*accepted) return MapOutcome{std::nullopt, "left out by the mapping's when: filter"};
    auto mapped = mapping_->map(scope);
    if (!mapped) return mapped.error();
    if (!*mapped) return MapOutcome{std::nullopt, "left out by a lookup with on_missing: skip_record"};
    return MapOutcome{std::move(*mapped), ""};
  }

  static std::string mapping_names() {
    std::string out;
    for (const auto& s : mapping::flow_shapes()) out += (out.empty() ? "" : ", ") + s.flow;
    return out;
  }

 private:
  OfflineMapper() = default;
  rapidjson::Document cfg_;
  std::unique_ptr<flows::ArticleResolver> resolver_ = std::make_unique<flows::ArticleResolver>();
  std::unique_ptr<mapping::FlowMapping> mapping_;
};

int fail(const Error& e) {
  std::fprintf(stderr, "%s\n", ops::redact(e.message).c_str());
  return exit_code_for(e.cls);
}

// Field-by-field differences between two JSON values, as "- path: expected" / "+ path: actual".
void diff(const rapidjson::Value& expected, const rapidjson::Value& actual, const std::string& path,
          std::vector<std::string>& out) {
  if (expected.IsObject() && actual.IsObject()) {
    for (const auto& m : expected.GetObject()) {
      std::string p = path.empty() ? m.name.GetString() : path + "." + m.name.GetString();
      auto it = actual.FindMember(m.name);
      if (it == actual.MemberEnd()) {
        out.push_back(fmt::format("- {}: {}", p, to_json(m.value, false)));
        out.push_back(fmt::format("+ {}: (absent)", p));
      } else {
        diff(m.value, it->value, p, out);
      }
    }
    for (const auto& m : actual.GetObject()) {
      if (!expected.HasMember(m.name)) {
        std::string p = path.empty() ? m.name.GetString() : path + "." + m.name.GetString();
        out.push_back(fmt::format("- {}: (absent)", p));
        out.push_back(fmt::format("+ {}: {}", p, to_json(m.value, false)));
      }
    }
    return;
  }
  if (expected.IsArray() && actual.IsArray()) {
    rapidjson::SizeType n = std::max(expected.Size(), actual.Size());
    for (rapidjson::SizeType i = 0; i < n; ++i) {
      std::string p = fmt::format("{}[{}]", path, i);
      if (i >= actual.Size()) {
        out.push_back(fmt::format("- {}: {}", p, to_json(expected[i], false)));
        out.push_back(fmt::format("+ {}: (absent)", p));
      } else if (i >= expected.Size()) {
        out.push_back(fmt::format("- {}: (absent)", p));
        out.push_back(fmt::format("+ {}: {}", p, to_json(actual[i], false)));
      } else {
        diff(expected[i], actual[i], p, out);
      }
    }
    return;
  }
  if (expected != actual) {
    out.push_back(fmt::format("- {}: {}", path.empty() ? "(record)" : path, to_json(expected, false)));
    out.push_back(fmt::format("+ {}: {}", path.empty() ? "(record)" : path, to_json(actual, false)));
  }
}

}  // namespace

int lint(const GlobalOptions& global) {
  std::string path = config::resolve_path(global.config_path);
  auto config = config::load(path, config::process_env(), config::LoadMode::offline);
  if (!config) {
    std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return exit_code_for(config.error().cls);
  }
  for (const auto& warning : config->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  // Every mapping the config overrides, and the built flows' mappings in any case.
  std::vector<std::string> names{"orders", "orders.relation"};
  for (const auto& [name, node] : config->mapping_sections) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::vector<std::string> problems;
  auto host = flows::host_functions([](const flows::LineKeys&) { return Result<std::optional<int64_t>>(std::nullopt); });
  for (const auto& name : names) {
    if (!mapping::find_flow_shape(name)) continue;  // a flow without a mapping (none today)
    std::vector<mapping::MappingDiagnostic> diagnostics;
    auto compiled = flows::compile_mapping(name, &*config, host, &diagnostics);
    if (compiled) continue;
    if (diagnostics.empty()) problems.push_back(compiled.error().message);
    for (const auto& d : diagnostics) problems.push_back(d.to_string());
  }
  if (!problems.empty()) {
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    std::fprintf(stderr, "%zu problem(s) in %s\n", problems.size(), path.c_str());
    return exit_code_for(ErrorClass::config);
  }
  std::printf("%s: ok (config and %zu mappings)\n", path.c_str(), names.size());
  return kExitOk;
}

int map(const MapOptions& options, const GlobalOptions& global) {
  if (options.show_default) {
    auto yaml = mapping::default_mapping_yaml(options.flow);
    if (!yaml) {
      std::fprintf(stderr, "lsmplus: unknown mapping '%s' (mappings: %s)\n", options.flow.c_str(),
                   OfflineMapper::mapping_names().c_str());
      return exit_code_for(ErrorClass::usage);
    }
    std::fwrite(yaml->data(), 1, yaml->size(), stdout);
    return kExitOk;
  }
  if (!options.input) {
    std::fprintf(stderr, "lsmplus map: give --input RECORD.json (or --show-default)\n");
    return exit_code_for(ErrorClass::usage);
  }
  auto config = offline_config(global);
  if (!config) return fail(config.error());
  auto mapper = OfflineMapper::create(options.flow, *config);
  if (!mapper) return fail(mapper.error());
  if (options.format == "xml" && mapper->shape().operation.empty()) {
    std::fprintf(stderr, "lsmplus map: the %s mapping writes to %s, which has no XML form; use --format json\n",
                 options.flow.c_str(), mapper->shape().target.c_str());
    return exit_code_for(ErrorClass::usage);
  }
  auto input = read_json(*options.input);
  if (!input) return fail(input.error());
  auto ctx = read_optional_json(options.ctx);
  if (!ctx) return fail(ctx.error());
  auto existing = read_optional_json(options.existing);
  if (!existing) return fail(existing.error());
  const rapidjson::Document fallback_ctx = default_ctx();
  auto outcome = mapper->map(*input, *ctx ? **ctx : fallback_ctx, *existing ? &**existing : nullptr);
  if (!outcome) return fail(outcome.error());
  if (!outcome->target) {
    std::fprintf(stderr, "the record was %s\n", outcome->left_out_reason.c_str());
    return kExitOk;
  }
  if (options.format == "xml") {
    rapidjson::Document request(rapidjson::kObjectType);
    auto& a = request.GetAllocator();
    rapidjson::Value record;
    record.CopyFrom(*outcome->target, a);
    request.AddMember(rapidjson::Value(mapper->shape().request_key.c_str(), a), record, a);
    auto xml = mplus::encode_request(mapper->shape().operation, request);
    if (!xml) return fail(xml.error());
    std::printf("%s\n", xml->c_str());
    return kExitOk;
  }
  std::printf("%s\n", to_json(*outcome->target, true).c_str());
  return kExitOk;
}

int test(const std::string& dir, const std::optional<std::string>& flow, const GlobalOptions& global) {
  auto config = offline_config(global);
  if (!config) return fail(config.error());
  // (mapping name, folder) pairs to run.
  std::vector<std::pair<std::string, fs::path>> suites;
  std::error_code ec;
  if (flow) {
    suites.emplace_back(*flow, dir);
  } else {
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_directory() && mapping::find_flow_shape(entry.path().filename().string())) {
        suites.emplace_back(entry.path().filename().string(), entry.path());
      }
    }
    if (ec) {
      std::fprintf(stderr, "lsmplus test: cannot read %s: %s\n", dir.c_str(), ec.message().c_str());
      return exit_code_for(ErrorClass::usage);
    }
    std::sort(suites.begin(), suites.end());
  }
  int passed = 0, failed = 0;
  for (const auto& [name, folder] : suites) {
    auto mapper = OfflineMapper::create(name, *config);
    if (!mapper) return fail(mapper.error());
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      const std::string file = entry.path().filename().string();
      if (file.size() > 8 && file.ends_with(".in.json")) inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& in : inputs) {
      std::string base = in.string().substr(0, in.string().size() - std::string(".in.json").size());
      std::string label = name + "/" + fs::path(base).filename().string();
      auto report_failure = [&](const std::string& why, const std::vector<std::string>& lines = {}) {
        ++failed;
        std::printf("FAIL %s: %s\n", label.c_str(), why.c_str());
        for (const auto& l : lines) std::printf("    %s\n", l.c_str());
      };
      auto input = read_json(in.string());
      auto expected = read_json(base + ".out.json");
      if (!input || !expected) {
        report_failure(!input ? input.error().message : expected.error().message);
        continue;
      }
      auto ctx = read_optional_json(companion(base, ".ctx.json"));
      auto existing = read_optional_json(companion(base, ".existing.json"));
      if (!ctx || !existing) {
        report_failure(!ctx ? ctx.error().message : existing.error().message);
        continue;
      }
      const rapidjson::Document fallback_ctx = default_ctx();
      auto outcome = mapper->map(*input, *ctx ? **ctx : fallback_ctx, *existing ? &**existing : nullptr);
      if (!outcome) {
        report_failure("the mapping rejected the record: " + outcome.error().message);
        continue;
      }
      if (!outcome->target) {
        if (expected->IsNull()) {
          ++passed;
          std::printf("ok   %s (left out, as expected)\n", label.c_str());
        } else {
          report_failure("the record was " + outcome->left_out_reason + "; expected a target record");
        }
        continue;
      }
      std::vector<std::string> lines;
      diff(*expected, *outcome->target, "", lines);
      if (lines.empty()) {
        ++passed;
        std::printf("ok   %s\n", label.c_str());
      } else {
        report_failure("the mapped record differs (- expected, + got)", lines);
      }
    }
  }
  if (passed + failed == 0) {
    std::fprintf(stderr, "lsmplus test: no fixtures (NAME.in.json with NAME.out.json) found under %s\n", dir.c_str());
    return exit_code_for(ErrorClass::usage);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed > 0 ? kExitPartial : kExitOk;
}

}  // namespace lsmplus::app
