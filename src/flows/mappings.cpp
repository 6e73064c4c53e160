#include "lsmplus/flows/mappings.hpp"

#include <fmt/format.h>

#include "lsmplus/mapping/value.hpp"

namespace lsmplus::flows {

rapidjson::Document mapping_cfg(const config::Config& config) {
  rapidjson::Document cfg(rapidjson::kObjectType);
  auto& a = cfg.GetAllocator();
  cfg.AddMember("branch", config.mplus.branch, a);
  cfg.AddMember("employee_number", config.mplus.employee_number, a);
  if (config.mplus.workplace) cfg.AddMember("workplace", *config.mplus.workplace, a);
  if (config.orders.shipping_article) cfg.AddMember("shipping_article", *config.orders.shipping_article, a);
  if (config.orders.payment_article) cfg.AddMember("payment_article", *config.orders.payment_article, a);
  if (config.orders.default_debtor) cfg.AddMember("default_debtor", *config.orders.default_debtor, a);
  cfg.AddMember("language", rapidjson::Value(config.lightspeed.language.c_str(), a), a);
  return cfg;
}

Result<mapping::FlowMapping> compile_mapping(const std::string& name, const config::Config* config,
                                             const mapping::HostFunctions& host,
                                             std::vector<mapping::MappingDiagnostic>* diagnostics) {
  const YAML::Node* section = nullptr;
  if (config) {
    auto it = config->mapping_sections.find(name);
    if (it != config->mapping_sections.end()) section = &it->second;
  }
  return mapping::FlowMapping::compile(name, section, config ? config->path : std::string("<no config>"), host,
                                       diagnostics);
}

namespace {

std::string text_of(const mapping::Value& item, const char* key) {
  mapping::Value v = item.member(key);
  if (v.kind() == mapping::Value::Kind::string) return std::string(v.as_text());
  if (v.kind() == mapping::Value::Kind::number) return v.as_number().to_string();
  return {};
}

}  // namespace

mapping::CompileEnv::HostFunction article_function(ArticleResolver resolve) {
  mapping::CompileEnv::HostFunction f;
  f.name = "article";
  f.min_args = 1;
  f.max_args = 1;
  f.call = [resolve = std::move(resolve)](const std::vector<mapping::Value>& args) -> Result<mapping::Value> {
    const mapping::Value& item = args[0];
    if (item.kind() != mapping::Value::Kind::object) {
      return make_error(ErrorClass::permanent, fmt::format("article(): expected an order line, got {}", item.kind_name()));
    }
    LineKeys keys{text_of(item, "sku"), text_of(item, "ean"), text_of(item, "articleCode")};
    auto found = resolve(keys);
    if (!found) return found.error();
    if (!*found) return mapping::Value();
    return mapping::Value::integer(**found);
  };
  return f;
}

mapping::HostFunctions host_functions(ArticleResolver resolve) { return {article_function(std::move(resolve))}; }

}  // namespace lsmplus::flows
