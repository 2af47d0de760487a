// Problems found in input or in an edit, each naming the object and the field it concerns.
#pragma once

#include <string>
#include <vector>

namespace halltwin::model {

struct Problem {
    std::string object; // e.g. "rack 'row-a-03'" or "file"
    std::string field;  // e.g. "power_cap_w"; empty when the whole object is at fault
    std::string message;

    std::string toString() const;
};

class Diagnostics {
  public:
    void error(std::string object, std::string field, std::string message);
    void warning(std::string object, std::string field, std::string message);
    void append(const Diagnostics& other);

    bool ok() const { return errors_.empty(); }
    const std::vector<Problem>& errors() const { return errors_; }
    const std::vector<Problem>& warnings() const { return warnings_; }
    // One line per error, at most maxLines of them and a count of the rest: a file with a million bad
    // rows gets a readable message, not two million lines.
    std::string errorText(size_t maxLines = 50) const;

  private:
    std::vector<Problem> errors_;
    std::vector<Problem> warnings_;
};

// Thrown by loaders for problems that stop reading altogether (not HDF5, wrong format, ...).
struct LoadError {
    Problem problem;
};

} // namespace halltwin::model
