#include "server/content_encoding.hpp"

#include <httplib.h>

#include <cctype>

namespace badung::cityd {

std::string content_encoding(const httplib::Request& req) {
    const std::size_t count = req.get_header_value_count("Content-Encoding");
    std::string value;
    for (std::size_t i = 0; i < count; ++i) {
        value += (i == 0 ? "" : ", ") + req.get_header_value("Content-Encoding", i);
    }
    for (auto& c : value) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return value;
}

namespace {

// x-gzip is gzip's old name, which a recipient should treat as gzip
// (RFC 9110 8.4.1.3).
bool is_gzip_coding(const std::string& coding) {
    return coding == "gzip" || coding == "x-gzip";
}

} // namespace

bool has_gzip_body(const httplib::Request& req) {
    return is_gzip_coding(content_encoding(req));
}

std::optional<std::string> find_unsupported_content_encoding(const httplib::Request& req) {
    // Several headers or a list such as "gzip, br" stand for stacked
    // codings, which no route decodes.
    const std::string coding = content_encoding(req);
    if (coding.empty() || coding == "identity") {
        return std::nullopt;
    }
    const bool takes_gzip = req.method == "POST" && req.path == "/open311/v2/requests.json";
    if (takes_gzip && is_gzip_coding(coding)) {
        return std::nullopt;
    }

    const std::string what_to_send = takes_gzip
                                         ? "send the body uncompressed, or compressed with Content-Encoding: gzip"
                                         : "send the body uncompressed, without Content-Encoding";
    return "Content-Encoding '" + req.get_header_value("Content-Encoding") + "' is not supported on " + req.path +
           "; " + what_to_send;
}

} // namespace badung::cityd
