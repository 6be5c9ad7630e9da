#pragma once

#include "server/config.hpp"
#include "server/report_area.hpp"
#include "server/report_store.hpp"
#include "server/service_catalog.hpp"

#include <string>
#include <vector>

namespace httplib {
class Server;
class ContentReader;
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Services, database, settings and report area used by the Open311 handlers.
struct Open311Context {
    const ServiceCatalog& services;
    ReportStore& reports;
    const Config& config;
    const ReportArea& area;
};

// Registers Open311 GeoReport v2 routes below /open311/v2/:
// GET services.json, GET services/{code}.json, POST requests.json,
// GET requests.json and GET requests/{id}.json. Errors are Open311 arrays
// [{"code": N, "description": "..."}] with N the HTTP status. Query
// parameters these routes do not use (api_key, jurisdiction_id, ...) are
// ignored, as Open311 clients commonly send them.
void register_open311_routes(httplib::Server& server, Open311Context& context);

// Serves POST /open311/v2/requests.json: reads an urlencoded or JSON body
// of up to max_request_bytes (413 above, 415 for another Content-Type),
// validates it (400 naming the field), stores it and returns 201 with
// [{"service_request_id", "service_notice"}]. An Idempotency-Key header
// makes a retry with the same body return the first response and store
// nothing, and the same key with another body get 422.
// Returns service requests as the JSON array that GET requests.json sends.
std::string service_requests_json(const std::vector<PublicServiceRequest>& requests, const ServiceCatalog& services);

void handle_post_request(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                         Open311Context& context);

} // namespace badung::cityd
