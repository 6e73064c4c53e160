// The emulated Lightspeed eCom (C-Series) REST API (API-LIGHTSPEED.md §1-2, §4-5, §7-8, §10).
//
// Routes: /{lang}/{path}.json with Basic auth, lang in {nl, en, de, fr, us}; the
// resources orders (list, count, one, PUT, lines), customers, products, variants
// (list, count, one, PUT) and shop. Every response carries the X-RateLimit-* headers.
// Unauthenticated test endpoints: GET /_sandbox/state, POST /_sandbox/lightspeed/orders
// (and .../customers, .../products, .../variants with one-key documents).
#pragma once

#include <string>

#include "emulator_state.hpp"
#include "faults.hpp"
#include "http_server.hpp"
#include "rate_limiter.hpp"
#include "recorder.hpp"

namespace lsmplus::sandbox {

struct LightspeedConfig {
  std::string key = "sandbox-key";
  std::string secret = "sandbox-secret";
  RateLimits limits;
};

class LightspeedApi {
 public:
  LightspeedApi(EmulatorState& state, FaultInjector& faults, Recorder& recorder, LightspeedConfig config);

  // The scheme, host and port that resource `link` values start with.
  void set_base_url(std::string base_url) { base_url_ = std::move(base_url); }

  // Answers one HTTP request. Thread-safe.
  void handle(const HttpRequest& req, HttpResponse& res);

 private:
  void handle_sandbox(const HttpRequest& req, HttpResponse& res);
  void handle_api(const HttpRequest& req, HttpResponse& res);
  bool authenticated(const HttpRequest& req) const;

  EmulatorState& state_;
  FaultInjector& faults_;
  Recorder& recorder_;
  LightspeedConfig config_;
  RateLimiter limiter_;
  std::string base_url_;
};

}  // namespace lsmplus::sandbox
