#include "report_test_support.hpp"

#include "server/image_metadata.hpp"
#include "server/image_size.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const std::string gps_text = "GPSLatitude -8.7177 GPSLongitude 115.1691";

std::string be16(std::size_t value) {
    return {static_cast<char>((value >> 8) & 0xFF), static_cast<char>(value & 0xFF)};
}

std::string be32(std::size_t value) {
    return be16(value >> 16) + be16(value & 0xFFFF);
}

std::string le32(std::size_t value) {
    std::string bytes;
    for (int i = 0; i < 4; ++i) {
        bytes += static_cast<char>((value >> (8 * i)) & 0xFF);
    }
    return bytes;
}

std::string jpeg_segment(unsigned char marker, const std::string& payload) {
    return std::string("\xFF") + static_cast<char>(marker) + be16(payload.size() + 2) + payload;
}

// SOF0 (baseline frame header) with 8-bit samples and one component.
std::string jpeg_frame_header(std::size_t width, std::size_t height) {
    return jpeg_segment(0xC0, "\x08" + be16(height) + be16(width) + std::string("\x01\x01\x11\x00", 4));
}

// A JPEG with EXIF (APP1), XMP (APP1), a comment and a JFIF header, whose
// quantization table and scan data must survive unchanged.
std::string jpeg_with_metadata() {
    return std::string("\xFF\xD8", 2) + jpeg_segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)) +
           jpeg_segment(0xE1, std::string("Exif\0\0", 6) + gps_text) +
           jpeg_segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + gps_text) +
           jpeg_segment(0xFE, "rumah Made " + gps_text) + jpeg_segment(0xDB, std::string(65, '\x01')) +
           jpeg_frame_header(1, 1) + jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) + "SCANDATA\xFF\x00\xFF\xD0MORE" +
           std::string("\xFF\xD9", 2);
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(data.size()) + type + data + "CRC!";
}

std::string png_with_metadata() {
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", std::string("\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 13)) +
           png_chunk("tEXt", std::string("Comment\0", 8) + gps_text) + png_chunk("eXIf", "MM" + gps_text) +
           png_chunk("iTXt", "XML:com.adobe.xmp" + gps_text) + png_chunk("zTXt", "Raw" + gps_text) +
           png_chunk("IDAT", "PIXELS") + png_chunk("IEND", "");
}

std::string webp_chunk(const std::string& fourcc, const std::string& data) {
    return fourcc + le32(data.size()) + data + (data.size() % 2 == 1 ? std::string(1, '\0') : "");
}

std::string webp_with_metadata() {
    // VP8X flags: EXIF (0x08), XMP (0x04) and alpha (0x10).
    const std::string chunks = webp_chunk("VP8X", std::string("\x1C\0\0\0\0\0\0\0\0\0", 10)) +
                               webp_chunk("VP8L", "PIXELDATA") + webp_chunk("EXIF", "MM" + gps_text) +
                               webp_chunk("XMP ", "<x:xmpmeta>" + gps_text);
    return "RIFF" + le32(chunks.size() + 4) + "WEBP" + chunks;
}

httplib::Result upload(httplib::Client& client, const std::string& content, const std::string& name,
                       const std::string& type) {
    return client.Post("/media", httplib::MultipartFormDataItems{{"media", content, name, type}});
}

// Uploads, downloads the stored photo and returns its bytes.
std::string upload_and_fetch(httplib::Client& client, const std::string& content, const std::string& type) {
    const auto res = upload(client, content, "foto", type);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    const auto body = parse_json(res->body);
    CHECK(std::string(body["media_type"].GetString()) == type);
    const std::string url = body["media_url"].GetString();
    const std::string prefix = "http://127.0.0.1:";
    REQUIRE(url.rfind(prefix, 0) == 0);
    const std::string path = url.substr(url.find('/', prefix.size()));

    const auto stored = client.Get(path.c_str());
    REQUIRE(stored);
    REQUIRE(stored->status == 200);
    CHECK(stored->get_header_value("Content-Type") == type);
    CHECK(stored->body.size() == body["size"].GetUint64());
    return stored->body;
}

} // namespace

TEST_CASE("JPEG metadata is stripped", "[media]") {
    const std::string stripped = strip_image_metadata(jpeg_with_metadata(), ImageFormat::jpeg);
    CHECK(stripped.find("GPSLatitude") == std::string::npos);
    CHECK(stripped.find("Exif") == std::string::npos);
    CHECK(stripped.find("JFIF") != std::string::npos);
    CHECK(stripped.find(std::string(65, '\x01')) != std::string::npos);
    CHECK(stripped.find("SCANDATA\xFF\x00\xFF\xD0MORE\xFF\xD9") != std::string::npos);
    CHECK(stripped.rfind("\xFF\xD8", 0) == 0);
}

TEST_CASE("PNG metadata chunks are stripped", "[media]") {
    const std::string stripped = strip_image_metadata(png_with_metadata(), ImageFormat::png);
    CHECK(stripped.find("GPSLatitude") == std::string::npos);
    for (const char* type : {"tEXt", "eXIf", "iTXt", "zTXt"}) {
        CHECK(stripped.find(type) == std::string::npos);
    }
    CHECK(stripped.find("IHDR") != std::string::npos);
    CHECK(stripped.find("PIXELS") != std::string::npos);
    CHECK(stripped.find("IEND") != std::string::npos);
}

TEST_CASE("WebP metadata chunks and flags are stripped", "[media]") {
    const std::string stripped = strip_image_metadata(webp_with_metadata(), ImageFormat::webp);
    CHECK(stripped.find("GPSLatitude") == std::string::npos);
    CHECK(stripped.find("EXIF") == std::string::npos);
    CHECK(stripped.find("XMP ") == std::string::npos);
    REQUIRE(stripped.size() > 21);
    CHECK(static_cast<unsigned char>(stripped[20]) == 0x10); // alpha kept, EXIF and XMP flags cleared
    const auto riff_size = static_cast<unsigned char>(stripped[4]) | static_cast<unsigned char>(stripped[5]) << 8;
    CHECK(static_cast<std::size_t>(riff_size) == stripped.size() - 8);
    CHECK(stripped.find("PIXELDATA") != std::string::npos);
}

TEST_CASE("malformed images are rejected", "[media]") {
    CHECK(sniff_image_format("GIF89a") == ImageFormat::unknown);
    CHECK(sniff_image_format(jpeg_with_metadata()) == ImageFormat::jpeg);
    CHECK(sniff_image_format(webp_with_metadata()) == ImageFormat::webp);
    const std::string jpeg = jpeg_with_metadata();
    CHECK_THROWS_AS(strip_image_metadata(jpeg.substr(0, 10), ImageFormat::jpeg), ImageStructureError);
    CHECK_THROWS_AS(strip_image_metadata(png_with_metadata().substr(0, 30), ImageFormat::png), ImageStructureError);
    std::string webp = webp_with_metadata();
    webp[4] = '\x7F';
    CHECK_THROWS_AS(strip_image_metadata(webp, ImageFormat::webp), ImageStructureError);
}

TEST_CASE("uploaded photos are stored without metadata", "[media]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string jpeg = upload_and_fetch(client, jpeg_with_metadata(), "image/jpeg");
    CHECK(jpeg.find("GPSLatitude") == std::string::npos);
    CHECK(jpeg.find("SCANDATA") != std::string::npos);

    const std::string png = upload_and_fetch(client, png_with_metadata(), "image/png");
    CHECK(png.find("GPSLatitude") == std::string::npos);
    CHECK(png.find("PIXELS") != std::string::npos);

    const std::string webp = upload_and_fetch(client, webp_with_metadata(), "image/webp");
    CHECK(webp.find("GPSLatitude") == std::string::npos);
}

TEST_CASE("photo type comes from its bytes", "[media]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    // A PNG sent with a JPEG name and type is stored as a PNG.
    const auto renamed = upload(client, png_with_metadata(), "foto.jpg", "image/jpeg");
    REQUIRE(renamed);
    REQUIRE(renamed->status == 201);
    CHECK(std::string(parse_json(renamed->body)["media_url"].GetString()).find(".png") != std::string::npos);

    check_open311_error(upload(client, "<svg onload=alert(1)>", "foto.jpg", "image/jpeg"), 415,
                        "not a JPEG, PNG or WebP image");
    check_open311_error(upload(client, "GIF89a\x01\x00\x01\x00", "foto.gif", "image/gif"), 415, "foto.gif");
    check_open311_error(upload(client, jpeg_with_metadata().substr(0, 12), "rusak.jpg", "image/jpeg"), 400,
                        "JPEG file is malformed");
    check_open311_error(client.Post("/media", std::string("\xFF\xD8\xFF\xE0", 4), "image/jpeg"), 415,
                        "multipart/form-data");
    check_open311_error(client.Post("/media", httplib::MultipartFormDataItems{{"note", "", "", ""}}), 400,
                        "no file part named media");
    check_open311_error(client.Post("/media", httplib::MultipartFormDataItems{{"foo", "bar", "", ""}}), 400,
                        "no file part named media");
}

TEST_CASE("photo above the size limit gets 413", "[media]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "media_max_bytes = 2000");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const std::string big = jpeg_with_metadata() + std::string(3000, '\0');
    check_open311_error(upload(client, big, "besar.jpg", "image/jpeg"), 413, "maximum is 2000");

    // A photo a hundred times the limit gets the same answer.
    const std::string huge = std::string("\xFF\xD8\xFF", 3) + std::string(200000, 'x');
    check_open311_error(upload(client, huge, "besar.jpg", "image/jpeg"), 413, "maximum");

    CHECK(upload(client, jpeg_with_metadata(), "kecil.jpg", "image/jpeg")->status == 201);
}

TEST_CASE("media_url of an upload is accepted in a report", "[media]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto uploaded = upload(client, jpeg_with_metadata(), "foto.jpg", "image/jpeg");
    REQUIRE(uploaded);
    REQUIRE(uploaded->status == 201);
    const std::string url = parse_json(uploaded->body)["media_url"].GetString();

    const auto report = post_road_report(client, "&media_url=" + url);
    REQUIRE(report);
    INFO(report->body);
    REQUIRE(report->status == 201);
    const std::string id = request_id_of(report->body);
    const auto stored = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    CHECK(std::string(stored[0]["media_url"].GetString()) == url);

    check_open311_error(client.Get("/media/0123456789abcdef0123456789abcdef.jpg"), 404, "no photo named");
}

namespace {

std::string png_of_size(std::size_t width, std::size_t height) {
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", be32(width) + be32(height) + std::string("\x08\x02\0\0\0", 5)) +
           png_chunk("IDAT", "PIXELS") + png_chunk("IEND", "");
}

std::string jpeg_of_size(std::size_t width, std::size_t height) {
    return std::string("\xFF\xD8", 2) + jpeg_segment(0xDB, std::string(65, '\x01')) + jpeg_frame_header(width, height) +
           jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) + "SCANDATA" + std::string("\xFF\xD9", 2);
}

std::string webp_of(const std::string& chunk) {
    return "RIFF" + le32(chunk.size() + 4) + "WEBP" + chunk;
}

// VP8X canvas: flags, 3 reserved bytes, width - 1 and height - 1 in 24 bits each.
std::string webp_vp8x_of_size(std::size_t width, std::size_t height) {
    const std::string canvas = std::string(4, '\0') + le32(width - 1).substr(0, 3) + le32(height - 1).substr(0, 3);
    return webp_of(webp_chunk("VP8X", canvas) + webp_chunk("VP8L", "PIXELDATA"));
}

} // namespace

TEST_CASE("image size is read from the header", "[media]") {
    const auto png = read_image_size(png_of_size(4000, 3000), ImageFormat::png);
    CHECK(png.width == 4000);
    CHECK(png.height == 3000);

    const auto jpeg = read_image_size(jpeg_of_size(4032, 3024), ImageFormat::jpeg);
    CHECK(jpeg.width == 4032);
    CHECK(jpeg.height == 3024);
    const auto with_metadata = read_image_size(jpeg_with_metadata(), ImageFormat::jpeg);
    CHECK(with_metadata.pixels() == 1);

    const auto vp8x = read_image_size(webp_vp8x_of_size(16384, 9000), ImageFormat::webp);
    CHECK(vp8x.width == 16384);
    CHECK(vp8x.height == 9000);

    // VP8: frame tag, start code 9D 01 2A, 14-bit width and height.
    const std::string vp8 = webp_of(webp_chunk("VP8 ", std::string("\x10\x02\x00\x9D\x01\x2A", 6) +
                                                         std::string("\x80\x07\x38\x04", 4) + "DATA"));
    const auto lossy = read_image_size(vp8, ImageFormat::webp);
    CHECK(lossy.width == 1920);
    CHECK(lossy.height == 1080);

    // VP8L: signature 2F, then width - 1 and height - 1 in 14 bits each.
    const std::uint32_t bits = (640 - 1) | ((480 - 1) << 14);
    const auto lossless = read_image_size(webp_of(webp_chunk("VP8L", "\x2F" + le32(bits) + "DATA")), ImageFormat::webp);
    CHECK(lossless.width == 640);
    CHECK(lossless.height == 480);

    const std::string no_frame_header = std::string("\xFF\xD8", 2) + jpeg_segment(0xDA, "x") + std::string("\xFF\xD9", 2);
    CHECK_THROWS_WITH(read_image_size(no_frame_header, ImageFormat::jpeg), Catch::Contains("no frame header"));
    CHECK_THROWS_WITH(read_image_size(png_of_size(100, 0), ImageFormat::png), Catch::Contains("100x0 pixels"));
    CHECK_THROWS_WITH(read_image_size(webp_of(webp_chunk("ALPH", "xx")), ImageFormat::webp),
                      Catch::Contains("first chunk is not VP8X"));
}

TEST_CASE("photo declaring over 40 megapixels gets 413", "[media]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    check_open311_error(upload(client, png_of_size(100000, 100000), "bom.png", "image/png"), 413,
                        "'bom.png' declares 100000x100000 pixels (10000000000), more than the maximum of 40000000");
    check_open311_error(upload(client, jpeg_of_size(10000, 4001), "lebar.jpg", "image/jpeg"), 413,
                        "10000x4001 pixels");
    check_open311_error(upload(client, webp_vp8x_of_size(16384, 16384), "besar.webp", "image/webp"), 413,
                        "16384x16384 pixels");
    check_open311_error(upload(client, png_of_size(0, 10), "kosong.png", "image/png"), 400, "0x10 pixels");
    check_open311_error(upload(client, std::string("\xFF\xD8", 2) + jpeg_segment(0xDA, "x"), "tanpa-sof.jpg",
                               "image/jpeg"),
                        400, "no frame header");

    // Exactly 40 megapixels, and a common phone photo, are stored.
    const auto at_limit = upload(client, jpeg_of_size(8000, 5000), "batas.jpg", "image/jpeg");
    REQUIRE(at_limit);
    CHECK(at_limit->status == 201);
    const auto phone = upload(client, png_of_size(4032, 3024), "hp.png", "image/png");
    REQUIRE(phone);
    CHECK(phone->status == 201);
}
