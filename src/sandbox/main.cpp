// lsmplus-sandbox: emulates the Lightspeed eCom and MplusKASSA APIs on 127.0.0.1 for the
// demo, the tests and users' CI. Prints one JSON line with both base URLs once both
// servers listen, logs to stderr, and runs until SIGTERM or SIGINT.

#include <pthread.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "demo_seed.hpp"
#include "emulator_state.hpp"
#include "faults.hpp"
#include "http_server.hpp"
#include "lightspeed_api.hpp"
#include "mplus_api.hpp"
#include "rate_limiter.hpp"
#include "recorder.hpp"
#include "seed_dir.hpp"

namespace {

constexpr const char* kFaultHelp =
    "Fault injection, a comma-separated list of SIDE:MATCH:ACTION:COUNT.\n"
    "  SIDE    lightspeed | mplus\n"
    "  MATCH   lightspeed: a substring of the request path (e.g. /orders); mplus: an operation\n"
    "          name (e.g. createOrder); * matches every request\n"
    "  ACTION  an HTTP status 400-599 (lightspeed: the error envelope with that code, 429 with\n"
    "          the rate-limit headers and no -1 slot; mplus: 500 is a SOAP-ENV:Server fault, other\n"
    "          codes a plain status), drop (close the connection without an answer and without\n"
    "          doing the request) or drop-after (do the request, then close without an answer)\n"
    "  COUNT   how many of the first matching requests are affected; * = all\n"
    "  Example: lightspeed:/orders:503:2,mplus:createOrder:drop-after:1";

int run(int argc, char** argv) {
  CLI::App app{"lsmplus-sandbox: local emulator of the Lightspeed eCom and MplusKASSA APIs"};
  std::vector<std::string> seeds;
  std::string seed_dir;
  int lightspeed_port = 0;
  int mplus_port = 0;
  std::string faults_spec;
  std::string record_file;
  std::string rate_limit = "300/3000/12000";
  lsmplus::sandbox::LightspeedConfig ls_config;
  lsmplus::sandbox::MplusConfig mp_config;
  bool version = false;

  app.add_option("--seed", seeds, "Built-in data set to load: demo")->check(CLI::IsMember({"demo"}));
  app.add_option("--seed-dir", seed_dir,
                 "Load seed files: DIR/lightspeed/<resource>/*.json (single-GET documents) and DIR/mplus/*.xml "
                 "(GetProductsResponse, GetRelationsResponse, GetOrdersResponse); loaded after --seed demo");
  app.add_option("--lightspeed-port", lightspeed_port, "Port of the Lightspeed API (0 = a free port)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--mplus-port", mplus_port, "Port of the Mplus API (0 = a free port)")->check(CLI::Range(0, 65535));
  app.add_option("--faults", faults_spec, kFaultHelp);
  app.add_option("--record", record_file,
                 "Append every request as a JSON line {api, method, path, query, body}; ident and secret "
                 "query values are masked, headers are not recorded");
  app.add_option("--lightspeed-key", ls_config.key, "Lightspeed API key (Basic auth user)")->capture_default_str();
  app.add_option("--lightspeed-secret", ls_config.secret, "Lightspeed API secret (Basic auth password)")
      ->capture_default_str();
  app.add_option("--mplus-ident", mp_config.ident, "Mplus ident query parameter")->capture_default_str();
  app.add_option("--mplus-secret", mp_config.secret, "Mplus secret query parameter")->capture_default_str();
  app.add_option("--mplus-auth-failure", mp_config.auth_failure,
                 "Answer to a wrong Mplus ident/secret: fault (HTTP 500 SOAP-ENV:Client fault) or http401")
      ->check(CLI::IsMember({"fault", "http401"}))
      ->capture_default_str();
  app.add_option("--rate-limit", rate_limit,
                 "Lightspeed limits per 5 minutes/hour/day, optionally /per second (default 20)")
      ->capture_default_str();
  app.add_flag("--version", version, "Print the version and exit");
  app.footer(
      "Prints {\"lightspeed\": \"http://127.0.0.1:P\", \"mplus\": \"http://127.0.0.1:Q\"} on stdout once both\n"
      "servers listen, then runs until SIGTERM/SIGINT. GET /_sandbox/state on either port shows the state;\n"
      "POST /_sandbox/lightspeed/orders (Lightspeed port) adds or replaces an order document.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 64;
  }
  if (version) {
    std::cout << "lsmplus-sandbox " << LSMPLUS_VERSION << "\n";
    return 0;
  }
  if (!lsmplus::sandbox::parse_rate_limits(rate_limit, ls_config.limits)) {
    std::cerr << "lsmplus-sandbox: --rate-limit must be A/B/C or A/B/C/D (non-negative integers)\n";
    return 64;
  }

  lsmplus::sandbox::FaultInjector faults;
  if (std::string error = faults.configure(faults_spec); !error.empty()) {
    std::cerr << "lsmplus-sandbox: --faults: " << error << "\n";
    return 64;
  }
  lsmplus::sandbox::Recorder recorder;
  if (!record_file.empty() && !recorder.open(record_file)) {
    std::cerr << fmt::format("lsmplus-sandbox: cannot open --record file {}: {}\n", record_file,
                             std::strerror(errno));
    return 73;
  }

  auto state = std::make_unique<lsmplus::sandbox::EmulatorState>();
  lsmplus::sandbox::install_base_records(*state);
  if (!seeds.empty()) lsmplus::sandbox::load_demo_seed(*state);
  if (!seed_dir.empty()) {
    if (std::string error = lsmplus::sandbox::load_seed_dir(*state, seed_dir); !error.empty()) {
      std::cerr << "lsmplus-sandbox: bad seed file: " << error << "\n";
      return 2;
    }
  }

  // Signals are taken synchronously by sigwait below; every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  lsmplus::sandbox::LightspeedApi lightspeed(*state, faults, recorder, ls_config);
  lsmplus::sandbox::MplusApi mplus(*state, faults, recorder, mp_config);
  lsmplus::sandbox::HttpServer ls_server(
      [&](const lsmplus::sandbox::HttpRequest& req, lsmplus::sandbox::HttpResponse& res) {
        lightspeed.handle(req, res);
      });
  lsmplus::sandbox::HttpServer mp_server(
      [&](const lsmplus::sandbox::HttpRequest& req, lsmplus::sandbox::HttpResponse& res) { mplus.handle(req, res); });
  int ls_bound, mp_bound;
  try {
    ls_bound = ls_server.listen(lightspeed_port);
    mp_bound = mp_server.listen(mplus_port);
  } catch (const std::exception& e) {
    std::cerr << "lsmplus-sandbox: " << e.what() << "\n";
    return 69;
  }
  lightspeed.set_base_url(fmt::format("http://127.0.0.1:{}", ls_bound));
  ls_server.start();
  mp_server.start();

  std::cout << fmt::format("{{\"lightspeed\": \"http://127.0.0.1:{}\", \"mplus\": \"http://127.0.0.1:{}\"}}",
                           ls_bound, mp_bound)
            << std::endl;
  std::cerr << fmt::format("lsmplus-sandbox: lightspeed on 127.0.0.1:{}, mplus on 127.0.0.1:{}{}\n", ls_bound,
                           mp_bound, seeds.empty() ? "" : " (demo seed)");

  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << fmt::format("lsmplus-sandbox: signal {} received, stopping\n", sig);
  ls_server.stop();
  mp_server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
