#include "json_id.hpp"

#include <cstring>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::geodata {

bool JsonId::is_integer() const {
  if (!is_number || text.empty()) {
    return false;
  }
  const std::size_t start = text[0] == '-' ? 1 : 0;
  return start < text.size() && text.find_first_not_of("0123456789", start) == std::string::npos;
}

std::optional<JsonId> read_json_id(const OGRFeature& feature) {
  const char* native = feature.GetNativeData();
  const char* media_type = feature.GetNativeMediaType();
  if (native == nullptr || media_type == nullptr || std::strcmp(media_type, "application/vnd.geo+json") != 0) {
    return std::nullopt;
  }

  rapidjson::Document document;
  document.Parse(native);
  if (document.HasParseError() || !document.IsObject()) {
    return std::nullopt;
  }
  const auto id = document.FindMember("id");
  if (id == document.MemberEnd()) {
    return std::nullopt;
  }
  if (id->value.IsString()) {
    return JsonId{std::string(id->value.GetString(), id->value.GetStringLength()), false};
  }
  if (!id->value.IsNumber()) {
    return std::nullopt;  // RFC 7946 allows only strings and numbers
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  id->value.Accept(writer);
  return JsonId{buffer.GetString(), true};
}

}  // namespace badung::geodata
