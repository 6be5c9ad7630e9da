// libFuzzer target of the parsers that read untrusted service request input:
// the form and JSON bodies of POST requests.json, the ISO 8601 dates of
// GET requests.json and staff changes, and the image metadata stripper of
// POST /media. The first byte picks the parser, so one corpus covers all.
// A crash, sanitizer report or unexpected exception type fails the run.
#include "server/image_metadata.hpp"
#include "server/report_input.hpp"
#include "server/wita_time.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace badung::cityd;

void parse_body(std::string_view body, bool json) {
    try {
        const ReportInput input = json ? parse_json_report(body) : parse_form_report(body);
        for (const auto& [name, value] : input.fields) {
            (void)name;
            (void)value;
        }
    } catch (const RequestBodyError&) {
        // Rejected input is the expected outcome for most mutations.
    }
}

void strip_image(std::string_view bytes) {
    const ImageFormat format = sniff_image_format(bytes);
    if (format == ImageFormat::unknown) {
        return;
    }
    try {
        const std::string stripped = strip_image_metadata(bytes, format);
        if (stripped.size() > bytes.size()) {
            __builtin_trap(); // stripping never adds bytes
        }
    } catch (const ImageStructureError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 5) {
    case 0:
        parse_body(input, false);
        break;
    case 1:
        parse_body(input, true);
        break;
    case 2:
        (void)parse_iso8601(input);
        break;
    case 3:
        try {
            (void)decode_form_component(input);
        } catch (const RequestBodyError&) {
        }
        break;
    default:
        strip_image(input);
        break;
    }
    // Corpus files start with a Content-Type line, so also read them whole.
    parse_body(std::string_view(reinterpret_cast<const char*>(data), size), data[0] == '{' || data[0] == 'a');
    return 0;
}
