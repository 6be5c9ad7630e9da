#pragma once

#include "server/config.hpp"
#include "server/layer_store.hpp"

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Serves GET /collections/{id}/items: a GeoJSON FeatureCollection page of
// the features whose bbox meets the `bbox` query (closed boxes), in file
// order, from `offset` (default 0), at most `limit` of them. The default and
// maximum limit come from the config, and a larger limit is lowered to the maximum.
// Adds numberMatched, numberReturned, timeStamp (WITA) and links self,
// collection, and next while more remain. Errors are OGC API exceptions.
void handle_items(const httplib::Request& req, httplib::Response& res, const LayerStore& layers,
                  const Config& config);

} // namespace badung::cityd
