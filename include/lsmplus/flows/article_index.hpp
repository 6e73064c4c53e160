// The article index: every key a webshop line can carry (numeric SKU = article number,
// non-numeric SKU = extArticleId, EAN = barcode) resolved to an Mplus article number from the
// state store, kept current through Mplus's product sync markers.
#pragma once

#include <cstdint>
#include <optional>

#include "lsmplus/core/error.hpp"
#include "lsmplus/flows/order_keys.hpp"

namespace lsmplus::mplus {
class Client;
}
namespace lsmplus::state {
class StateStore;
}

namespace lsmplus::flows {

// Pulls products changed since the stored sync marker (getProducts, pages of `page_limit`
// articles, until an empty page) into the index, each page in one transaction with the marker.
// When nothing changed this costs one call. Returns how many articles were updated.
Result<int64_t> refresh_article_index(mplus::Client& client, state::StateStore& store, int page_limit = 1000);

// Finds the article for a line: a numeric SKU as article number, then the SKU as extArticleId,
// then the EAN as barcode, then the article code as extArticleId. nullopt when none matches.
Result<std::optional<int64_t>> resolve_article(state::StateStore& store, const LineKeys& keys);

}  // namespace lsmplus::flows
