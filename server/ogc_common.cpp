#include "server/ogc_common.hpp"

#include "server/http_errors.hpp"
#include "server/request_helpers.hpp"

#include <httplib.h>

namespace badung::cityd {

void write_link(JsonWriter& writer, const std::string& href, const char* rel, const char* type, const char* title) {
    writer.StartObject();
    writer.Key("href");
    writer.String(href);
    writer.Key("rel");
    writer.String(rel);
    writer.Key("type");
    writer.String(type);
    if (title != nullptr) {
        writer.Key("title");
        writer.String(title);
    }
    writer.EndObject();
}

void send_json(httplib::Response& res, const rapidjson::StringBuffer& buffer, const char* type) {
    res.status = 200;
    res.set_content(buffer.GetString(), buffer.GetSize(), type);
}

bool check_parameters(const httplib::Request& req, httplib::Response& res,
                      std::initializer_list<std::string_view> allowed) {
    if (const auto problem = find_bad_parameter(req, allowed)) {
        send_ogc_error(res, 400, "InvalidParameterValue", *problem);
        return false;
    }
    if (req.has_param("f")) {
        const auto format = req.get_param_value("f");
        if (format != "json" && format != "geojson") {
            send_ogc_error(res, 400, "InvalidParameterValue",
                           "f=" + format + " is not offered; this API returns JSON only, so use f=json or leave f out");
            return false;
        }
    }
    return true;
}

const Collection* find_collection(const LayerStore& layers, const std::string& id, httplib::Response& res) {
    const Collection* collection = layers.find(id);
    if (collection == nullptr) {
        send_ogc_error(res, 404, "NotFound",
                       "collection '" + id + "' does not exist; GET /collections lists the collections, and a layer "
                       "added by badung-geodata build is listed after a server restart");
    }
    return collection;
}

} // namespace badung::cityd
