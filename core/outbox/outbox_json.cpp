#include "core/outbox/outbox_json.hpp"

#include "core/json/parse.hpp"
#include "core/open311/json_value.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::outbox {

namespace {

constexpr const char* format_name = "badung-outbox";
constexpr int format_version = 1;

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_text(Writer& writer, const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_fields(Writer& writer, const open311::FormFields& fields) {
    writer.Key("fields");
    writer.StartArray();
    for (const open311::FormField& field : fields.entries()) {
        writer.StartArray();
        writer.String(field.name.data(), static_cast<rapidjson::SizeType>(field.name.size()));
        writer.String(field.value.data(), static_cast<rapidjson::SizeType>(field.value.size()));
        writer.EndArray();
    }
    writer.EndArray();
}

void write_item(Writer& writer, const OutboxItem& item) {
    writer.StartObject();
    write_text(writer, "local_id", item.local_id);
    write_text(writer, "idempotency_key", item.idempotency_key);
    write_text(writer, "state", state_name(item.state));
    write_text(writer, "created_at", time::format_date_time(item.created_at));
    writer.Key("attempts");
    writer.Int(item.attempts);
    if (item.next_attempt_ms != 0) {
        write_text(writer, "next_attempt_at", time::format_date_time(item.next_attempt_ms, 0));
    }
    write_fields(writer, item.fields);
    if (!item.service_request_id.empty()) {
        write_text(writer, "service_request_id", item.service_request_id);
    }
    if (!item.token.empty()) {
        write_text(writer, "token", item.token);
    }
    if (item.http_status != 0) {
        writer.Key("http_status");
        writer.Int(item.http_status);
    }
    if (!item.last_error.empty()) {
        write_text(writer, "last_error", item.last_error);
    }
    writer.EndObject();
}

std::string required_text(const rapidjson::Value& object, const char* name) {
    std::string value = open311::member_text(object, name).value_or("");
    if (value.empty()) {
        throw InvalidOutboxJson(std::string("\"") + name + "\" is missing");
    }
    return value;
}

open311::FormFields read_fields(const rapidjson::Value& object) {
    open311::FormFields fields;
    const auto it = object.FindMember("fields");
    if (it == object.MemberEnd()) {
        return fields;
    }
    if (!it->value.IsArray()) {
        throw InvalidOutboxJson("\"fields\" is not an array of [name, value] pairs");
    }
    for (const rapidjson::Value& pair : it->value.GetArray()) {
        if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
            throw InvalidOutboxJson("field " + open311::json_text(pair).substr(0, 80) +
                                    " is not a [name, value] pair of strings");
        }
        fields.add(pair[0].GetString(), pair[1].GetString());
    }
    return fields;
}

OutboxItem read_item(const rapidjson::Value& object) {
    if (!object.IsObject()) {
        throw InvalidOutboxJson("item is not a JSON object");
    }

    OutboxItem item;
    item.local_id = required_text(object, "local_id");
    item.idempotency_key = required_text(object, "idempotency_key");

    const std::string state = required_text(object, "state");
    const auto parsed_state = state_from_name(state);
    if (!parsed_state) {
        throw InvalidOutboxJson("state \"" + state + "\" is not pending, sending, sent or needs_fix");
    }
    item.state = *parsed_state;

    item.created_at = time::parse_date_time(required_text(object, "created_at"));
    if (const auto next = open311::member_text(object, "next_attempt_at")) {
        item.next_attempt_ms = time::parse_date_time(*next).utc_ms;
    }
    item.attempts = static_cast<int>(open311::member_number(object, "attempts").value_or(0));
    item.fields = read_fields(object);
    item.service_request_id = open311::member_text(object, "service_request_id").value_or("");
    item.token = open311::member_text(object, "token").value_or("");
    item.http_status = static_cast<int>(open311::member_number(object, "http_status").value_or(0));
    item.last_error = open311::member_text(object, "last_error").value_or("");
    return item;
}

} // namespace

std::string items_to_json(const std::vector<OutboxItem>& items) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("format");
    writer.String(format_name);
    writer.Key("version");
    writer.Int(format_version);
    writer.Key("items");
    writer.StartArray();
    for (const OutboxItem& item : items) {
        write_item(writer, item);
    }
    writer.EndArray();
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

LoadedItems items_from_json(std::string_view json) {
    rapidjson::Document doc;
    badung::json::parse(doc, json);
    if (doc.HasParseError()) {
        throw InvalidOutboxJson("invalid JSON in the stored outbox at byte " +
                                std::to_string(doc.GetErrorOffset()) + ": " +
                                rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject() || !doc.HasMember("format") || !doc["format"].IsString() ||
        std::string_view(doc["format"].GetString()) != format_name) {
        throw InvalidOutboxJson("the stored outbox lacks \"format\": \"badung-outbox\"");
    }
    if (!doc.HasMember("version") || !doc["version"].IsInt() || doc["version"].GetInt() != format_version) {
        throw InvalidOutboxJson("the stored outbox has an unsupported version; expected 1");
    }
    if (!doc.HasMember("items") || !doc["items"].IsArray()) {
        throw InvalidOutboxJson("the stored outbox lacks its \"items\" array");
    }

    LoadedItems loaded;
    std::size_t index = 0;
    for (const rapidjson::Value& object : doc["items"].GetArray()) {
        try {
            loaded.items.push_back(read_item(object));
        } catch (const std::exception& error) {
            std::string local_id;
            if (object.IsObject() && object.HasMember("local_id") && object["local_id"].IsString()) {
                local_id = object["local_id"].GetString();
            }
            loaded.problems.push_back(LoadProblem{index, local_id, error.what()});
        }
        ++index;
    }
    return loaded;
}

} // namespace badung::outbox
