#include "source.hpp"

#include <filesystem>

#include <cpl_error.h>
#include <cpl_string.h>

#include "errors.hpp"
#include "geojson_prescan.hpp"

namespace badung::geodata {

namespace {

/// Open options the tool adds for drivers that need them: CSV columns that
/// hold coordinates, no .gfs file written beside a GML source, and the
/// feature JSON of a GeoJSON source.
std::vector<std::string> default_open_options(const std::string& path) {
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  const std::string name = driver != nullptr ? GDALGetDriverShortName(driver) : "";
  if (name == "CSV") {
    return {"X_POSSIBLE_NAMES=lon,lng,long,longitude,bujur,x,easting,easting_m,timur",
            "Y_POSSIBLE_NAMES=lat,latitude,lintang,y,northing,northing_m,utara",
            "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=YES"};
  }
  if (name == "GML") {
    return {"WRITE_GFS=NO"};
  }
  if (name == "GeoJSON") {
    return {"NATIVE_DATA=YES"};  // each feature's JSON, from which read_json_id takes the typed id
  }
  return {};
}

bool looks_like_file(const std::string& path) {
  return path.find("://") == std::string::npos && path.rfind("/vsi", 0) != 0 &&
         path.find(':') == std::string::npos;
}

/// Throws InputError for a source GDAL cannot open: for a GeoJSON or empty
/// file it says what is wrong and where, else it gives GDAL's message.
[[noreturn]] void throw_unreadable(const std::string& path) {
  const std::string gdal_message = CPLGetLastErrorMsg();
  if (looks_like_file(path) && std::filesystem::is_regular_file(path)) {
    if (std::filesystem::file_size(path) == 0) {
      throw InputError("source '" + path + "' is empty (0 bytes): check that it was fully written or downloaded");
    }
    if (is_geojson_file(path)) {
      if (auto reason = explain_unreadable_geojson(path)) {
        throw InputError("cannot read '" + path + "': " + *reason + ": fix the file or export it again");
      }
    }
  }

  std::string message = "cannot open '" + path + "' as a vector source";
  if (!gdal_message.empty()) {
    message += " (" + gdal_message + ")";
  }
  throw InputError(message + ": check that GDAL/OGR can read its format");
}

}  // namespace

GDALDatasetUniquePtr open_source(const IngestOptions& options) {
  if (looks_like_file(options.source_path) && !std::filesystem::exists(options.source_path)) {
    throw InputError("source '" + options.source_path + "' not found: check the path");
  }

  auto open_options = default_open_options(options.source_path);
  open_options.insert(open_options.end(), options.open_options.begin(), options.open_options.end());
  CPLStringList list;
  for (const auto& option : open_options) {
    list.AddString(option.c_str());
  }

  GDALDatasetUniquePtr dataset(GDALDataset::Open(options.source_path.c_str(),
      GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, list.List(), nullptr));
  if (!dataset) {
    throw_unreadable(options.source_path);
  }
  return dataset;
}

namespace {

std::string layer_names(GDALDataset& dataset) {
  std::string names;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) {
    names += (i == 0 ? "" : ", ") + std::string(dataset.GetLayer(i)->GetName());
  }
  return names;
}

}  // namespace

OGRLayer* pick_layer(const IngestOptions& options, GDALDataset& dataset, OGRLayer*& result_set) {
  OGRLayer* layer = nullptr;
  if (!options.sql.empty()) {
    layer = dataset.ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
    if (layer == nullptr) {
      throw InputError("SQL '" + options.sql + "' failed on '" + options.source_path + "': " +
                       CPLGetLastErrorMsg());
    }
    result_set = layer;
  } else if (!options.layer_name.empty()) {
    layer = dataset.GetLayerByName(options.layer_name.c_str());
    if (layer == nullptr) {
      throw InputError("layer '" + options.layer_name + "' not found in '" + options.source_path +
                       "': its layers are " + layer_names(dataset));
    }
  } else {
    if (dataset.GetLayerCount() == 0) {
      throw InputError("'" + options.source_path + "' has no vector layer");
    }
    layer = dataset.GetLayer(0);
  }

  if (!options.where.empty() && layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE) {
    throw InvalidFilter("attribute filter '" + options.where + "' is invalid for '" +
                     options.source_path + "': " + CPLGetLastErrorMsg());
  }
  return layer;
}

}  // namespace badung::geodata
