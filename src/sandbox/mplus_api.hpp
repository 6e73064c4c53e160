// The emulated MplusKASSA SOAP 1.1 API (API-MPLUS.md §1-3, §5, §7).
//
// POST /?ident=..&secret=.. with a SOAP envelope; the first element child of Body names
// the operation (matched by local name). Implemented: getApiVersion, getCurrentSyncMarkers,
// getProducts, getRelation, getRelations, findRelation, findRelationV2, createRelation,
// createOrder, getOrder, findOrder, getOrders. GET / answers 405. Unauthenticated test
// endpoint: GET /_sandbox/state.
#pragma once

#include <string>

#include "emulator_state.hpp"
#include "faults.hpp"
#include "http_server.hpp"
#include "recorder.hpp"

namespace lsmplus::sandbox {

struct MplusConfig {
  std::string ident = "sandbox";
  std::string secret = "sandbox-secret";
  // How a wrong ident/secret is answered: "fault" (HTTP 500 SOAP-ENV:Client fault) or
  // "http401" (plain HTTP 401).
  std::string auth_failure = "fault";
};

class MplusApi {
 public:
  MplusApi(EmulatorState& state, FaultInjector& faults, Recorder& recorder, MplusConfig config);

  // Answers one HTTP request. Thread-safe.
  void handle(const HttpRequest& req, HttpResponse& res);

 private:
  EmulatorState& state_;
  FaultInjector& faults_;
  Recorder& recorder_;
  MplusConfig config_;
};

// Serialises the Mplus state as JSON with the WSDL's element names
// ({"orders", "relations", "products", "syncMarkers"}). Caller holds state.mu.
std::string mplus_state_json(const MplusState& state);

}  // namespace lsmplus::sandbox
