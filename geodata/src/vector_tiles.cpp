#include "vector_tiles.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "errors.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

struct DatasetCloser {
  void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

std::string last_gdal_error() {
  const char* message = CPLGetLastErrorMsg();
  return message != nullptr && *message != '\0' ? message : "no message from GDAL";
}

/// Returns the box around every built layer, in lon/lat.
std::array<double, 4> union_bbox(const std::vector<BuiltLayer>& layers) {
  std::array<double, 4> box = {180, 90, -180, -90};
  for (const auto& layer : layers) {
    if (layer.features == 0) {
      continue;
    }
    box[0] = std::min(box[0], layer.bbox[0]);
    box[1] = std::min(box[1], layer.bbox[1]);
    box[2] = std::max(box[2], layer.bbox[2]);
    box[3] = std::max(box[3], layer.bbox[3]);
  }
  return box;
}

/// Copies the features and fields of one GeoJSON layer into a new tile layer.
void copy_layer(GDALDataset& tiles, const fs::path& out, const BuiltLayer& built) {
  const std::string source_path = (out / built.file).string();
  DatasetPtr source(GDALDataset::Open(source_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!source || source->GetLayerCount() != 1) {
    throw InputError("cannot read '" + source_path + "' for the vector tiles: " + last_gdal_error());
  }
  OGRLayer* in = source->GetLayer(0);

  CPLStringList options;
  options.SetNameValue("MINZOOM", std::to_string(layer_min_zoom(*built.spec)).c_str());
  options.SetNameValue("MAXZOOM", std::to_string(kTileMaxZoom).c_str());
  options.SetNameValue("DESCRIPTION", built.spec->title_en.c_str());
  OGRLayer* layer = tiles.CreateLayer(built.spec->id.c_str(), in->GetSpatialRef(),
                                      in->GetGeomType(), options.List());
  if (layer == nullptr) {
    throw InputError("cannot create tile layer '" + built.spec->id + "': " + last_gdal_error());
  }

  OGRFeatureDefn* fields = in->GetLayerDefn();
  for (int i = 0; i < fields->GetFieldCount(); ++i) {
    layer->CreateField(fields->GetFieldDefn(i));
  }
  for (auto& feature : *in) {
    auto copy = std::unique_ptr<OGRFeature>(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    copy->SetFrom(feature.get(), TRUE);
    if (layer->CreateFeature(copy.get()) != OGRERR_NONE) {
      throw InputError("cannot write feature " + std::to_string(feature->GetFID()) + " of '" +
                       built.spec->id + "' to the vector tiles: " + last_gdal_error());
    }
  }
}

}  // namespace

int layer_min_zoom(const LayerSpec& layer) {
  static const std::set<std::string> kDensePoints = {"sekolah", "ibadah", "faskes-osm", "halte"};
  if (kDensePoints.count(layer.id) != 0) {
    return 12;
  }
  if (layer.id == "kabupaten" || layer.id == "kecamatan" || layer.category == "peta-dasar") {
    return kTileMinZoom;
  }
  return 10;
}

std::string write_vector_tiles(const fs::path& out, const std::vector<BuiltLayer>& layers) {
  const fs::path path = out / "badung.mbtiles";
  std::error_code ignored;
  fs::remove(path, ignored);

  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MBTiles");
  if (driver == nullptr) {
    throw InputError("GDAL has no MBTiles driver: install a GDAL built with SQLite");
  }
  const auto box = union_bbox(layers);
  const std::string bounds = std::to_string(box[0]) + "," + std::to_string(box[1]) + "," +
                             std::to_string(box[2]) + "," + std::to_string(box[3]);
  const std::string center = std::to_string((box[0] + box[2]) / 2) + "," +
                             std::to_string((box[1] + box[3]) / 2) + ",12";

  CPLStringList options;
  options.SetNameValue("NAME", "badung");
  options.SetNameValue("DESCRIPTION", "Kabupaten Badung map layers");
  options.SetNameValue("TYPE", "overlay");
  options.SetNameValue("MINZOOM", std::to_string(kTileMinZoom).c_str());
  options.SetNameValue("MAXZOOM", std::to_string(kTileMaxZoom).c_str());
  options.SetNameValue("EXTENT", "4096");
  // 64 units of 4096 on each side: wide enough that line joins and fills
  // meet across tile edges at every zoom.
  options.SetNameValue("BUFFER", "64");
  // Douglas-Peucker tolerance in tile units up to z15; z16 keeps full detail.
  options.SetNameValue("SIMPLIFICATION", "1.5");
  options.SetNameValue("SIMPLIFICATION_MAX_ZOOM", "0.5");
  options.SetNameValue("BOUNDS", bounds.c_str());
  options.SetNameValue("CENTER", center.c_str());

  DatasetPtr tiles(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, options.List()));
  if (!tiles) {
    throw InputError("cannot create '" + path.string() + "': " + last_gdal_error());
  }
  for (const auto& layer : layers) {
    copy_layer(*tiles, out, layer);
  }
  // The tiles are generated when the dataset closes.
  tiles.reset();
  if (!fs::exists(path)) {
    throw InputError("GDAL wrote no '" + path.string() + "': " + last_gdal_error());
  }
  return path.string();
}

}  // namespace badung::geodata
