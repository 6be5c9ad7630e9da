#include "templates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace badung::geodata {

namespace {

// Abbreviations that stay in capitals in Indonesian facility names: school
// forms, state (N) and private (S, swasta) ones, and a few institutions
// (TI: teknologi informasi, YPAC: Yayasan Pembinaan Anak Cacat).
constexpr std::array<const char*, 27> kAcronyms = {
    "SD",  "SDN", "SDS",  "SMP",  "SMPN", "SMPS", "SMA", "SMAN", "SMAS", "SMK",  "SMKN", "SMKS", "SLB", "SLBN",
    "TK",  "RS",  "RSU",  "RSUD", "UPT",  "UPTD", "PGRI", "BIMC", "BPS", "PPLP", "TI",   "YPAC", "PTN"};

// True for an abbreviation in brackets, such as "(CIS)": two to five
// capitals, which a name keeps whatever they stand for.
bool is_bracketed_acronym(const std::string& word) {
  if (word.size() < 4 || word.size() > 7 || word.front() != '(' || word.back() != ')') {
    return false;
  }
  return std::all_of(word.begin() + 1, word.end() - 1,
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
}

bool is_roman_numeral(const std::string& word) {
  return !word.empty() && word.find_first_not_of("IVXLC") == std::string::npos;
}

bool is_acronym(const std::string& word) {
  return std::find_if(kAcronyms.begin(), kAcronyms.end(),
             [&](const char* acronym) { return word == acronym; }) != kAcronyms.end();
}

std::string title_case_word(std::string word) {
  if (is_roman_numeral(word) || is_acronym(word) || is_bracketed_acronym(word)) {
    return word;
  }
  bool start = true;
  for (char& c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = false;
    } else {
      start = c == '-' || c == '(' || c == '.' || c == '/';
    }
  }
  return word;
}

bool has_lowercase(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::vector<std::string> template_fields(const std::string& pattern) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while ((at = pattern.find('{', at)) != std::string::npos) {
    const auto end = pattern.find('}', at);
    if (end == std::string::npos) {
      break;
    }
    fields.push_back(pattern.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return fields;
}

std::optional<std::string> expand_template(const std::string& pattern, const OGRFeature& feature,
                                           const std::optional<std::string>& id_member) {
  std::string result;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const auto open = pattern.find('{', at);
    const auto close = open == std::string::npos ? std::string::npos : pattern.find('}', open);
    if (close == std::string::npos) {
      result += pattern.substr(at);
      break;
    }
    result += pattern.substr(at, open - at);

    const std::string field = pattern.substr(open + 1, close - open - 1);
    const int index = feature.GetFieldIndex(field.c_str());
    std::string value;
    if (index >= 0 && feature.IsFieldSetAndNotNull(index)) {
      value = feature.GetFieldAsString(index);
    } else if (index < 0 && field == "id" && id_member) {
      value = *id_member;
    } else {
      return std::nullopt;
    }
    if (value.find_first_not_of(" \t") == std::string::npos) {
      return std::nullopt;
    }
    result += value;
    at = close + 1;
  }
  return result;
}

std::string normalise_name(const std::string& text, bool title_case) {
  std::istringstream words(text);
  std::string word;
  std::string result;
  while (words >> word) {
    if (!result.empty()) {
      result += ' ';
    }
    result += title_case && !has_lowercase(word) ? title_case_word(word) : word;
  }
  return result;
}

}  // namespace badung::geodata
