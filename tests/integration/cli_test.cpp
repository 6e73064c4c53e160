// The command line's contract: exit codes and messages that need no sandbox.
#include <catch2/catch.hpp>

#include <fstream>

#include "harness.hpp"

using namespace lsmplus::testing;

namespace {
CommandResult lsmplus_cmd(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv{bin("lsmplus").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, env);
}
}  // namespace

TEST_CASE("--version and --help exit 0", "[integration][cli]") {
  auto v = lsmplus_cmd({"--version"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Catch::Contains("lsmplus"));
  for (const char* sub : {"sync", "check", "lint", "map", "status"}) {
    auto h = lsmplus_cmd({sub, "--help"});
    INFO(sub << ": " << describe(h));
    CHECK(h.exit_code == 0);
  }
}

TEST_CASE("usage errors exit 64", "[integration][cli]") {
  CHECK(lsmplus_cmd({}).exit_code == 64);
  CHECK(lsmplus_cmd({"frobnicate"}).exit_code == 64);
  CHECK(lsmplus_cmd({"sync"}).exit_code == 64);
  auto unknown_flow = lsmplus_cmd({"sync", "invoices"});
  CHECK(unknown_flow.exit_code == 64);
  CHECK_THAT(unknown_flow.err, Catch::Contains("unknown flow"));
  CHECK(lsmplus_cmd({"sync", "orders", "--since", "last tuesday"}).exit_code == 64);
}

TEST_CASE("flows and commands not built yet say so and exit 64", "[integration][cli]") {
  auto stock = lsmplus_cmd({"sync", "stock"});
  CHECK(stock.exit_code == 64);
  CHECK_THAT(stock.err, Catch::Contains("not built yet"));
  auto dlq = lsmplus_cmd({"dlq", "list"});
  CHECK(dlq.exit_code == 64);
  CHECK_THAT(dlq.err, Catch::Contains("not built yet"));
}

TEST_CASE("a config error exits 78 and names file, line, column and key", "[integration][cli]") {
  auto dir = temp_dir("lsmplus-cli");
  auto path = dir / "bad.yaml";
  std::ofstream(path) << "lightspeed:\n  base_url: http://127.0.0.1:1\n  api_key: k\n  api_secret: s\n"
                         "mplus:\n  url: http://127.0.0.1:2\n  ident: i\n  secret: s\n  employe_number: 5\n";
  auto lint = lsmplus_cmd({"lint", "--config", path.string()});
  INFO(describe(lint));
  CHECK(lint.exit_code == 78);
  CHECK_THAT(lint.err, Catch::Contains("bad.yaml:9:3") && Catch::Contains("employe_number") &&
                           Catch::Contains("employee_number"));
  auto sync = lsmplus_cmd({"sync", "orders", "--config", path.string()});
  CHECK(sync.exit_code == 78);
  // The config file comes from $LSMPLUS_CONFIG when --config is not given.
  auto from_env = lsmplus_cmd({"lint"}, {{"LSMPLUS_CONFIG", path.string()}});
  CHECK(from_env.exit_code == 78);
  CHECK_THAT(from_env.err, Catch::Contains("bad.yaml"));
}
