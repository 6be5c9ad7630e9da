#pragma once
// Problems found while reading a source: each names the layer, the feature
// and, for rings, the ring, so one broken feature never hides the others.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace badung::geodata {

enum class Severity { note, warning, error };

/// One finding about one feature, or about a whole layer when
/// `feature_number` is 0 and `feature` is empty. `feature` is the source's
/// own id or stored FID for a problem found while reading, else the id
/// written to the output. It is empty when there is none. `code` is a stable machine-readable reason such as "ring_too_short";
/// `message` is the sentence shown to people; `action` names what the tool did
/// ("dropped", "repaired", "kept", "skipped").
struct Problem {
  Severity severity = Severity::error;
  std::string layer;
  std::string feature;
  int part = -1;
  int ring = -1;
  std::string code;
  std::string message;
  std::string action;
  std::string feature_name{};  ///< the feature's name where the source has one, shown after `feature`
  long long feature_number = 0;  ///< 1-based position of the feature in its source; 0 = not known or no feature
};

/// Collects problems in the order they are found.
class ProblemLog {
public:
  /// Appends `problem` with each invalid UTF-8 sequence in its text replaced by U+FFFD.
  void add(Problem problem);
  const std::vector<Problem>& problems() const { return problems_; }
  std::size_t count(Severity severity) const;
  std::size_t count_action(const std::string& layer, const std::string& action) const;

private:
  std::vector<Problem> problems_;
};

/// Formats a problem as one line:
/// "error: faskes: feature 4 (id P5103010101) \"Puskesmas Kuta\": ring 1: reason (dropped)".
/// Without a feature number the id alone follows "feature".
/// The prefix is "note: ", "warning: " or "error: ".
std::string format_problem(const Problem& problem);

}  // namespace badung::geodata
