#include "feature_text.hpp"

#include <cpl_string.h>

namespace badung::geodata {

namespace {

/// Repairs the items of string list field `index`. Returns nothing when all are valid.
std::optional<text::Utf8Repair> repair_string_list(OGRFeature& feature, int index) {
  char** items = feature.GetFieldAsStringList(index);
  bool valid = true;
  for (char** item = items; item != nullptr && *item != nullptr; ++item) {
    valid = valid && text::is_valid_utf8(*item);
  }
  if (valid) {
    return std::nullopt;
  }

  text::Utf8Repair total;
  CPLStringList repaired;
  for (char** item = items; item != nullptr && *item != nullptr; ++item) {
    text::Utf8Repair repair = text::repair_utf8(*item);
    if (total.replaced == 0 && repair.replaced > 0) {
      total.first_offset = repair.first_offset;
      total.first_bytes = repair.first_bytes;
    }
    total.replaced += repair.replaced;
    repaired.AddString(repair.text.c_str());
  }
  feature.SetField(index, repaired.List());
  return total;
}

std::optional<text::Utf8Repair> repair_field(OGRFeature& feature, int index) {
  const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
  if (!feature.IsFieldSetAndNotNull(index)) {
    return std::nullopt;
  }
  if (type == OFTStringList) {
    return repair_string_list(feature, index);
  }
  if (type != OFTString) {
    return std::nullopt;
  }

  const char* text = feature.GetFieldAsString(index);
  if (text::is_valid_utf8(text)) {
    return std::nullopt;
  }
  text::Utf8Repair repair = text::repair_utf8(text);
  feature.SetField(index, repair.text.c_str());
  return repair;
}

}  // namespace

std::vector<TextRepair> repair_feature_text(OGRFeature& feature, std::optional<JsonId>& json_id) {
  std::vector<TextRepair> repairs;
  bool id_field_repaired = false;
  for (int i = 0; i < feature.GetFieldCount(); ++i) {
    if (auto repair = repair_field(feature, i)) {
      const std::string name = feature.GetFieldDefnRef(i)->GetNameRef();
      id_field_repaired = id_field_repaired || name == "id";
      repairs.push_back({name, std::move(*repair)});
    }
  }

  if (json_id && !json_id->is_number && !text::is_valid_utf8(json_id->text)) {
    text::Utf8Repair repair = text::repair_utf8(json_id->text);
    json_id->text = repair.text;
    if (!id_field_repaired) {
      repairs.push_back({"id", std::move(repair)});
    }
  }
  return repairs;
}

std::vector<std::string> invalid_field_names(const OGRFeatureDefn& definition) {
  std::vector<std::string> names;
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const char* name = definition.GetFieldDefn(i)->GetNameRef();
    if (!text::is_valid_utf8(name)) {
      names.emplace_back(name);
    }
  }
  return names;
}

}  // namespace badung::geodata
