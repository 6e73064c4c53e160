// The datamapper of one flow: the built-in default mapping (embedded YAML, printed by
// `lsmplus map FLOW --show-default`) merged with the user's overrides from the config, compiled
// once per run, then applied to each source record.
//
// Mapping YAML (a flow's section in the config, or a default mapping file):
//
//   when: "src.status != 'cancelled'"        # filter: which source records the flow takes
//   lookups:
//     payment_method: { ideal: IDEAL, paypal: PAYPAL, "*": OTHER }   # "*" is the wildcard
//     vat_code:                                # long form
//       keys: 2                                # composite key: lookup('vat_code', country, rate)
//       on_missing: error | default | passthrough | skip_record
//       default: 2
//       map: { "NL,21": 2, "NL,9": 1, "*,*": 2 }
//   fields:                                    # target path → expression, or the long form
//     reference: "src.number ~ ' / ' ~ (src.comment ?? '')"
//     invoiceAddress.name:
//       value: "src.addressBillingName"
//       default: "src.firstname ~ ' ' ~ src.lastname"   # when value is null/absent/""
//       required: true                         # or a message to show when it is empty
//       validate: "len(value) <= 50"           # `value` is the mapped value
//       on: create | update | always | create_if_empty   # default always
//   each:                                      # lists in the target
//     lineList.line:
//       - over: "src.products.resource.embedded"   # one target item per source item (`item.`)
//         when: "item.quantityOrdered > 0"
//         fields: { articleNumber: "article(item)", data.quantity: "item.quantityOrdered" }
//       - when: "cents(src.shipmentPriceIncl) != 0"  # no `over`: one item from the record
//         fields: { articleNumber: { value: "cfg.shipping_article", required: "..." } }
//
// A user's `fields:` entry replaces the default's entry with the same target path or adds one;
// `each:` entries are merged per target list and index; lookups are replaced per table name.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"
#include "lsmplus/mapping/expression.hpp"

namespace YAML {
class Node;
}

namespace lsmplus::mapping {

// A problem in a mapping, pinned to the YAML: "FILE:LINE:COLUMN: PATH: message", where LINE and
// COLUMN point inside the expression when the problem is there.
struct MappingDiagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;  // "flows.orders.fields.reference"
  std::string message;
  std::string to_string() const;
};

// What records a flow reads and writes, for checking paths (`src.adressBillingCity` is a lint
// error with a suggestion) and for `map --format xml`.
struct FlowShape {
  std::string flow;          // "orders"
  std::string source;        // "lightspeed.order"
  std::string target;        // "mplus.Order"
  std::string operation;     // the Mplus operation that takes the target ("createOrder"), or ""
  std::string request_key;   // its child element holding the record ("order")
};

// The flows that have a default mapping, and their shapes.
const std::vector<FlowShape>& flow_shapes();
const FlowShape* find_flow_shape(std::string_view flow);

// The embedded default mapping of `flow` as YAML text; nullopt for a flow without one.
std::optional<std::string_view> default_mapping_yaml(std::string_view flow);

// The host functions a flow offers its expressions (for example `article(item)` in orders); the
// flow binds them to its state store, `lsmplus map` to ctx data given on the command line.
using HostFunctions = std::vector<CompileEnv::HostFunction>;

class FlowMapping {
 public:
  // Compiles the default mapping of `flow` merged with `user_section` (the flow's YAML node in
  // the config, or null for the default alone; only its keys when/lookups/fields/each are read).
  // On failure returns a `config` Error listing every diagnostic, one per line, and fills
  // `diagnostics` when given. Paths are checked against the flow's source and target fields.
  static Result<FlowMapping> compile(std::string_view flow, const YAML::Node* user_section,
                                     const std::string& config_file, const HostFunctions& host,
                                     std::vector<MappingDiagnostic>* diagnostics = nullptr);

  FlowMapping(FlowMapping&&) noexcept;
  FlowMapping& operator=(FlowMapping&&) noexcept;
  ~FlowMapping();

  const FlowShape& shape() const;

  // Whether the source record passes `when:` (true when there is no filter).
  Result<bool> accepts(const Scope& scope) const;

  // Maps one source record. `scope.existing` null means the target is being created (fields with
  // on: update are left out); otherwise fields follow their `on:` policy against it. Returns the
  // target record, nullopt when a lookup asked to skip the record, or a `permanent` Error naming
  // the target field and the reason.
  Result<std::optional<rapidjson::Document>> map(const Scope& scope) const;

 private:
  struct Impl;
  explicit FlowMapping(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lsmplus::mapping
