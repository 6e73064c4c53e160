#include "lsmplus/flows/article_index.hpp"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <string>
#include <vector>

#include "lsmplus/mplus/client.hpp"
#include "lsmplus/ops/log.hpp"
#include "lsmplus/state/store.hpp"

namespace lsmplus::flows {

namespace {

constexpr const char* kCursorFlow = "article-index";
constexpr const char* kCursorName = "sync_marker";

std::optional<int64_t> as_number(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t out = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || p != text.data() + text.size() || out <= 0) return std::nullopt;
  return out;
}

int64_t get_int(const rapidjson::Value& obj, const char* key, int64_t fallback = 0) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsInt64() ? it->value.GetInt64() : fallback;
}

std::string get_string(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

// The articles of one product as index rows (productList/product/articleList/article*).
std::vector<state::IndexedArticle> articles_of(const rapidjson::Value& product) {
  std::vector<state::IndexedArticle> out;
  int64_t product_number = get_int(product, "productNumber");
  auto list = product.FindMember("articleList");
  if (list == product.MemberEnd() || !list->value.IsObject()) return out;
  auto articles = list->value.FindMember("article");
  if (articles == list->value.MemberEnd() || !articles->value.IsArray()) return out;
  for (const auto& art : articles->value.GetArray()) {
    state::IndexedArticle row;
    row.article_number = get_int(art, "articleNumber");
    if (row.article_number == 0) continue;
    row.product_number = product_number;
    row.ext_article_id = get_string(art, "extArticleId");
    row.barcode = get_string(art, "barcode");
    row.plu = get_string(art, "pluNumber");
    auto active = art.FindMember("active");
    row.active = active == art.MemberEnd() || !active->value.IsBool() || active->value.GetBool();
    row.sync_marker = get_int(art, "syncMarker", get_int(product, "syncMarker"));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Result<int64_t> refresh_article_index(mplus::Client& client, state::StateStore& store, int page_limit) {
  auto cursor = store.cursor(kCursorFlow, kCursorName);
  if (!cursor) return cursor.error();
  int64_t marker = *cursor ? std::stoll(**cursor) : 0;
  int64_t updated = 0;
  for (;;) {
    // Sync markers are inclusive: ask for the one after the highest seen (API-MPLUS.md §2.5).
    auto page = client.get_products(marker + 1, page_limit);
    if (!page) return page.error();
    if (page->products.Empty()) break;
    std::vector<state::IndexedArticle> rows;
    for (const auto& product : page->products.GetArray()) {
      auto more = articles_of(product);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    if (page->max_sync_marker <= marker) {
      return make_error(ErrorClass::protocol,
                        fmt::format("Mplus getProducts returned products at or below sync marker {} when asked for "
                                    "{} and up; refusing to loop",
                                    marker, marker + 1));
    }
    int64_t next = page->max_sync_marker;
    auto r = store.transaction([&]() -> Result<void> {
      if (auto u = store.upsert_articles(rows); !u) return u;
      return store.set_cursor(kCursorFlow, kCursorName, std::to_string(next));
    });
    if (!r) return r.error();
    updated += static_cast<int64_t>(rows.size());
    marker = next;
  }
  if (updated > 0) ops::log_info("article index refreshed", {{"articles", std::to_string(updated)}});
  return updated;
}

Result<std::optional<int64_t>> resolve_article(state::StateStore& store, const LineKeys& keys) {
  using Lookup = Result<std::optional<state::IndexedArticle>>;
  std::optional<int64_t> number = as_number(keys.sku);
  // In order of trust: a numeric SKU is the article number itself; then the exact keys.
  const std::function<Lookup()> steps[] = {
      [&]() -> Lookup { return number ? store.article_by_number(*number) : Lookup(std::nullopt); },
      [&]() -> Lookup { return keys.sku.empty() ? Lookup(std::nullopt) : store.article_by_ext_id(keys.sku); },
      [&]() -> Lookup { return keys.ean.empty() ? Lookup(std::nullopt) : store.article_by_barcode(keys.ean); },
      [&]() -> Lookup {
        return keys.article_code.empty() ? Lookup(std::nullopt) : store.article_by_ext_id(keys.article_code);
      },
  };
  for (const auto& step : steps) {
    auto r = step();
    if (!r) return r.error();
    if (*r) return std::optional<int64_t>((*r)->article_number);
  }
  return std::optional<int64_t>{};
}

}  // namespace lsmplus::flows
