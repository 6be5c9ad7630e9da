#pragma once

#include "server/command_line.hpp"
#include "server/config.hpp"
#include "server/layer_store.hpp"
#include "server/media_api.hpp"
#include "server/open311_api.hpp"
#include "server/personal_data_purge.hpp"
#include "server/rate_limit.hpp"
#include "server/report_store.hpp"
#include "server/service_catalog.hpp"

#include <memory>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// The badung-cityd HTTP server: static files of the web build at /, map data
// at /data/, OGC API - Features for the map layers and Open311 GeoReport v2
// for service requests. Loads the layers and services and opens the report
// database on construction.
class CityServer {
public:
    // Throws ServiceCatalogError or DatabaseError when the services file or
    // the database cannot be used.
    CityServer(const CommandLine& options, Config config);
    ~CityServer();

    CityServer(const CityServer&) = delete;
    CityServer& operator=(const CityServer&) = delete;

    // Binds the listening socket, where port 0 picks a free port. Returns the
    // bound port, or -1 when the address cannot be bound.
    int bind();

    // Serves requests until stop(). Returns false when serving failed.
    bool run();

    // Makes run() return after the requests in progress finish. Safe to
    // call from any thread.
    void stop();

private:
    void register_routes();
    void register_static_routes();
    void register_cross_cutting_handlers();
    void apply_cors(const httplib::Request& req, httplib::Response& res) const;
    // Sets a 400 response and returns true when public_base_url is not set
    // and the Host header is not a valid host[:port].
    bool reject_bad_host(const httplib::Request& req, httplib::Response& res) const;
    // Sets a 405 response with an Allow header and returns true when no
    // route of the path serves the request's method.
    bool reject_method(const httplib::Request& req, httplib::Response& res) const;
    // Sets a 400 or 413 response and returns true when the Content-Length
    // header is not a number or is above max_request_bytes.
    bool reject_declared_body(const httplib::Request& req, httplib::Response& res) const;
    bool reject_ambiguous_framing(const httplib::Request& req, httplib::Response& res) const;

    CommandLine options_;
    Config config_;
    LayerStore layers_;
    ServiceCatalog services_;
    ReportStore reports_;
    ReportArea report_area_;
    Open311Context open311_;
    MediaContext media_;
    RateLimiter rate_limiter_;
    std::unique_ptr<PersonalDataPurge> purge_;
    std::unique_ptr<httplib::Server> http_;
};

} // namespace badung::cityd
