#pragma once
// Opening an OGR source for ingest: driver-specific open options, the layer
// (by name, or an SQL result) and the attribute filter.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "ingest.hpp"

namespace badung::geodata {

/// Opens `options.source_path` read-only. Throws InputError if the file is
/// missing or no OGR driver can read it.
GDALDatasetUniquePtr open_source(const IngestOptions& options);

/// Returns the layer to read: the SQL result (also stored in `result_set`,
/// which the caller releases), the named layer or the first one, with the
/// attribute filter set. Throws InputError naming the SQL, the missing layer
/// (and the layers there are) or the invalid filter.
OGRLayer* pick_layer(const IngestOptions& options, GDALDataset& dataset, OGRLayer*& result_set);

}  // namespace badung::geodata
