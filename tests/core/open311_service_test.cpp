#include "core/open311/json_value.hpp"
#include "core/open311/service.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace badung::open311;
using badung::test::read_test_file;

TEST_CASE("service list of GeoReport v2", "[open311]") {
    const ServiceList list = parse_service_list(read_test_file("open311/services.json"));

    // LPJ-03 stays with the default type; the two broken entries are dropped.
    REQUIRE(list.services.size() == 3);
    CHECK(list.services[2].service_code == "LPJ-03");
    CHECK(list.services[2].type == ServiceType::realtime);

    const Service& road = list.services[0];
    CHECK(road.service_code == "JLN-01");
    CHECK(road.service_name == "Jalan rusak");
    CHECK(road.metadata);
    CHECK(road.type == ServiceType::realtime);
    CHECK(road.keywords == std::vector<std::string>{"jalan", "lubang", "aspal"});
    CHECK(road.group == "Jalan dan jembatan");

    const Service& rubbish = list.services[1];
    CHECK_FALSE(rubbish.metadata);
    CHECK(rubbish.type == ServiceType::batch);
    CHECK(rubbish.keywords == std::vector<std::string>{"sampah", "rubbish"});
    CHECK(rubbish.service_name_en == "Piled-up rubbish");

    // Services without metadata ask nothing; JLN-01's definition needs a request.
    REQUIRE(list.definitions.size() == 2);
    CHECK(list.definitions[0].service_code == "SMP-02");
    CHECK(list.definitions[0].attributes.empty());
    CHECK(list.definitions[1].service_code == "LPJ-03");

    REQUIRE(list.problems.size() == 3);
    CHECK(list.problems[0].index == 2);
    CHECK_THAT(list.problems[0].message, Catch::Contains("service_code is missing"));
    CHECK(list.problems[1].index == 3);
    CHECK_THAT(list.problems[1].message, Catch::Contains("\"JLN-01\" appears twice"));
    CHECK(list.problems[2].index == 4);
    CHECK_THAT(list.problems[2].message, Catch::Contains("type \"instant\""));
}

TEST_CASE("service list with embedded attributes", "[open311]") {
    const ServiceList list = parse_service_list(R"({"services": [
        {"service_code": "DRN-01", "service_name": "Drainase tersumbat",
         "keywords": ["got", "banjir"],
         "attributes": [{"code": "genangan", "datatype": "singlevaluelist", "required": true,
                         "values": [{"key": "ya", "name": "Ya"}, {"key": "tidak", "name": "Tidak"}]}]},
        {"service_code": "KAM-01", "service_name": "Lainnya", "attributes": []},
        {"service_code": "PHN-01", "service_name": "Pohon tumbang"}
    ]})");

    REQUIRE(list.services.size() == 3);
    CHECK(list.services[0].metadata);
    CHECK_FALSE(list.services[1].metadata);
    REQUIRE(list.definitions.size() == 3);
    CHECK(list.definitions[2].service_code == "PHN-01");
    CHECK(list.definitions[2].attributes.empty());
    CHECK(list.definitions[0].service_code == "DRN-01");
    REQUIRE(list.definitions[0].attributes.size() == 1);
    CHECK(list.definitions[0].attributes[0].required);
    CHECK(list.definitions[0].attributes[0].has_key("tidak"));
    CHECK(list.problems.empty());
}

TEST_CASE("service list rejects other documents", "[open311]") {
    CHECK_THROWS_AS(parse_service_list("{\"service_code\": \"X\"}"), InvalidOpen311Json);
    CHECK_THROWS_AS(parse_service_list("[{"), InvalidOpen311Json);
    CHECK_THROWS_AS(parse_service_list(R"([{"code": 500, "description": "database down"}])"),
                    Open311ErrorResponse);
}

TEST_CASE("service definition attributes", "[open311]") {
    const ParsedDefinition parsed = parse_service_definition(read_test_file("open311/service_definition_jln01.json"));
    const ServiceDefinition& definition = parsed.definition;
    CHECK(definition.service_code == "JLN-01");

    std::vector<std::string> codes;
    for (const auto& attribute : definition.attributes) {
        codes.push_back(attribute.code);
    }
    CHECK(codes == std::vector<std::string>{"catatan", "tingkat", "kedalaman", "sejak", "tiang", "rincian", "bahaya"});

    const ServiceAttribute* level = definition.find("tingkat");
    REQUIRE(level != nullptr);
    CHECK(level->variable);
    CHECK(level->required);
    CHECK(level->datatype == AttributeDatatype::singlevaluelist);
    CHECK(level->datatype_description == "Pilih satu");
    CHECK(level->order == 2);
    CHECK(level->description == "Seberapa parah kerusakannya?");
    CHECK(level->description_en == "How bad is the damage?");
    REQUIRE(level->values.size() == 3);
    CHECK(level->values[2].key == "berat");
    CHECK(level->values[2].name == "Berat");

    CHECK_FALSE(definition.find("catatan")->variable);
    CHECK(definition.find("kedalaman")->variable);
    CHECK_FALSE(definition.find("kedalaman")->required);
    CHECK(definition.find("sejak")->datatype == AttributeDatatype::datetime);
    CHECK(definition.find("bahaya")->has_key("2"));
    CHECK(definition.find("rusak") == nullptr);

    REQUIRE(parsed.problems.size() == 3);
    CHECK(parsed.problems[0].index == 7);
    CHECK_THAT(parsed.problems[0].message, Catch::Contains("datatype \"picture\""));
    CHECK(parsed.problems[1].index == 8);
    CHECK_THAT(parsed.problems[1].message, Catch::Contains("without values"));
    CHECK(parsed.problems[2].index == 9);
    CHECK_THAT(parsed.problems[2].message, Catch::Contains("\"tingkat\" appears twice"));
}

TEST_CASE("service definition needs a code", "[open311]") {
    CHECK_THROWS_AS(parse_service_definition("{\"attributes\": []}"), InvalidOpen311Json);
    CHECK_THROWS_AS(parse_service_definition("[1]"), InvalidOpen311Json);
    CHECK_THROWS_AS(parse_service_definition(R"([{"code":404,"description":"service_code not found"}])"),
                    Open311ErrorResponse);
    CHECK(parse_service_definition(R"({"service_code": "KAM-01"})").definition.attributes.empty());
}

TEST_CASE("datatype names", "[open311]") {
    CHECK(std::string(datatype_name(AttributeDatatype::multivaluelist)) == "multivaluelist");
    CHECK(std::string(datatype_name(AttributeDatatype::datetime)) == "datetime");
}
