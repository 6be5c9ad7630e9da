#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::json {

// JSON text in which numbers too large for a double (1e999, a 400-digit
// integer) are quoted, so RapidJSON reads them as strings instead of
// rejecting the whole document. A reader can then drop only the feature
// that uses such a number, with a message that quotes it.
class QuotedHugeNumbers {
public:
    explicit QuotedHugeNumbers(std::string_view text) : m_text(text) {}

    // Quotes the number that starts at `offset` of text(). Returns false
    // when no number starts there.
    bool quote_at(std::size_t offset);

    // The current text: the original until the first quote_at.
    std::string_view text() const noexcept { return m_copy ? std::string_view(*m_copy) : m_text; }

    // Maps an offset in text() back to the original text.
    std::size_t original_offset(std::size_t offset) const noexcept;

    std::size_t count() const noexcept { return m_quotes.size(); }

private:
    std::string_view m_text;
    std::optional<std::string> m_copy;
    // Each quoted number: the offset in text() of its opening quote and the
    // length of the number between the quotes.
    struct Quote {
        std::size_t open = 0;
        std::size_t length = 0;
    };
    std::vector<Quote> m_quotes;
};

// Tells whether a string is a JSON number token too large for a double,
// as QuotedHugeNumbers leaves one.
bool is_huge_number(std::string_view text);

} // namespace badung::json
