#include "server/ogc_features_api.hpp"

#include "server/ogc_common.hpp"
#include "server/ogc_items.hpp"
#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/request_helpers.hpp"
#include "server/wita_time.hpp"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::cityd {

namespace {

void write_collection(JsonWriter& writer, const Collection& collection, const std::string& base, bool english) {
    const std::string href = base + "/collections/" + url_encode(collection.id);
    writer.StartObject();
    writer.Key("id");
    writer.String(collection.id);
    writer.Key("title");
    writer.String(english && !collection.title_en.empty() ? collection.title_en : collection.title_id);
    writer.Key("titles");
    writer.StartObject();
    writer.Key("id");
    writer.String(collection.title_id);
    writer.Key("en");
    writer.String(collection.title_en);
    writer.EndObject();
    if (!collection.description.empty()) {
        writer.Key("description");
        writer.String(collection.description);
    }
    writer.Key("license");
    writer.String(collection.licence);
    writer.Key("attribution");
    writer.String(collection.attribution);
    writer.Key("itemType");
    writer.String("feature");
    writer.Key("crs");
    writer.StartArray();
    writer.String(crs84_uri);
    writer.EndArray();

    if (collection.extent) {
        const LonLatBox& box = *collection.extent;
        writer.Key("extent");
        writer.StartObject();
        writer.Key("spatial");
        writer.StartObject();
        writer.Key("bbox");
        writer.StartArray();
        writer.StartArray();
        writer.Double(box.west);
        writer.Double(box.south);
        writer.Double(box.east);
        writer.Double(box.north);
        writer.EndArray();
        writer.EndArray();
        writer.Key("crs");
        writer.String(crs84_uri);
        writer.EndObject();
        writer.EndObject();
    }

    writer.Key("links");
    writer.StartArray();
    write_link(writer, href, "self", "application/json");
    write_link(writer, href + "/items", "items", geojson_media_type);
    writer.EndArray();
    writer.EndObject();
}

void handle_conformance(const httplib::Request& req, httplib::Response& res) {
    if (!check_parameters(req, res, {"f"})) {
        return;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("conformsTo");
    writer.StartArray();
    writer.String("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    writer.String("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
    writer.EndArray();
    writer.EndObject();
    send_json(res, buffer, "application/json");
}

void handle_collections(const httplib::Request& req, httplib::Response& res, const LayerStore& layers,
                        const Config& config) {
    if (!check_parameters(req, res, {"f"})) {
        return;
    }
    const std::string base = base_url(req, config);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("links");
    writer.StartArray();
    write_link(writer, base + "/collections", "self", "application/json");
    writer.EndArray();
    writer.Key("collections");
    writer.StartArray();
    for (const auto& collection : layers.collections()) {
        write_collection(writer, collection, base, prefers_english(req));
    }
    writer.EndArray();
    writer.EndObject();
    send_json(res, buffer, "application/json");
}

void handle_collection(const httplib::Request& req, httplib::Response& res, const LayerStore& layers,
                       const Config& config) {
    if (!check_parameters(req, res, {"f"})) {
        return;
    }
    const Collection* collection = find_collection(layers, req.matches[1], res);
    if (collection == nullptr) {
        return;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    write_collection(writer, *collection, base_url(req, config), prefers_english(req));
    send_json(res, buffer, "application/json");
}

void handle_feature(const httplib::Request& req, httplib::Response& res, const LayerStore& layers,
                    const Config& config) {
    if (!check_parameters(req, res, {"f"})) {
        return;
    }
    const Collection* collection = find_collection(layers, req.matches[1], res);
    if (collection == nullptr) {
        return;
    }
    const std::string feature_id = req.matches[2];
    const StoredFeature* feature = collection->find_feature(feature_id);
    if (feature == nullptr) {
        send_ogc_error(res, 404, "NotFound",
                       "feature '" + feature_id + "' does not exist in collection '" + collection->id +
                           "'; GET /collections/" + collection->id + "/items lists its features");
        return;
    }

    // Stored features are valid JSON objects: add links and write them back.
    rapidjson::Document document;
    document.Parse(feature->json.c_str(), feature->json.size());
    const std::string collection_href = base_url(req, config) + "/collections/" + url_encode(collection->id);
    const std::string self_href = collection_href + "/items/" + url_encode(feature->id);

    auto& allocator = document.GetAllocator();
    rapidjson::Value links(rapidjson::kArrayType);
    for (const auto& [href, rel, type] : {std::tuple{self_href, "self", geojson_media_type},
                                          std::tuple{collection_href, "collection", "application/json"}}) {
        rapidjson::Value link(rapidjson::kObjectType);
        link.AddMember("href", rapidjson::Value(href.c_str(), allocator), allocator);
        link.AddMember("rel", rapidjson::StringRef(rel), allocator);
        link.AddMember("type", rapidjson::StringRef(type), allocator);
        links.PushBack(link, allocator);
    }
    document.RemoveMember("links");
    document.AddMember("links", links, allocator);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    document.Accept(writer);
    send_maybe_gzipped(req, res, std::string(buffer.GetString(), buffer.GetSize()), geojson_media_type);
}

} // namespace

void send_landing_page(const httplib::Request& req, httplib::Response& res, const Config& config) {
    const std::string base = base_url(req, config);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("title");
    writer.String("Peta Kabupaten Badung");
    writer.Key("description");
    writer.String("Map layers of Kabupaten Badung (Bali) as OGC API - Features, and service requests as Open311 "
                  "GeoReport v2 at /open311/v2/.");
    writer.Key("links");
    writer.StartArray();
    write_link(writer, base + "/?f=json", "self", "application/json", "This document");
    write_link(writer, base + "/", "alternate", "text/html", "The map");
    write_link(writer, base + "/conformance", "conformance", "application/json", "Conformance classes");
    write_link(writer, base + "/collections", "data", "application/json", "Map layers");
    write_link(writer, base + "/open311/v2/services.json", "service", "application/json",
               "Open311 services");
    writer.EndArray();
    writer.EndObject();
    send_json(res, buffer, "application/json");
}

void register_ogc_features_routes(httplib::Server& server, const LayerStore& layers, const Config& config) {
    server.Get("/conformance", handle_conformance);
    server.Get("/collections", [&layers, &config](const httplib::Request& req, httplib::Response& res) {
        handle_collections(req, res, layers, config);
    });
    server.Get("/collections/([^/]+)", [&layers, &config](const httplib::Request& req, httplib::Response& res) {
        handle_collection(req, res, layers, config);
    });
    server.Get("/collections/([^/]+)/items",
               [&layers, &config](const httplib::Request& req, httplib::Response& res) {
                   handle_items(req, res, layers, config);
               });
    server.Get("/collections/([^/]+)/items/(.+)",
               [&layers, &config](const httplib::Request& req, httplib::Response& res) {
                   handle_feature(req, res, layers, config);
               });
}

} // namespace badung::cityd
