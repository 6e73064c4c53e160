// Loads a seed directory (--seed-dir DIR):
//   DIR/lightspeed/<resource>/*.json  documents as a single Lightspeed GET returns them:
//       {"order": {...}} (with products.resource.embedded and customer.resource.embedded;
//       the embedded customer is stored as a customer too), {"customer": {...}},
//       {"product": {...}}, {"variant": {...}}, {"shop": {...}}. The envelope key, not
//       the folder name, decides the resource. DIR/lightspeed/*.json is read as well.
//   DIR/mplus/*.xml  SOAP response bodies of get-operations: GetProductsResponse,
//       GetRelationsResponse or GetOrdersResponse, with or without the SOAP envelope.
#pragma once

#include <string>

#include "emulator_state.hpp"

namespace lsmplus::sandbox {

// Loads every seed file under `dir` in file-name order. Returns "" on success or
// "<file>: <reason>" for the first file that cannot be used.
std::string load_seed_dir(EmulatorState& state, const std::string& dir);

}  // namespace lsmplus::sandbox
