#include "lsmplus/core/error.hpp"

namespace lsmplus {

int exit_code_for(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::internal: return 1;
    case ErrorClass::permanent: return kExitPartial;
    case ErrorClass::usage: return 64;
    case ErrorClass::input: return 65;
    case ErrorClass::unavailable: return 69;
    case ErrorClass::state_io: return 73;
    case ErrorClass::temporary: return 75;
    case ErrorClass::protocol: return 76;
    case ErrorClass::auth: return 77;
    case ErrorClass::config: return 78;
  }
  return 1;
}

const char* to_string(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::internal: return "internal";
    case ErrorClass::permanent: return "permanent";
    case ErrorClass::usage: return "usage";
    case ErrorClass::input: return "input";
    case ErrorClass::unavailable: return "unavailable";
    case ErrorClass::state_io: return "state_io";
    case ErrorClass::temporary: return "temporary";
    case ErrorClass::protocol: return "protocol";
    case ErrorClass::auth: return "auth";
    case ErrorClass::config: return "config";
  }
  return "internal";
}

}  // namespace lsmplus
