#include "server/open311_api.hpp"

#include "server/content_encoding.hpp"
#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/report_input.hpp"
#include "server/report_validation.hpp"
#include "server/sqlite_database.hpp"

#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::cityd {

namespace {

const char* const service_notice =
    "Laporan Anda sudah diterima dan akan ditinjau oleh petugas Kabupaten Badung. "
    "Your report was received and will be reviewed by Kabupaten Badung staff.";

enum class BodyKind { form, json, unsupported };

BodyKind body_kind(const httplib::Request& req) {
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') {
        type.pop_back();
    }
    for (auto& c : type) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (type == "application/x-www-form-urlencoded") {
        return BodyKind::form;
    }
    if (type == "application/json") {
        return BodyKind::json;
    }
    return BodyKind::unsupported;
}

// Returns the Idempotency-Key header, or writes a 400 and sets `invalid`
// when it is empty, too long or not printable ASCII.
std::optional<std::string> idempotency_key(const httplib::Request& req, httplib::Response& res, bool& invalid) {
    if (!req.has_header("Idempotency-Key")) {
        return std::nullopt;
    }
    const std::string key = req.get_header_value("Idempotency-Key");
    const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
    if (key.empty() || key.size() > 255 || !printable) {
        send_open311_error(res, 400,
                           "Idempotency-Key header is invalid; send 1 to 255 printable ASCII characters without "
                           "spaces, e.g. a UUID, and the same key on every retry");
        invalid = true;
        return std::nullopt;
    }
    return key;
}

enum class BodyRead { complete, too_large, failed, corrupt_gzip };

// Makes the body reader pass a gzip body on as it arrived. cpp-httplib
// 0.11.4 inflates it otherwise, but without checking that the stream ends,
// so a cut-short body would read as a shorter valid one. The library looks
// up Content-Encoding only when the reader runs, and its Request object is
// not const, so removing the header through this cast is defined behaviour.
void pass_body_undecoded(const httplib::Request& req) {
    const_cast<httplib::Request&>(req).headers.erase("Content-Encoding");
}

// Replaces a gzip `body` with its inflated bytes.
BodyRead inflate_body(std::string& body, std::size_t max_bytes) {
    GunzipResult inflated = gunzip_limited(body, max_bytes);
    switch (inflated.status) {
    case GunzipStatus::complete:
        body = std::move(inflated.data);
        return BodyRead::complete;
    case GunzipStatus::too_large:
        return BodyRead::too_large;
    case GunzipStatus::corrupt:
        break;
    }
    return BodyRead::corrupt_gzip;
}

// Reads the body up to `max_bytes`. The library refuses a body whose
// Content-Length is above its payload limit (the same value) before calling
// the receiver, so a failed read with such a length is too large as well.
BodyRead read_body(const httplib::Request& req, const httplib::ContentReader& reader, std::size_t max_bytes,
                   std::string& body) {
    bool too_large = false;
    const bool complete = reader([&](const char* data, std::size_t length) {
        if (body.size() + length > max_bytes) {
            too_large = true;
            return false;
        }
        body.append(data, length);
        return true;
    });
    if (complete && !too_large) {
        return BodyRead::complete;
    }
    const auto declared = req.get_header_value<std::uint64_t>("Content-Length");
    return too_large || declared > max_bytes ? BodyRead::too_large : BodyRead::failed;
}

std::string created_body(const std::string& service_request_id) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartArray();
    writer.StartObject();
    writer.Key("service_request_id");
    writer.String(service_request_id);
    writer.Key("service_notice");
    writer.String(service_notice);
    writer.EndObject();
    writer.EndArray();
    return buffer.GetString();
}

void store_request(const httplib::Request& req, httplib::Response& res, Open311Context& context,
                   const ServiceRequestDraft& draft, const std::optional<std::string>& key) {
    const CreateOutcome outcome = context.reports.create(draft, fingerprint(draft), key, created_body);

    switch (outcome.kind) {
    case CreateOutcome::Kind::created:
        log_event("service_request_created", {{"service_request_id", outcome.service_request_id},
                                              {"service_code", draft.service_code}});
        break;
    case CreateOutcome::Kind::replayed:
        res.set_header("Idempotent-Replayed", "true");
        log_event("service_request_replayed", {{"service_request_id", outcome.service_request_id},
                                               {"path", req.path}});
        break;
    case CreateOutcome::Kind::key_conflict:
        send_open311_error(res, 422,
                           "Idempotency-Key was already used for service request " + outcome.service_request_id +
                               " with a different body; send a new key for a new request");
        return;
    }
    res.status = outcome.status;
    res.set_content(outcome.response_body, "application/json");
}

} // namespace

void handle_post_request(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                         Open311Context& context) {
    const BodyKind kind = body_kind(req);
    if (kind == BodyKind::unsupported) {
        send_open311_error(res, 415,
                           "Content-Type '" + req.get_header_value("Content-Type") +
                               "' is not accepted; send application/x-www-form-urlencoded or application/json");
        return;
    }

    bool invalid_key = false;
    const auto key = idempotency_key(req, res, invalid_key);
    if (invalid_key) {
        return;
    }

    std::string body;
    const bool gzipped = has_gzip_body(req);
    if (gzipped) {
        pass_body_undecoded(req);
    }
    BodyRead read = read_body(req, reader, context.config.max_request_bytes, body);
    if (read == BodyRead::complete && gzipped) {
        read = inflate_body(body, context.config.max_request_bytes);
    }
    if (read == BodyRead::too_large) {
        send_open311_error(res, 413,
                           "the request body is larger than " + std::to_string(context.config.max_request_bytes) +
                               " bytes" + (gzipped ? " after gzip decoding" : "") +
                               "; shorten the description (at most 4,000 characters) and send photos as media_url");
        return;
    }
    if (read == BodyRead::failed) {
        send_open311_error(res, 400, "the request body could not be read completely; send it again");
        return;
    }
    if (read == BodyRead::corrupt_gzip) {
        send_open311_error(res, 400,
                           "the gzip body (Content-Encoding: gzip) is cut short or corrupt; send the whole gzip "
                           "stream, or send the body uncompressed without Content-Encoding");
        return;
    }

    ReportInput input;
    try {
        input = kind == BodyKind::form ? parse_form_report(body) : parse_json_report(body);
    } catch (const RequestBodyError& error) {
        send_open311_error(res, 400, error.what());
        return;
    }

    try {
        const ServiceRequestDraft draft = validate_report(input, context.services, context.area);
        store_request(req, res, context, draft, key);
    } catch (const ValidationError& error) {
        // The client may see its own value, and the log must not.
        send_open311_error(res, 400, error.what());
        set_request_log_reason(withhold_personal_values(error.what(), input));
    } catch (const DatabaseError& error) {
        log_event("database_error", {{"path", req.path}, {"reason", error.what()}});
        send_open311_error(res, 500, "the service request could not be stored; try again later");
    }
}

} // namespace badung::cityd
