#include "server/app_page_headers.hpp"

#include <httplib.h>

#include <string>

namespace badung::cityd {
namespace {

bool is_html(const httplib::Response& res) {
    return res.get_header_value("Content-Type").rfind("text/html", 0) == 0;
}

bool sets_frame_ancestors(const httplib::Response& res) {
    const auto [first, last] = res.headers.equal_range("Content-Security-Policy");
    for (auto it = first; it != last; ++it) {
        if (it->second.find("frame-ancestors") != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

void apply_app_page_framing(const Config& config, httplib::Response& res) {
    if (!is_html(res) || sets_frame_ancestors(res)) {
        return;
    }

    std::string policy = config.content_security_policy;
    while (!policy.empty() && (policy.back() == ' ' || policy.back() == ';')) {
        policy.pop_back();
    }
    policy += policy.empty() ? "frame-ancestors 'self'" : "; frame-ancestors 'self'";

    res.headers.erase("Content-Security-Policy");
    res.set_header("Content-Security-Policy", policy);
    res.set_header("X-Frame-Options", "SAMEORIGIN");
}

} // namespace badung::cityd
