#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

// Reads a fixture below tests/data, e.g. "cases/026-open311-datetime-wita/expected.json".
inline std::string read_test_file(const std::string& relative_path) {
    const std::string path = std::string(BADUNG_TEST_DATA) + "/" + relative_path;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot open test fixture " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}
