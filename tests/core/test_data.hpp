#pragma once

// Fixture access for the core tests: files under tests/data, read from the
// source tree (natively, and under Node through NODERAWFS).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace badung::test {

// Reads tests/data/<relative> whole. Throws std::runtime_error naming the
// path when the file cannot be opened.
inline std::string read_test_file(const std::string& relative) {
    const std::string path = std::string(BADUNG_TEST_DATA) + "/" + relative;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("test fixture not found: " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

} // namespace badung::test
