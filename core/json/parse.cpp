#include "core/json/parse.hpp"

namespace badung::json {

void parse(rapidjson::Document& document, std::string_view text) {
    document.Parse<parse_flags>(text.data(), text.size());
}

} // namespace badung::json
