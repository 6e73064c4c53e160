#include "lsmplus/flows/writer.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace lsmplus::flows {

std::string Plan::to_json_lines() const {
  std::string out;
  for (const auto& w : writes_) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> json(buf);
    json.StartObject();
    json.Key("target");
    json.String(w.target);
    json.Key("operation");
    json.String(w.operation);
    json.Key("key");
    json.String(w.key);
    json.Key("record");
    json.String(w.record);
    json.Key("payload");
    w.payload.Accept(json);
    json.EndObject();
    out += buf.GetString();
    out += '\n';
  }
  return out;
}

void Writer::record(const char* operation, const rapidjson::Value& payload, const std::string& key,
                    const std::string& source_record) {
  PlannedWrite w;
  w.target = "mplus";
  w.operation = operation;
  w.key = key;
  w.record = source_record;
  w.payload.CopyFrom(payload, w.payload.GetAllocator());
  plan_.add(std::move(w));
}

namespace {

class MplusWriter final : public Writer {
 public:
  explicit MplusWriter(mplus::Client& client) : client_(client) {}

  Result<int64_t> create_relation(const rapidjson::Value& relation, const std::string& key,
                                  const std::string& source_record) override {
    record("createRelation", relation, key, source_record);
    return client_.create_relation(relation);
  }

  Result<mplus::CreateOrderOutcome> create_order(const rapidjson::Value& order, const std::string& key,
                                                 const std::string& source_record) override {
    record("createOrder", order, key, source_record);
    return client_.create_order(order);
  }

  bool dry_run() const override { return false; }

 private:
  mplus::Client& client_;
};

class DryRunWriter final : public Writer {
 public:
  Result<int64_t> create_relation(const rapidjson::Value& relation, const std::string& key,
                                  const std::string& source_record) override {
    record("createRelation", relation, key, source_record);
    return int64_t{0};
  }

  Result<mplus::CreateOrderOutcome> create_order(const rapidjson::Value& order, const std::string& key,
                                                 const std::string& source_record) override {
    record("createOrder", order, key, source_record);
    return mplus::CreateOrderOutcome{};
  }

  bool dry_run() const override { return true; }
};

}  // namespace

std::unique_ptr<Writer> make_mplus_writer(mplus::Client& client) { return std::make_unique<MplusWriter>(client); }

std::unique_ptr<Writer> make_dry_run_writer() { return std::make_unique<DryRunWriter>(); }

}  // namespace lsmplus::flows
