#include "lsmplus/config/config.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "support/paths.hpp"

namespace fs = std::filesystem;
using lsmplus::ErrorClass;
using lsmplus::config::Config;
using lsmplus::config::EnvLookup;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const std::map<std::string, std::string> kSecrets{
    {"LS_KEY", "key-0123456789"}, {"LS_SECRET", "s3cr3t-ls"}, {"MPLUS_IDENT", "ident-abc"}, {"MPLUS_SECRET", "s3cr3t-mp"}};

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

// A valid config; each line's number is its 1-based line in the file.
const std::string kValid =
    "lightspeed:\n"                              // 1
    "  cluster: eu1\n"                           // 2
    "  api_key: ${LS_KEY}\n"                     // 3
    "  api_secret: ${LS_SECRET}\n"               // 4
    "mplus:\n"                                   // 5
    "  url: https://api.mpluskassa.nl:34567/\n"  // 6
    "  ident: ${MPLUS_IDENT}\n"                  // 7
    "  secret: ${MPLUS_SECRET}\n"                // 8
    "  branch: 2\n"                              // 9
    "flows:\n"                                   // 10
    "  orders:\n"                                // 11
    "    statuses: [processing_awaiting_shipment, completed]\n"  // 12
    "    shipping_article: 900001\n";                            // 13

struct Loaded {
  fs::path dir;
  fs::path file;
  lsmplus::Result<Config> result;
};

Loaded load_text(const std::string& text, std::map<std::string, std::string> vars = kSecrets) {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-config");
  fs::path file = write(dir, "shop.yaml", text);
  auto result = lsmplus::config::load(file.string(), env_of(std::move(vars)));
  return {dir, file, std::move(result)};
}

// The error message of a load that must fail, with the temp folder replaced by "DIR".
std::string errors_of(const std::string& text, std::map<std::string, std::string> vars = kSecrets) {
  Loaded l = load_text(text, std::move(vars));
  REQUIRE_FALSE(l.result.ok());
  CHECK(l.result.error().cls == ErrorClass::config);
  std::string message = l.result.error().message;
  std::string prefix = l.file.string();
  for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix))
    message.replace(at, prefix.size(), "shop.yaml");
  return message;
}

std::string replace_line(const std::string& text, int line, const std::string& replacement) {
  std::string out;
  int n = 1;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string current = text.substr(start, end - start);
    out += (n == line ? replacement : current) + "\n";
    start = end + 1;
    ++n;
  }
  return out;
}

}  // namespace

TEST_CASE("a valid config loads with its defaults and resolved values", "[config]") {
  Loaded l = load_text(kValid);
  REQUIRE(l.result.ok());
  const Config& c = *l.result;
  CHECK(c.lightspeed.cluster == "eu1");
  CHECK(c.lightspeed.base_url == "https://api.webshopapp.com");
  CHECK(c.lightspeed.language == "nl");
  CHECK(c.lightspeed.api_key.value == "key-0123456789");
  CHECK(c.lightspeed.api_key.reference == "${LS_KEY}");
  CHECK(c.lightspeed.requests_per_second == 10);
  CHECK(c.mplus.url == "https://api.mpluskassa.nl:34567");
  CHECK(c.mplus.branch == 2);
  CHECK(c.mplus.employee_number == 999999);
  CHECK_FALSE(c.mplus.workplace.has_value());
  CHECK(c.mplus.http.verify_tls);
  CHECK(c.log.format == "text");
  CHECK(c.orders.statuses == std::vector<std::string>{"processing_awaiting_shipment", "completed"});
  CHECK(c.orders.shipping_article == 900001);
  CHECK(c.orders.lookback_minutes == 120);
  CHECK(c.flows_present == std::vector<std::string>{"orders"});
  CHECK(c.state_path == (l.dir / "lsmplus.db").string());
  CHECK(c.warnings.empty());
}

TEST_CASE("cluster us1 resolves to the US API host", "[config]") {
  Loaded l = load_text(replace_line(kValid, 2, "  cluster: us1"));
  REQUIRE(l.result.ok());
  CHECK(l.result->lightspeed.base_url == "https://api.shoplightspeed.com");
}

TEST_CASE("base_url is taken as given without trailing slash and with ${} expanded", "[config]") {
  auto vars = kSecrets;
  vars["PORT"] = "18081";
  Loaded l = load_text(replace_line(kValid, 2, "  base_url: http://127.0.0.1:${PORT}/"), vars);
  REQUIRE(l.result.ok());
  CHECK(l.result->lightspeed.cluster.empty());
  CHECK(l.result->lightspeed.base_url == "http://127.0.0.1:18081");
}

TEST_CASE("cluster and base_url together, or neither, are errors", "[config]") {
  std::string both = replace_line(kValid, 2, "  cluster: eu1\n  base_url: http://localhost:1");
  CHECK(errors_of(both) == "shop.yaml:3:3: lightspeed.base_url: give either cluster or base_url, not both");
  std::string neither = replace_line(kValid, 2, "  language: en");
  CHECK(errors_of(neither) == "shop.yaml:1:1: lightspeed.cluster: missing required key (or give base_url)");
}

TEST_CASE("an unknown cluster names the choices", "[config]") {
  CHECK(errors_of(replace_line(kValid, 2, "  cluster: eu2")) ==
        "shop.yaml:2:12: lightspeed.cluster: expected one of eu1, us1, got 'eu2' (did you mean 'eu1'?)");
}

TEST_CASE("an unknown key is reported with line, column and a suggestion", "[config]") {
  std::string text = replace_line(kValid, 9, "  employe_number: 1");
  CHECK(errors_of(text) == "shop.yaml:9:3: mplus.employe_number: unknown key (did you mean 'employee_number'?)");
}

TEST_CASE("an unknown key with nothing close gets no suggestion", "[config]") {
  CHECK(errors_of(kValid + "colour: blue\n") == "shop.yaml:14:1: colour: unknown key");
}

TEST_CASE("a prefix of a known key is suggested", "[config]") {
  CHECK(errors_of(replace_line(kValid, 9, "  employee: 5")) ==
        "shop.yaml:9:3: mplus.employee: unknown key (did you mean 'employee_number'?)");
}

TEST_CASE("a wrong type names what was expected and what was given", "[config]") {
  CHECK(errors_of(replace_line(kValid, 9, "  branch: abc")) ==
        "shop.yaml:9:11: mplus.branch: expected an integer, got 'abc'");
  CHECK(errors_of(replace_line(kValid, 9, "  branch: [1, 2]")) ==
        "shop.yaml:9:11: mplus.branch: expected an integer, got a list");
  CHECK(errors_of(replace_line(kValid, 12, "    statuses: completed")) ==
        "shop.yaml:12:15: flows.orders.statuses: expected a list of order statuses such as "
        "[processing_awaiting_shipment], got a scalar");
  CHECK(errors_of(kValid + "log:\n  format: yaml\n") ==
        "shop.yaml:15:11: log.format: expected one of text, json, got 'yaml'");
  CHECK(errors_of(replace_line(kValid, 9, "  http: {verify_tls: maybe}")) ==
        "shop.yaml:9:22: mplus.http.verify_tls: expected true or false, got 'maybe'");
}

TEST_CASE("a value from the environment that has the wrong type shows both forms", "[config]") {
  auto vars = kSecrets;
  vars["BRANCH"] = "one";
  CHECK(errors_of(replace_line(kValid, 9, "  branch: ${BRANCH}"), vars) ==
        "shop.yaml:9:11: mplus.branch: expected an integer, got 'one' (from '${BRANCH}')");
}

TEST_CASE("a value out of range names the range", "[config]") {
  CHECK(errors_of(replace_line(kValid, 2, "  cluster: eu1\n  requests_per_second: 25")) ==
        "shop.yaml:3:24: lightspeed.requests_per_second: must be between 1 and 20, got 25");
  CHECK(errors_of(kValid + "    lookback_minutes: 20000\n") ==
        "shop.yaml:14:23: flows.orders.lookback_minutes: must be between 0 and 10080, got 20000");
  CHECK(errors_of(replace_line(kValid, 13, "    shipping_article: 0")) ==
        "shop.yaml:13:23: flows.orders.shipping_article: must be at least 1, got 0");
}

TEST_CASE("a missing required key points at its parent section", "[config]") {
  std::string text = replace_line(kValid, 6, "  branch: 3");
  text = replace_line(text, 9, "  workplace: 1");
  CHECK(errors_of(text) == "shop.yaml:5:1: mplus.url: missing required key");
  CHECK(errors_of("lightspeed:\n  cluster: eu1\n  api_key: a\n  api_secret: b\n") ==
        "shop.yaml:1:1: mplus: missing required key");
}

TEST_CASE("a required key without a value points at the key", "[config]") {
  CHECK(errors_of(replace_line(kValid, 8, "  secret:")) == "shop.yaml:8:3: mplus.secret: a value is required");
}

TEST_CASE("a YAML syntax error is reported with yaml-cpp's line and column", "[config]") {
  CHECK(errors_of("lightspeed:\n  cluster: eu1\n  api_key: [a\nmplus:\n  url: x\n") ==
        "shop.yaml:4:6: invalid YAML: end of sequence flow not found");
  CHECK(errors_of("log: 1\n format: json\n") == "shop.yaml:2:8: invalid YAML: illegal map value");
}

TEST_CASE("several errors are reported together, one per line in file order", "[config]") {
  std::string text = replace_line(kValid, 2, "  cluster: eu1\n  languag: nl");  // line 3
  text = replace_line(text, 10, "  branch: x");                                  // was line 9
  text += "    document: receipt\n";                                             // line 15
  text += "state: 12\n";
  text += "flows2: {}\n";  // line 17
  CHECK(errors_of(text) ==
        "shop.yaml:3:3: lightspeed.languag: unknown key (did you mean 'language'?)\n"
        "shop.yaml:10:11: mplus.branch: expected an integer, got 'x'\n"
        "shop.yaml:15:15: flows.orders.document: expected one of order, invoice, got 'receipt'\n"
        "shop.yaml:17:1: flows2: unknown key (did you mean 'flows'?)");
}

TEST_CASE("flows must be known names; mapping sections are kept with their positions for the mapper",
          "[config]") {
  std::string text = kValid;
  text += "    fields:\n      reference: src.number\n";     // lines 14-15
  text += "    relation:\n      fields: {name: src.email}\n";  // lines 16-17
  text += "  stock:\n    formula: free\n    lookups: {}\n";    // lines 18-20
  Loaded ok = load_text(text);
  REQUIRE(ok.result.ok());
  const auto& sections = ok.result->mapping_sections;
  REQUIRE(sections.count("orders") == 1);
  REQUIRE(sections.count("orders.relation") == 1);
  REQUIRE(sections.count("stock") == 1);
  CHECK(sections.at("orders")["fields"]["reference"].Scalar() == "src.number");
  CHECK(sections.at("orders")["fields"]["reference"].Mark().line + 1 == 15);
  CHECK(sections.at("orders.relation")["fields"]["name"].Scalar() == "src.email");
  CHECK(errors_of(kValid + "  order_status: {}\n") ==
        "shop.yaml:14:3: flows.order_status: unknown key (did you mean 'order-status'?)");
}

TEST_CASE("sections of flows that are not built yet are recorded without validation", "[config]") {
  Loaded l = load_text(kValid + "  stock:\n    formula: free\n  categories:\n");
  REQUIRE(l.result.ok());
  CHECK(l.result->flows_present == std::vector<std::string>{"orders", "categories", "stock"});
}

TEST_CASE("order statuses are checked against Lightspeed's list", "[config]") {
  CHECK(errors_of(replace_line(kValid, 12, "    statuses: [completed, proccessing_awaiting_shipment]")) ==
        "shop.yaml:12:27: flows.orders.statuses[1]: unknown order status 'proccessing_awaiting_shipment' (did "
        "you mean 'processing_awaiting_shipment'?); known: on_hold, processing_awaiting_payment, "
        "processing_awaiting_shipment, processing_awaiting_pickup, processing_ready_for_pickup, completed, "
        "completed_shipped, completed_picked_up, cancelled");
}

TEST_CASE("since accepts ISO 8601 dates and date-times only", "[config]") {
  for (const char* ok : {"2024-02-29", "2024-01-31T08:00:00Z", "2024-01-31T08:00", "2024-01-31T08:00:00+01:00"}) {
    Loaded l = load_text(kValid + "    since: " + ok + "\n");
    INFO(ok);
    REQUIRE(l.result.ok());
    CHECK(l.result->orders.since == std::string(ok));
  }
  for (const char* bad : {"2023-02-29", "yesterday", "2024-13-01", "2024-01-31T25:00"}) {
    Loaded l = load_text(kValid + "    since: " + bad + "\n");
    INFO(bad);
    REQUIRE_FALSE(l.result.ok());
    CHECK(l.result.error().message.find(":14:12: flows.orders.since: expected an ISO 8601 date") != std::string::npos);
  }
}

TEST_CASE("an unreadable or missing file is a config error naming the path", "[config]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-config");
  auto missing = lsmplus::config::load((dir / "nope.yaml").string(), env_of({}));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().cls == ErrorClass::config);
  CHECK(missing.error().message.find((dir / "nope.yaml").string()) != std::string::npos);
  auto folder = lsmplus::config::load(dir.string(), env_of({}));
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message.find(dir.string()) != std::string::npos);
}

TEST_CASE("an empty file says what it expected", "[config]") {
  CHECK(errors_of("") ==
        "shop.yaml:1:1: the file is empty; expected the sections lightspeed, mplus, state, log and flows");
}

TEST_CASE("a duplicate key is reported at its second occurrence", "[config]") {
  CHECK(errors_of(replace_line(kValid, 9, "  branch: 2\n  branch: 3")) ==
        "shop.yaml:10:3: mplus.branch: duplicate key (first given at line 9)");
}

TEST_CASE("secrets come from the environment, with defaults, embedded or from files", "[config]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-config");
  write(dir, "mplus.secret", "from-a-file\n\n");
  fs::create_directory(dir / "run");
  write(dir, "run/key", "key-from-_FILE");
  std::string text = kValid;
  text = replace_line(text, 3, "  api_key: ${LS_KEY}");
  text = replace_line(text, 4, "  api_secret: ${UNSET_SECRET:-fallback-secret}");
  text = replace_line(text, 7, "  ident: id-${SHOP}");
  text = replace_line(text, 8, "  secret: file:mplus.secret");
  fs::path file = write(dir, "shop.yaml", text);
  auto result = lsmplus::config::load(
      file.string(), env_of({{"LS_KEY_FILE", (dir / "run/key").string()}, {"SHOP", "42"}}));
  REQUIRE(result.ok());
  const Config& c = *result;
  CHECK(c.lightspeed.api_key.value == "key-from-_FILE");
  CHECK(c.lightspeed.api_key.reference == "${LS_KEY}");
  CHECK(c.lightspeed.api_secret.value == "fallback-secret");
  CHECK(c.lightspeed.api_secret.reference == "${UNSET_SECRET:-fallback-secret}");
  CHECK(c.mplus.ident.value == "id-42");
  CHECK(c.mplus.ident.reference == "<inline>");
  CHECK(c.mplus.secret.value == "from-a-file\n");
  CHECK(c.mplus.secret.reference == "file:mplus.secret");
  auto values = lsmplus::config::secret_values(c);
  CHECK(values == std::vector<std::string>{"key-from-_FILE", "fallback-secret", "id-42", "from-a-file\n"});
}

TEST_CASE("an unset variable is an error naming the variable and the key, never a value", "[config]") {
  auto vars = kSecrets;
  vars.erase("MPLUS_SECRET");
  CHECK(errors_of(kValid, vars) ==
        "shop.yaml:8:11: mplus.secret: environment variable MPLUS_SECRET is not set (write "
        "${MPLUS_SECRET:-default} for a default)");
}

TEST_CASE("an unreadable secret file is an error naming the file", "[config]") {
  std::string message = errors_of(replace_line(kValid, 8, "  secret: file:/nonexistent/lsmplus-secret"));
  CHECK(message ==
        "shop.yaml:8:11: mplus.secret: cannot read secret file /nonexistent/lsmplus-secret (from "
        "file:/nonexistent/lsmplus-secret): No such file or directory");
}

TEST_CASE("an empty secret is refused", "[config]") {
  auto vars = kSecrets;
  vars["MPLUS_SECRET"] = "";
  CHECK(errors_of(kValid, vars) == "shop.yaml:8:11: mplus.secret: the secret is empty (from ${MPLUS_SECRET})");
}

TEST_CASE("a malformed reference is an error", "[config]") {
  CHECK(errors_of(replace_line(kValid, 6, "  url: http://host:${PORT")) ==
        "shop.yaml:6:8: mplus.url: unterminated ${ reference (write $${ for a literal ${)");
}

TEST_CASE("$${ is a literal ${ and a lone $ stays as it is", "[config]") {
  Loaded l = load_text(replace_line(kValid, 8, "  secret: pa$$word$${x}"));
  REQUIRE(l.result.ok());
  CHECK(l.result->mplus.secret.value == "pa$$word${x}");
}

TEST_CASE("secret values never appear in describe_masked or in error messages", "[config]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-config");
  write(dir, "secret", "file-secret-value\n");
  std::string text = replace_line(kValid, 3, "  api_key: literal-secret-value");
  text = replace_line(text, 8, "  secret: file:secret");
  fs::path file = write(dir, "shop.yaml", text);
  auto result = lsmplus::config::load(file.string(), env_of(kSecrets));
  REQUIRE(result.ok());
  std::string masked = lsmplus::config::describe_masked(*result);
  CHECK(masked.find("api_key: <inline>") != std::string::npos);
  CHECK(masked.find("api_secret: ${LS_SECRET}") != std::string::npos);
  CHECK(masked.find("secret: file:secret") != std::string::npos);
  for (const auto& value : lsmplus::config::secret_values(*result)) {
    INFO(value);
    CHECK(masked.find(value) == std::string::npos);
  }

  // The same secrets in a config with errors elsewhere.
  write(dir, "shop.yaml", text + "    lookback_minutes: -1\n  stok: {}\n");
  auto failed = lsmplus::config::load(file.string(), env_of(kSecrets));
  REQUIRE_FALSE(failed.ok());
  for (const char* value : {"literal-secret-value", "file-secret-value", "key-0123456789", "s3cr3t-ls",
                            "ident-abc", "s3cr3t-mp"}) {
    INFO(value);
    CHECK(failed.error().message.find(value) == std::string::npos);
  }
}

TEST_CASE("a literal secret in a world-readable file gives a warning", "[config]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-config");
  fs::path file = write(dir, "shop.yaml", replace_line(kValid, 3, "  api_key: literal-secret-value"));
  ::chmod(file.c_str(), 0644);
  auto readable = lsmplus::config::load(file.string(), env_of(kSecrets));
  REQUIRE(readable.ok());
  REQUIRE(readable->warnings.size() == 1);
  CHECK(readable->warnings[0].find(":3:12: lightspeed.api_key: a literal secret") != std::string::npos);
  CHECK(readable->warnings[0].find("literal-secret-value") == std::string::npos);
  ::chmod(file.c_str(), 0600);
  auto private_file = lsmplus::config::load(file.string(), env_of(kSecrets));
  REQUIRE(private_file.ok());
  CHECK(private_file->warnings.empty());
}

TEST_CASE("the state path is resolved against the config file's folder unless absolute", "[config]") {
  Loaded relative = load_text(kValid + "state: data/shop1.db\n");
  REQUIRE(relative.result.ok());
  CHECK(relative.result->state_path == (relative.dir / "data/shop1.db").string());
  Loaded absolute = load_text(kValid + "state: /var/lib/lsmplus/shop1.db\n");
  REQUIRE(absolute.result.ok());
  CHECK(absolute.result->state_path == "/var/lib/lsmplus/shop1.db");
}

TEST_CASE("describe_masked prints the effective config", "[config]") {
  Loaded l = load_text(kValid);
  REQUIRE(l.result.ok());
  std::string text = lsmplus::config::describe_masked(*l.result);
  CHECK(text.find("lightspeed:\n  cluster: eu1\n  base_url: https://api.webshopapp.com\n") != std::string::npos);
  CHECK(text.find("  employee_number: 999999\n") != std::string::npos);
  CHECK(text.find("    statuses: [processing_awaiting_shipment, completed]\n") != std::string::npos);
  CHECK(text.find("state: " + (l.dir / "lsmplus.db").string() + "\n") != std::string::npos);
}

TEST_CASE("resolve_path prefers --config, then $LSMPLUS_CONFIG, then ./lsmplus.yaml", "[config]") {
  using lsmplus::config::resolve_path;
  auto env = env_of({{"LSMPLUS_CONFIG", "/etc/lsmplus/shop.yaml"}});
  CHECK(resolve_path(std::string("cli.yaml"), env) == "cli.yaml");
  CHECK(resolve_path(std::nullopt, env) == "/etc/lsmplus/shop.yaml");
  CHECK(resolve_path(std::nullopt, env_of({})) == "./lsmplus.yaml");
}

TEST_CASE("offline loading leaves unset variables and secret files unresolved instead of failing", "[config]") {
  auto dir = lsmplus::testing::temp_dir("lsmplus-cfg-offline");
  fs::path file = write(dir, "shop.yaml",
                        "lightspeed:\n  base_url: ${SHOP_URL}\n  api_key: ${LS_KEY}\n  api_secret: file:missing.txt\n"
                        "mplus:\n  url: ${MPLUS_URL}\n  ident: ${MPLUS_IDENT}\n  secret: ${MPLUS_SECRET}\n"
                        "flows:\n  orders:\n    shipping_article: 900001\n    fields:\n      reference: src.number\n");
  auto no_env = [](const std::string&) { return std::optional<std::string>(); };
  auto online = lsmplus::config::load(file.string(), no_env);
  REQUIRE_FALSE(online.ok());
  auto offline = lsmplus::config::load(file.string(), no_env, lsmplus::config::LoadMode::offline);
  INFO((offline.ok() ? std::string() : offline.error().message));
  REQUIRE(offline.ok());
  CHECK(offline->lightspeed.api_key.value.empty());
  CHECK(offline->orders.shipping_article == 900001);
  CHECK(offline->mapping_sections.count("orders") == 1);
  // Everything else is still checked.
  std::ofstream(file, std::ios::app) << "    statuses: [shipped]\n";
  auto bad = lsmplus::config::load(file.string(), no_env, lsmplus::config::LoadMode::offline);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("statuses"));
}
