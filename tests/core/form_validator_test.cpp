#include "core/geojson/reader.hpp"
#include "core/open311/contact_checks.hpp"
#include "core/open311/field_error.hpp"
#include "core/open311/form_validator.hpp"
#include "core/open311/service.hpp"
#include "core/open311/utf8.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <string>
#include <vector>

using namespace badung::open311;
using badung::test::read_test_file;

namespace {

const ServiceDefinition& road_definition() {
    static const ServiceDefinition definition =
        parse_service_definition(read_test_file("open311/service_definition_jln01.json")).definition;
    return definition;
}

// A valid pothole report at Kuta.
FormFields valid_report() {
    return {{"service_code", "JLN-01"},
            {"lat", "-8.7177"},
            {"long", "115.1691"},
            {"description", "Jalan berlubang di depan balai banjar"},
            {"attribute[tingkat]", "berat"}};
}

FormFields with(FormFields fields, const std::string& name, const std::string& value) {
    fields.add(name, value);
    return fields;
}

FormFields without(const FormFields& fields, const std::string& name) {
    FormFields kept;
    for (const FormField& field : fields.entries()) {
        if (field.name != name) {
            kept.add(field.name, field.value);
        }
    }
    return kept;
}

FormFields replaced(const FormFields& fields, const std::string& name, const std::string& value) {
    return with(without(fields, name), name, value);
}

// Validates and requires exactly one error, which it returns.
FieldError only_error(const FormFields& fields, const FormRules& rules = {}) {
    const auto errors = validate_report_form(fields, road_definition(), rules);
    INFO("errors: " << errors.size());
    for (const auto& error : errors) {
        INFO(field_error_message(error, Language::english));
    }
    REQUIRE(errors.size() == 1);
    return errors[0];
}

} // namespace

TEST_CASE("form valid report passes", "[open311][form]") {
    CHECK(validate_report_form(valid_report(), road_definition()).empty());

    // All optional fields, well formed.
    FormFields full = valid_report();
    full.add("address_string", "Jl. Raya Kuta No. 1, Kuta");
    full.add("attribute[kedalaman]", "12.5");
    full.add("attribute[sejak]", "2026-12-04T07:30");
    full.add("attribute[tiang]", "PJU-0042");
    full.add("attribute[rincian]", "Baris satu\nbaris dua");
    full.add("attribute[bahaya][]", "1");
    full.add("attribute[bahaya][]", "3");
    full.add("media_url", "https://foto.badungkab.go.id/u/abc.jpg");
    full.add("first_name", "Ni Made");
    full.add("last_name", "Ayu");
    full.add("email", "made.ayu@contoh.id");
    full.add("phone", "+62 812-3456-7890");
    full.add("device_id", "a1b2c3");
    full.add("jurisdiction_id", "badungkab.go.id");
    full.add("api_key", "anything");
    CHECK(validate_report_form(full, road_definition()).empty());

    // An address alone is a location too.
    const FormFields by_address =
        with(without(without(valid_report(), "lat"), "long"), "address_string", "Jl. Raya Kuta No. 1");
    CHECK(validate_report_form(by_address, road_definition()).empty());
}

TEST_CASE("form service code checks", "[open311][form]") {
    const FieldError missing = only_error(without(valid_report(), "service_code"));
    CHECK(missing.field == "service_code");
    CHECK(missing.code == FieldErrorCode::missing);

    const FieldError other = only_error(replaced(valid_report(), "service_code", "SMP-02"));
    CHECK(other.code == FieldErrorCode::unknown_service);
    CHECK(other.value == "SMP-02");
    CHECK(other.limit == "JLN-01");

    const FieldError twice = only_error(with(valid_report(), "service_code", "JLN-01"));
    CHECK(twice.code == FieldErrorCode::too_many_values);
}

TEST_CASE("form picks definition by code", "[open311][form]") {
    const ServiceDefinition light{"LPJ-03", {}};
    const std::vector<ServiceDefinition> definitions{light, road_definition()};
    CHECK(validate_report_form(valid_report(), definitions).empty());

    const auto errors = validate_report_form(replaced(valid_report(), "service_code", "XYZ"), definitions);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == FieldErrorCode::unknown_service);
    CHECK(errors[0].value == "XYZ");
    CHECK(errors[0].limit == "LPJ-03, JLN-01");
}

TEST_CASE("form location checks", "[open311][form]") {
    const FieldError none = only_error(without(without(valid_report(), "lat"), "long"));
    CHECK(none.code == FieldErrorCode::missing_location);

    const FieldError no_long = only_error(without(valid_report(), "long"));
    CHECK(no_long.field == "long");
    CHECK(no_long.code == FieldErrorCode::missing);

    const FieldError text = only_error(replaced(valid_report(), "lat", "south"));
    CHECK(text.field == "lat");
    CHECK(text.code == FieldErrorCode::invalid_number);
    CHECK(text.value == "south");

    const FieldError comma = only_error(replaced(valid_report(), "lat", "-8,7177"));
    CHECK(comma.code == FieldErrorCode::decimal_comma);

    const FieldError range = only_error(replaced(valid_report(), "lat", "-98.5"));
    CHECK(range.code == FieldErrorCode::out_of_range);
    CHECK(range.limit == "-90 to 90");

    const FieldError lon_range = only_error(replaced(valid_report(), "long", "181"));
    CHECK(lon_range.field == "long");
    CHECK(lon_range.code == FieldErrorCode::out_of_range);

    // Sanur lies east of the area; Jakarta lies far west and north.
    const FieldError east = only_error(replaced(valid_report(), "long", "115.2900e0"));
    CHECK(east.code == FieldErrorCode::outside_area);
    CHECK(east.field == "long");
    CHECK(only_error(replaced(valid_report(), "long", "115.28")).limit == "115.07 to 115.27");

    const auto jakarta = validate_report_form(
        replaced(replaced(valid_report(), "lat", "-6.2"), "long", "106.8"), road_definition());
    REQUIRE(jakarta.size() == 2);
    CHECK(jakarta[0].field == "lat");
    CHECK(jakarta[0].code == FieldErrorCode::outside_area);
    CHECK(jakarta[1].field == "long");

    for (const char* bad : {"", " -8.7", "-8.7 ", "NaN", "inf", "0x1p3", "--8", "8.", ".5", "1e999"}) {
        INFO("lat \"" << bad << "\"");
        const auto errors = validate_report_form(replaced(valid_report(), "lat", bad), road_definition());
        CHECK_FALSE(errors.empty());
    }

    FormRules wide;
    wide.area = badung::geo::BBox{95.0, -11.0, 141.0, 6.0};
    CHECK(validate_report_form(replaced(replaced(valid_report(), "lat", "-6.2"), "long", "106.8"),
                               road_definition(), wide)
              .empty());
}

TEST_CASE("form address needs a letter or digit", "[open311][form]") {
    const auto address_only = [](const std::string& address) {
        return with(without(without(valid_report(), "lat"), "long"), "address_string", address);
    };
    for (const char* bad : {"  ", ".", "\u200b", " - / ", "\u00a0\u3000", "\ufeff\u2014"}) {
        INFO("address_string \"" << bad << "\"");
        const FieldError error = only_error(address_only(bad));
        CHECK(error.field == "address_string");
        CHECK(error.code == FieldErrorCode::no_letter_or_digit);
    }
    for (const char* good : {"Jl. Raya Kuta 12", "12", "Br. Tegal", "Jalan Cempaka", "\u1b13\u1b38\u1b2D",
                             "Jl. \u00c9tude"}) {
        INFO("address_string \"" << good << "\"");
        CHECK(validate_report_form(address_only(good), road_definition()).empty());
    }
}

TEST_CASE("form area edges are inside", "[open311][form]") {
    CHECK(validate_report_form(replaced(replaced(valid_report(), "lat", "-8.86"), "long", "115.07"),
                               road_definition())
              .empty());
    CHECK(validate_report_form(replaced(replaced(valid_report(), "lat", "-8.23"), "long", "+115.27"),
                               road_definition())
              .empty());
}

TEST_CASE("form description counts code points", "[open311][form]") {
    // 4,000 Balinese letters (3 bytes each) pass; one more does not.
    std::string balinese;
    for (int i = 0; i < 4000; ++i) {
        balinese += "\xE1\xAC\x85"; // U+1B05 BALINESE LETTER AKARA
    }
    CHECK(validate_report_form(replaced(valid_report(), "description", balinese), road_definition()).empty());

    const FieldError long_text =
        only_error(replaced(valid_report(), "description", balinese + "\xE1\xAC\x85"));
    CHECK(long_text.field == "description");
    CHECK(long_text.code == FieldErrorCode::too_long);
    CHECK(long_text.limit == "4000");
    CHECK(count_code_points(long_text.value) == 61u);

    // Emoji take 4 bytes and count as one code point each.
    std::string emoji;
    for (int i = 0; i < 4000; ++i) {
        emoji += "\xF0\x9F\x95\xB3";
    }
    CHECK(validate_report_form(replaced(valid_report(), "description", emoji), road_definition()).empty());

    CHECK(validate_report_form(without(valid_report(), "description"), road_definition()).empty());
    FormRules strict;
    strict.description_required = true;
    CHECK(only_error(without(valid_report(), "description"), strict).code == FieldErrorCode::missing);
}

TEST_CASE("form rejects invalid UTF-8", "[open311][form]") {
    for (const char* bad : {"caf\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\x80z", "\xFF"}) {
        const FieldError error = only_error(replaced(valid_report(), "description", bad));
        CHECK(error.field == "description");
        CHECK(error.code == FieldErrorCode::invalid_utf8);
        CHECK_THAT(error.value, Catch::Contains("\\x"));
    }

    const FieldError control = only_error(replaced(valid_report(), "description", "rusak\x07parah"));
    CHECK(control.code == FieldErrorCode::control_character);
    CHECK(control.value == "rusak\\u0007parah");

    // Any field is checked, also one the validator otherwise ignores.
    CHECK(only_error(with(valid_report(), "jurisdiction_id", "\xFE")).code == FieldErrorCode::invalid_utf8);
    CHECK(only_error(replaced(valid_report(), "lat", "-8.7\xC3")).code == FieldErrorCode::invalid_utf8);
}

TEST_CASE("form attribute checks", "[open311][form]") {
    const FieldError required = only_error(without(valid_report(), "attribute[tingkat]"));
    CHECK(required.field == "attribute[tingkat]");
    CHECK(required.code == FieldErrorCode::missing);
    CHECK(required.label_id == "Seberapa parah kerusakannya?");

    CHECK(only_error(replaced(valid_report(), "attribute[tingkat]", "")).code == FieldErrorCode::missing);

    const FieldError choice = only_error(replaced(valid_report(), "attribute[tingkat]", "parah"));
    CHECK(choice.code == FieldErrorCode::not_in_list);
    CHECK(choice.value == "parah");
    CHECK(choice.limit == "ringan, sedang, berat");

    CHECK(only_error(with(valid_report(), "attribute[tingkat]", "ringan")).code ==
          FieldErrorCode::too_many_values);

    const FieldError number = only_error(with(valid_report(), "attribute[kedalaman]", "dua puluh"));
    CHECK(number.code == FieldErrorCode::invalid_number);
    CHECK(only_error(with(valid_report(), "attribute[kedalaman]", "12,5")).code == FieldErrorCode::decimal_comma);

    const FieldError date = only_error(with(valid_report(), "attribute[sejak]", "2026-02-30T07:30"));
    CHECK(date.code == FieldErrorCode::invalid_date_time);
    CHECK(validate_report_form(with(valid_report(), "attribute[sejak]", "2026-12-04T07:30:00+07:00"),
                               road_definition())
              .empty());

    CHECK(only_error(with(valid_report(), "attribute[tiang]", "PJU\n42")).code == FieldErrorCode::line_break);
    CHECK(only_error(with(valid_report(), "attribute[tiang]", std::string(256, 'x'))).code ==
          FieldErrorCode::too_long);

    const FieldError list = only_error(with(with(valid_report(), "attribute[bahaya][]", "1"), "attribute[bahaya][]", "4"));
    CHECK(list.field == "attribute[bahaya][]");
    CHECK(list.code == FieldErrorCode::not_in_list);
    CHECK(list.value == "4");

    const FieldError repeated =
        only_error(with(with(valid_report(), "attribute[bahaya][]", "2"), "attribute[bahaya][]", "2"));
    CHECK(repeated.code == FieldErrorCode::repeated_value);

    const FieldError unknown = only_error(with(valid_report(), "attribute[warna]", "merah"));
    CHECK(unknown.field == "attribute[warna]");
    CHECK(unknown.code == FieldErrorCode::unknown_attribute);

    CHECK(only_error(with(valid_report(), "attribute[catatan]", "x")).code == FieldErrorCode::unknown_attribute);
    CHECK(only_error(with(valid_report(), "attribute[", "x")).code == FieldErrorCode::unknown_attribute);
}

TEST_CASE("form contact checks", "[open311][form]") {
    CHECK(only_error(with(valid_report(), "email", "made@")).code == FieldErrorCode::invalid_email);
    CHECK(only_error(with(valid_report(), "phone", "12345")).code == FieldErrorCode::invalid_phone);
    CHECK(only_error(with(valid_report(), "media_url", "ftp://x/y.jpg")).code == FieldErrorCode::invalid_url);
    CHECK(only_error(with(valid_report(), "first_name", "Made\nAyu")).code == FieldErrorCode::line_break);
    CHECK(only_error(with(valid_report(), "device_id", std::string(300, 'd'))).code == FieldErrorCode::too_long);

    const FieldError url = only_error(with(valid_report(), "media_url", "https://x/" + std::string(2100, 'a')));
    CHECK(url.code == FieldErrorCode::too_long);
    CHECK(url.limit == "2048");
}

TEST_CASE("email address shapes", "[open311][form]") {
    for (const char* good : {"made@contoh.id", "i.ketut+laporan@badungkab.go.id", "a@b.co", "x@xn--80ak6aa92e.com",
                             "wayan@bali.\xC3\xA9t\xC3\xA9"}) {
        INFO(good);
        CHECK(is_email_address(good));
    }
    for (const char* bad : {"", "made", "@contoh.id", "made@", "made@contoh", "made@contoh.i", "made@@contoh.id",
                            "made..ayu@contoh.id", ".made@contoh.id", "made.@contoh.id", "made ayu@contoh.id",
                            "made@-contoh.id", "made@contoh-.id", "made@contoh..id", "made@contoh.id."}) {
        INFO(bad);
        CHECK_FALSE(is_email_address(bad));
    }
    CHECK_FALSE(is_email_address(std::string(65, 'a') + "@contoh.id"));
    CHECK_FALSE(is_email_address("a@" + std::string(250, 'b') + ".id"));
}

TEST_CASE("Indonesian phone shapes", "[open311][form]") {
    for (const char* good : {"+6281234567890", "+62 812-3456-7890", "081234567890", "0812 3456 7890",
                             "0812.3456.789", "(0361) 123456", "+62 361 123456", "+62 (361) 123-456"}) {
        INFO(good);
        CHECK(is_indonesian_phone(good));
    }
    for (const char* bad : {"", "12345", "6281234567890", "+6081234567890", "+62 0812 3456 7890", "0081234567",
                            "0812", "+62 812 3456 7890 1234", "0812-3456-789x", "+1 555 123 4567", "08+1234567890",
                            "0812/3456789"}) {
        INFO(bad);
        CHECK_FALSE(is_indonesian_phone(bad));
    }
}

TEST_CASE("media URL shapes", "[open311][form]") {
    CHECK(is_http_url("https://foto.badungkab.go.id/a.jpg"));
    CHECK(is_http_url("HTTP://127.0.0.1:8080/media/1"));
    CHECK(is_http_url("https://user@host/path?q=1#top"));
    CHECK_FALSE(is_http_url("https://"));
    CHECK_FALSE(is_http_url("https:///a.jpg"));
    CHECK_FALSE(is_http_url("https://:80/a.jpg"));
    CHECK_FALSE(is_http_url("javascript:alert(1)"));
    CHECK_FALSE(is_http_url("https://host/a b.jpg"));
    CHECK_FALSE(is_http_url("/media/1.jpg"));
}

TEST_CASE("field error messages in two languages", "[open311][form]") {
    const FieldError outside = only_error(replaced(valid_report(), "long", "115.3"));
    CHECK(field_error_message(outside, Language::english) ==
          "long 115.3 is outside Kabupaten Badung (115.07 to 115.27); move the pin into Badung.");
    CHECK(field_error_message(outside, Language::indonesian) ==
          "Bujur 115.3 berada di luar Kabupaten Badung (115.07 sampai 115.27); pindahkan titik ke dalam "
          "wilayah Badung.");

    const FieldError range = only_error(replaced(valid_report(), "lat", "-95"));
    CHECK(field_error_message(range, Language::english) ==
          "lat -95 is out of range -90 to 90; enter a value in that range.");
    CHECK(field_error_message(range, Language::indonesian) ==
          "Lintang -95 di luar rentang -90 sampai 90; isi nilai dalam rentang itu.");

    const FieldError choice = only_error(replaced(valid_report(), "attribute[tingkat]", "parah"));
    CHECK(field_error_message(choice, Language::english) ==
          "attribute[tingkat] \"parah\" is not one of the choices (ringan, sedang, berat); choose one from the "
          "list.");
    CHECK(field_error_message(choice, Language::indonesian) ==
          "Seberapa parah kerusakannya? \"parah\" tidak ada dalam pilihan (ringan, sedang, berat); pilih dari "
          "daftar.");

    // Every code has a message in both languages that names the field.
    for (int code = 0; code <= static_cast<int>(FieldErrorCode::no_letter_or_digit); ++code) {
        FieldError error{"phone", "x", static_cast<FieldErrorCode>(code), "1", ""};
        INFO(error_code_name(error.code));
        CHECK_FALSE(std::string(error_code_name(error.code)).empty());
        const std::string english = field_error_message(error, Language::english);
        const std::string indonesian = field_error_message(error, Language::indonesian);
        CHECK(english != indonesian);
        const bool whole_location =
            error.code == FieldErrorCode::missing_location || error.code == FieldErrorCode::outside_boundary;
        if (!whole_location) {
            CHECK_THAT(english, Catch::Contains("phone"));
            CHECK_THAT(indonesian, Catch::Contains("Nomor telepon"));
        }
    }
    CHECK(std::string(error_code_name(FieldErrorCode::outside_area)) == "outside_area");
}

TEST_CASE("form fields from a JSON body", "[open311][form]") {
    rapidjson::Document doc;
    doc.Parse(R"({"service_code": "JLN-01", "lat": -8.7177, "long": 115.1691, "description": null,
                  "attribute": {"tingkat": "berat", "kedalaman": 12, "bahaya": [1, 3]}})");
    const FormFields fields = form_fields_from_json(doc);

    CHECK(fields.first("lat") == "-8.7177");
    CHECK(fields.first("long") == "115.1691");
    CHECK_FALSE(fields.first("description"));
    CHECK(fields.first("attribute[kedalaman]") == "12");
    CHECK(fields.all("attribute[bahaya][]") == std::vector<std::string_view>{"1", "3"});
    CHECK(validate_report_form(fields, road_definition()).empty());

    doc.Parse(R"({"lat": {"deg": 8}})");
    CHECK_THROWS_AS(form_fields_from_json(doc), InvalidOpen311Json);
}

TEST_CASE("printable excerpt of values", "[open311][form]") {
    CHECK(printable_excerpt("abc") == "abc");
    CHECK(printable_excerpt("a\tb\r\n") == "a\\tb\\r\\n");
    CHECK(printable_excerpt("x\xC3") == "x\\xC3");
    CHECK(printable_excerpt("abcdef", 3) == "abc…");
    CHECK(printable_excerpt("\xE1\xAC\x85\xE1\xAC\x85", 1) == "\xE1\xAC\x85…");
}

TEST_CASE("form boundary excludes Denpasar", "[open311][form]") {
    const auto boundary_layer = badung::geojson::read(read_test_file("open311/badung_kabupaten_bps2020.geojson"));
    REQUIRE(boundary_layer.features.size() == 1);
    REQUIRE(boundary_layer.features[0].geometry);

    FormRules rules;
    rules.boundary = &*boundary_layer.features[0].geometry;

    const auto at = [&](const char* lat, const char* lon) {
        return validate_report_form(replaced(replaced(valid_report(), "lat", lat), "long", lon), road_definition(),
                                    rules);
    };

    // Kuta, Mengwi and Pelaga lie in Badung.
    CHECK(at("-8.7177", "115.1691").empty());
    CHECK(at("-8.5560", "115.1720").empty());
    CHECK(at("-8.2900", "115.2300").empty());

    // Renon in Kota Denpasar lies inside the bbox but outside Badung.
    const auto renon = at("-8.6720", "115.2330");
    REQUIRE(renon.size() == 1);
    CHECK(renon[0].field == "lat");
    CHECK(renon[0].code == FieldErrorCode::outside_boundary);
    CHECK(renon[0].value == "-8.672, 115.233");
    CHECK(renon[0].limit == "200");
    CHECK(field_error_message(renon[0], Language::indonesian) ==
          "Lokasi -8.672, 115.233 berada lebih dari 200 m di luar batas Kabupaten Badung; pindahkan titik ke "
          "dalam wilayah Badung.");

    // Outside the bbox the bbox error alone is reported.
    const auto sanur = at("-8.6900", "115.2900");
    REQUIRE(sanur.size() == 1);
    CHECK(sanur[0].code == FieldErrorCode::outside_area);

    // Renon lies about 6 km from the boundary, so an 8 km margin takes it in.
    rules.boundary_margin_m = 8000;
    CHECK(at("-8.6720", "115.2330").empty());
}
