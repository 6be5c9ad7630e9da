#pragma once

#include "server/config.hpp"
#include "server/layer_store.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Registers OGC API - Features Part 1 (Core, GeoJSON) routes:
// /conformance, /collections, /collections/{id}, /collections/{id}/items and
// /collections/{id}/items/{featureId}. Errors are OGC API exceptions.
//
// Query parameters not named by the standard for a resource are rejected
// with 400, naming the parameter. `limit` above the maximum is lowered to
// the maximum, following the example in the OGC API - Features Part 1 text
// (a request for 50000 gets up to 10000 items and a next link). `datetime`
// is accepted and has no effect, because no layer has a time property.
void register_ogc_features_routes(httplib::Server& server, const LayerStore& layers, const Config& config);

// Writes the OGC API landing page (JSON) to `res`.
void send_landing_page(const httplib::Request& req, httplib::Response& res, const Config& config);

} // namespace badung::cityd
