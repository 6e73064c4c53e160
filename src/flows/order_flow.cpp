#include "lsmplus/flows/order_flow.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "lsmplus/flows/article_index.hpp"
#include "lsmplus/flows/mappings.hpp"
#include "lsmplus/flows/order_keys.hpp"
#include "lsmplus/flows/writer.hpp"
#include "lsmplus/lightspeed/client.hpp"
#include "lsmplus/lightspeed/records.hpp"
#include "lsmplus/mplus/client.hpp"
#include "lsmplus/ops/log.hpp"
#include "lsmplus/state/store.hpp"
#include "lsmplus/util/hash.hpp"
#include "lsmplus/util/time.hpp"

namespace lsmplus::flows {

namespace ls = lightspeed;

namespace {

constexpr const char* kFlow = "orders";
constexpr const char* kCursorName = "updated_at";

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

// The link key of a relation: a hash of the normalised e-mail, so the state store holds no
// personal data.
std::string relation_key(const std::string& normalised_email) { return "email:" + util::sha256_hex(normalised_email); }

// One pass of the flow, with the state that lives only as long as the pass.
class OrderRun {
 public:
  OrderRun(const config::Config& config, ls::Client& source, mplus::Client& target, state::StateStore& store,
           Writer& writer, const SyncOptions& options)
      : config_(config), source_(source), target_(target), store_(store), writer_(writer), options_(options) {
    summary_.flow = kFlow;
    summary_.dry_run = writer.dry_run();
  }

  Result<RunSummary> run();

 private:
  Result<void> compile_mappings();
  mapping::Scope scope(const rapidjson::Value& order, const rapidjson::Value& ctx) const;
  Result<std::string> shop_id();
  // Takes one page of the order list; returns whether to read the next page.
  Result<bool> take_page(const rapidjson::Value& items);
  // Handles one order from the list. Record-level failures are counted; the returned Error is
  // for run-level failures only.
  Result<void> take_order(int64_t id, const rapidjson::Value& list_item);
  Result<void> sync_order(int64_t id, const std::string& label);
  Result<int64_t> relation_for(const rapidjson::Value& order, const std::string& label);
  void fail(const std::string& record, const std::string& reason, std::optional<int64_t> updated_at);

  const config::Config& config_;
  ls::Client& source_;
  mplus::Client& target_;
  state::StateStore& store_;
  Writer& writer_;
  const SyncOptions& options_;
  RunSummary summary_;
  std::string shop_id_;
  rapidjson::Document cfg_;
  std::optional<mapping::FlowMapping> order_mapping_;
  std::optional<mapping::FlowMapping> relation_mapping_;
  int64_t run_start_ = 0;
  std::set<int64_t> seen_;
  std::map<std::string, int64_t> planned_relations_;  // dry run: relations planned this pass
  std::optional<int64_t> oldest_failure_;              // updatedAt of the oldest failed order
  bool limit_reached_ = false;
};

Result<std::string> OrderRun::shop_id() {
  const std::string key = "lightspeed.shop_id " + config_.lightspeed.base_url;
  auto cached = store_.cached(key);
  if (!cached) return cached.error();
  if (*cached) return **cached;
  auto shop = source_.get_shop();
  if (!shop && shop.error().cls == ErrorClass::permanent) {
    // A 404 here is not a missing record: the shop does not serve this language.
    return make_error(ErrorClass::config, shop.error().message + " (is lightspeed.language a language the shop has "
                                                                 "switched on?)");
  }
  if (!shop) return shop.error();
  auto id = ls::text(*shop, "id");
  if (!id) id = ls::decimal(*shop, "id");
  if (!id) return make_error(ErrorClass::protocol, "Lightspeed GET /shop.json: the shop has no id");
  if (auto r = store_.set_cached(key, *id); !r) return r.error();
  return *id;
}

void OrderRun::fail(const std::string& record, const std::string& reason, std::optional<int64_t> updated_at) {
  ++summary_.failed;
  summary_.failures.push_back({record, reason});
  ops::log_warn("record failed", {{"flow", kFlow}, {"record", record}, {"reason", reason}});
  if (updated_at && (!oldest_failure_ || *updated_at < *oldest_failure_)) oldest_failure_ = updated_at;
}

Result<void> OrderRun::compile_mappings() {
  cfg_ = mapping_cfg(config_);
  auto host = host_functions([this](const LineKeys& keys) { return resolve_article(store_, keys); });
  auto orders = compile_mapping("orders", &config_, host);
  if (!orders) return orders.error();
  order_mapping_.emplace(std::move(*orders));
  auto relation = compile_mapping("orders.relation", &config_, host);
  if (!relation) return relation.error();
  relation_mapping_.emplace(std::move(*relation));
  return {};
}

mapping::Scope OrderRun::scope(const rapidjson::Value& order, const rapidjson::Value& ctx) const {
  mapping::Scope s;
  s.src = &order;
  s.cfg = &cfg_;
  s.ctx = &ctx;
  s.now_unix = run_start_;
  return s;
}

Result<RunSummary> OrderRun::run() {
  const int64_t run_start = util::now_unix();
  run_start_ = run_start;
  // The mappings compile before any API call: a mistake in them stops the run at once (exit 78).
  if (auto r = compile_mappings(); !r) return r.error();
  auto shop = shop_id();
  if (!shop) return shop.error();
  shop_id_ = *shop;

  if (auto r = refresh_article_index(target_, store_); !r) {
    // Not a record's problem: without the index no order can be booked (exit 76, not 2).
    if (r.error().cls == ErrorClass::permanent) return make_error(ErrorClass::protocol, r.error().message);
    return r.error();
  }

  // The window: from the cursor minus the lookback (or --since / the configured start) to now.
  auto stored = store_.cursor(kFlow, kCursorName);
  if (!stored) return stored.error();
  // A plain pair rather than std::optional: g++ 12 warns falsely on optional<int64_t> here.
  const bool has_cursor = stored->has_value();
  const int64_t cursor = has_cursor ? std::stoll(**stored) : 0;
  std::optional<int64_t> from;
  if (options_.since) {
    from = options_.since;
  } else if (!options_.full && has_cursor) {
    from = cursor - int64_t{config_.orders.lookback_minutes} * 60;
  } else if (!options_.full && config_.orders.since) {
    from = util::parse_time(*config_.orders.since);
  }
  ls::Query filters;
  // The filter's time zone is not documented (API-LIGHTSPEED.md §14 Q5); values are sent in
  // UTC. If the API reads them as local time the window only starts earlier, which the link
  // table makes harmless. No updated_at_max unless asked for: a shifted upper bound could drop
  // records.
  if (from) filters.emplace_back("updated_at_min", ls::format_filter_time(*from));
  if (options_.until) filters.emplace_back("updated_at_max", ls::format_filter_time(*options_.until));

  std::vector<std::string> statuses = config_.orders.statuses;
  if (statuses.empty()) statuses.emplace_back();  // no status filter
  for (const auto& status : statuses) {
    ls::Query query = filters;
    if (!status.empty()) query.emplace_back("status", status);
    auto walked = source_.for_each_page("orders", query, [&](const rapidjson::Value& items) { return take_page(items); });
    if (!walked) return walked.error();
    if (limit_reached_) break;
  }

  // Move the cursor only past what is durable: to the run's start, or back to the oldest order
  // that failed so that it is read again next time. Explicit windows (--since, --full) move it
  // only when they covered everything after the stored cursor.
  bool window_covers_cursor = !options_.since || !has_cursor || *options_.since <= cursor;
  if (!writer_.dry_run() && !options_.no_state_update && !limit_reached_ && window_covers_cursor) {
    int64_t next = run_start;
    if (options_.until) next = std::min(next, *options_.until);
    if (oldest_failure_) next = std::min(next, *oldest_failure_);
    if (auto r = store_.set_cursor(kFlow, kCursorName, std::to_string(next)); !r) return r.error();
    summary_.cursor_moved = true;
  }
  if (limit_reached_) summary_.note = fmt::format("stopped at --limit {}; the cursor did not move", *options_.limit);
  return std::move(summary_);
}

Result<bool> OrderRun::take_page(const rapidjson::Value& items) {
  for (const auto& item : items.GetArray()) {
    auto id = ls::integer(item, "id");
    if (!id) return make_error(ErrorClass::protocol, "Lightspeed order list: an order without an id");
    if (!seen_.insert(*id).second) continue;
    if (auto r = take_order(*id, item); !r) return r.error();
    if (limit_reached_) return false;  // --limit: no more pages
  }
  return true;
}

Result<void> OrderRun::take_order(int64_t id, const rapidjson::Value& item) {
  std::string label = fmt::format("order {}", ls::text(item, "number").value_or(std::to_string(id)));
  // The status filter is applied by the API (medium confidence, API-LIGHTSPEED.md §14 Q4);
  // check it here too, so an ignored filter cannot let other orders through.
  auto status = ls::text(item, "status").value_or("");
  const auto& wanted = config_.orders.statuses;
  if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), status) == wanted.end()) return {};

  auto link = store_.find_link("order", std::to_string(id));
  if (!link) return link.error();
  if (*link) {
    ++summary_.skipped;
    return {};
  }
  if (options_.limit && summary_.created + summary_.linked + summary_.failed >= *options_.limit) {
    limit_reached_ = true;
    return {};
  }
  auto updated_text = ls::text(item, "updatedAt");
  auto updated_at = updated_text ? util::parse_time(*updated_text) : std::nullopt;
  auto r = sync_order(id, label);
  if (!r) {
    if (r.error().cls != ErrorClass::permanent) return r;
    fail(label, r.error().message, updated_at);
  }
  return {};
}

Result<int64_t> OrderRun::relation_for(const rapidjson::Value& order, const std::string& label) {
  if (config_.orders.default_debtor) return *config_.orders.default_debtor;
  auto email = normalise_email(ls::text(order, "email").value_or(""));
  if (!email) {
    return make_error(ErrorClass::permanent,
                      fmt::format("{}: no usable e-mail address to find the customer's relation (set "
                                  "flows.orders.default_debtor to book such orders on one relation)",
                                  label));
  }
  const std::string key = relation_key(*email);
  auto link = store_.find_link("relation", key);
  if (!link) return link.error();
  if (*link) return std::stoll((*link)->target_id);
  if (auto planned = planned_relations_.find(key); planned != planned_relations_.end()) return planned->second;

  auto found = target_.find_relation_by_email(*email);
  if (!found) return found.error();
  int64_t number = 0;
  if (*found) {
    number = **found;
  } else {
    rapidjson::Document ctx(rapidjson::kObjectType);
    ctx.AddMember("shop_id", rapidjson::Value(shop_id_.c_str(), ctx.GetAllocator()), ctx.GetAllocator());
    auto relation = relation_mapping_->map(scope(order, ctx));
    if (!relation) return make_error(relation.error().cls, fmt::format("{}: relation: {}", label, relation.error().message));
    if (!*relation) {
      return make_error(ErrorClass::permanent, fmt::format("{}: the relation mapping skipped the customer", label));
    }
    auto created = writer_.create_relation(**relation, key, label);
    if (!created) return created.error();
    number = *created;
  }
  if (writer_.dry_run()) {
    planned_relations_[key] = number;
    return number;
  }
  auto r = store_.put_link({"relation", key, std::to_string(number), "", util::now_unix()});
  if (!r) return r.error();
  return number;
}

Result<void> OrderRun::sync_order(int64_t id, const std::string& label) {
  auto order = source_.get_order(id);
  if (!order) return order.error();
  rapidjson::Document ctx(rapidjson::kObjectType);
  auto& a = ctx.GetAllocator();
  ctx.AddMember("shop_id", rapidjson::Value(shop_id_.c_str(), a), a);
  auto accepted = order_mapping_->accepts(scope(*order, ctx));
  if (!accepted) return make_error(accepted.error().cls, fmt::format("{}: when: {}", label, accepted.error().message));
  if (!*accepted) {
    ++summary_.filtered;
    return {};
  }
  auto relation = relation_for(*order, label);
  if (!relation) return relation.error();
  ctx.AddMember("relation_number", *relation, a);
  auto mapped = order_mapping_->map(scope(*order, ctx));
  if (!mapped) return make_error(mapped.error().cls, fmt::format("{}: {}", label, mapped.error().message));
  if (!*mapped) {
    ++summary_.filtered;  // a lookup with on_missing: skip_record
    return {};
  }
  const rapidjson::Document& target = **mapped;
  if (!target.HasMember("lineList")) {
    return make_error(ErrorClass::permanent, fmt::format("{}: the order has no lines to book", label));
  }
  if (!target.IsObject() || !target.HasMember("extOrderId") || !target["extOrderId"].IsString() ||
      target["extOrderId"].GetStringLength() == 0) {
    return make_error(ErrorClass::permanent,
                      fmt::format("{}: the order mapping gave no extOrderId; it is the key that prevents duplicates",
                                  label));
  }
  const std::string ext_id = target["extOrderId"].GetString();
  auto outcome = writer_.create_order(target, ext_id, label);
  if (!outcome) return outcome.error();
  if (outcome->already_existed) {
    ++summary_.linked;
    ops::log_info("order already in Mplus; linked", {{"record", label}, {"extOrderId", ext_id}});
  } else {
    ++summary_.created;
    ops::log_info(writer_.dry_run() ? "order planned" : "order created", {{"record", label}, {"extOrderId", ext_id}});
  }
  if (writer_.dry_run()) return {};
  return store_.put_link(
      {"order", std::to_string(id), outcome->order_id, util::sha256_hex(to_json(target)), util::now_unix()});
}

}  // namespace

OrderFlow::OrderFlow(const config::Config& config, ls::Client& source, mplus::Client& target, state::StateStore& store,
                     Writer& writer)
    : config_(config), source_(source), target_(target), store_(store), writer_(writer) {}

Result<RunSummary> OrderFlow::run(const SyncOptions& options) {
  OrderRun pass(config_, source_, target_, store_, writer_, options);
  return pass.run();
}

}  // namespace lsmplus::flows
