#include "problem.hpp"

#include <algorithm>
#include <string>

#include "core/text/utf8.hpp"

namespace badung::geodata {

void ProblemLog::add(Problem problem) {
  // Ids, names and field values come from the source and may be invalid
  // UTF-8, which would make the log and build-report.json invalid too.
  for (std::string* text : {&problem.layer, &problem.feature, &problem.code, &problem.message, &problem.action,
                            &problem.feature_name}) {
    *text = text::valid_utf8(*text);
  }
  problems_.push_back(std::move(problem));
}

std::size_t ProblemLog::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(problems_.begin(), problems_.end(),
      [severity](const Problem& p) { return p.severity == severity; }));
}

std::size_t ProblemLog::count_action(const std::string& layer, const std::string& action) const {
  return static_cast<std::size_t>(std::count_if(problems_.begin(), problems_.end(),
      [&](const Problem& p) { return p.layer == layer && p.action == action; }));
}

std::string format_problem(const Problem& problem) {
  std::string line = problem.severity == Severity::error ? "error: "
                     : problem.severity == Severity::warning ? "warning: " : "note: ";
  line += problem.layer;
  if (problem.feature_number > 0) {
    line += ": feature " + std::to_string(problem.feature_number);
    if (!problem.feature.empty()) {
      line += " (id " + problem.feature + ")";
    }
  } else if (!problem.feature.empty()) {
    line += ": feature " + problem.feature;
  }
  if (!problem.feature_name.empty()) {
    line += " \"" + problem.feature_name + "\"";
  }
  if (problem.part >= 0) {
    line += ": polygon " + std::to_string(problem.part);
  }
  if (problem.ring >= 0) {
    line += ": ring " + std::to_string(problem.ring);
  }
  line += ": " + problem.message;
  if (!problem.action.empty()) {
    line += " (" + problem.action + ")";
  }
  return line;
}

}  // namespace badung::geodata
