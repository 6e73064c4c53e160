// The built-in data sets: the records that always exist and the `--seed demo` shop.
#pragma once

#include "emulator_state.hpp"

namespace lsmplus::sandbox {

// Installs what exists even in an empty sandbox: the Lightspeed shop record (id
// "000001", language nl). Mplus employee 999999 and branch 1 are MplusState defaults.
void install_base_records(EmulatorState& state);

// Loads the deterministic demo data set (no randomness, no clock):
// - Lightspeed: 12 customers (ids 5000001-5000012; 5000003, 5000007 and 5000010 are
//   companies; 5000011 lives in Belgium), 10 products (20000001-20000010) with 16
//   variants (30000001-30000016) and 30 orders (ids 10000001-10000030, numbers
//   ORD00001-ORD00030, created 2026-10-01..2026-11-18) with 1-4 lines each:
//   25 processing_awaiting_shipment; ORD00003 and ORD00008 completed_shipped;
//   ORD00014 and ORD00026 cancelled; ORD00021 processing_awaiting_payment. Orders whose
//   number is not a multiple of 3 carry 4.95 shipping (shipmentPriceIncl).
// - Mplus: products 101-110 with articles 1001-1016 (SKUs "1001", "1002", "1008", "1009",
//   "1013", "1014", "1015" are the articleNumber; "TS-RED-M", "TS-RED-L", "TS-BLU-M",
//   "HD-GRY-M", "HD-GRY-L", "BAG-CNV", "SOCK-39-42", "SOCK-43-46" are extArticleId;
//   variant 30000016 has no SKU and resolves by EAN 8712345000161 = article 1016's
//   barcode), shipping article 900001 "Verzendkosten" (product 900, not webshop), and
//   relations 1001-1004 for customers 5000001, 5000002 (same e-mail in another case),
//   5000003 (company, with a contact) and 5000005. New relations get 1005 onwards.
void load_demo_seed(EmulatorState& state);

}  // namespace lsmplus::sandbox
