#include "core/search/fold.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace badung::search {

namespace {

// Latin-1 Supplement and Latin Extended-A letters by code point range, with
// their folded ASCII spelling.
struct FoldRange {
    char32_t first;
    char32_t last;
    std::string_view folded;
};

constexpr std::array<FoldRange, 54> fold_ranges{{
    {0x00C0, 0x00C5, "a"}, {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"}, {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"}, {0x00D0, 0x00D0, "d"},  {0x00D1, 0x00D1, "n"}, {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"}, {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"}, {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"}, {0x00E0, 0x00E5, "a"}, {0x00E6, 0x00E6, "ae"}, {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"}, {0x00EC, 0x00EF, "i"},  {0x00F0, 0x00F0, "d"}, {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"}, {0x00F8, 0x00F8, "o"},  {0x00F9, 0x00FC, "u"}, {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"}, {0x00FF, 0x00FF, "y"}, {0x0100, 0x0105, "a"}, {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"}, {0x0112, 0x011B, "e"},  {0x011C, 0x0123, "g"}, {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"}, {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"}, {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"}, {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"}, {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"}, {0x015A, 0x0161, "s"},  {0x0162, 0x0167, "t"}, {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"}, {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"}, {0x017F, 0x017F, "s"},
    {0x00AA, 0x00AA, "a"}, {0x00BA, 0x00BA, "o"},  {0x00B5, 0x00B5, "u"}, {0x00B2, 0x00B2, "2"},
    {0x00B3, 0x00B3, "3"}, {0x00B9, 0x00B9, "1"},
}};

constexpr char32_t invalid = 0xFFFFFFFF;

// Decodes one code point at text[i] and advances i; invalid on a bad sequence
// (then i moves past one byte).
char32_t decode(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
    } else {
        ++i;
        return invalid;
    }

    if (i + length > text.size()) {
        ++i;
        return invalid;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            ++i;
            return invalid;
        }
        cp = (cp << 6) | (next & 0x3F);
    }

    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        ++i;
        return invalid;
    }
    i += length;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_apostrophe(char32_t cp) {
    return cp == U'\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC;
}

bool is_separator(char32_t cp) {
    if (cp < 0x80) {
        const bool alphanumeric = (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') ||
                                  (cp >= U'0' && cp <= U'9');
        return !alphanumeric;
    }
    return cp == invalid || (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF;
}

// The folded spelling of a Latin-1 or Latin Extended-A character, or nullptr.
const std::string_view* find_fold(char32_t cp) {
    for (const FoldRange& range : fold_ranges) {
        if (cp >= range.first && cp <= range.last) {
            return &range.folded;
        }
    }
    return nullptr;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Appends the runs of digits and of other characters in word as separate
// words: "sdn1" gives "sdn" and "1", "12a" gives "12" and "a".
void split_digits(std::string_view word, std::vector<std::string>& words) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= word.size(); ++i) {
        if (i == word.size() || is_digit(word[i]) != is_digit(word[i - 1])) {
            words.emplace_back(word.substr(start, i - start));
            start = i;
        }
    }
}

} // namespace

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());

    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t cp = decode(utf8, i);
        if (is_apostrophe(cp) || (cp >= 0x0300 && cp <= 0x036F)) {
            continue;
        }
        if (const std::string_view* folded = find_fold(cp)) {
            out += *folded;
            continue;
        }
        if (is_separator(cp)) {
            if (out.empty() || out.back() != ' ') {
                out += ' ';
            }
            continue;
        }
        if (cp >= U'A' && cp <= U'Z') {
            out += static_cast<char>(cp - U'A' + U'a');
            continue;
        }
        append_utf8(out, cp);
    }
    return out;
}

std::vector<std::string> tokenize(std::string_view utf8) {
    const std::string folded = fold(utf8);

    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', start), folded.size());
        split_digits(std::string_view(folded).substr(start, end - start), words);
        start = end + 1;
    }
    return words;
}

std::u32string to_code_points(std::string_view utf8) {
    std::u32string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        out += decode(utf8, i);
    }
    return out;
}

} // namespace badung::search
