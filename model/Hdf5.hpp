// Thin RAII and checked helpers over the HDF5 C API, shared by twin and result files.
// Every numeric dataset gets a `units` attribute; strings are UTF-8; failures throw with the path named.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace halltwin::model::h5 {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Handle {
  public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    Handle(Handle&& o) noexcept : id_(o.id_) { o.id_ = -1; }
    Handle& operator=(Handle&& o) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    void reset();

  private:
    hid_t id_ = -1;
};

void silenceErrorStack();   // our messages replace HDF5's own error printing
void refuseExternalLinks(); // before reading files from anywhere: no link may lead out of the file

// Bounds checked before a reader allocates: the largest field a twin holds (5 M cells x 3 velocity
// components fit well inside) and the most text one dataset may hold.
inline constexpr hsize_t maxElements = hsize_t(1) << 26;
inline constexpr size_t maxTextBytes = size_t(1) << 28;

// Writing.
Handle createGroup(hid_t parent, const std::string& name, const std::string& nxClass);
// Opens the group when it exists, so several writers can share one (e.g. /results).
Handle openOrCreateGroup(hid_t parent, const std::string& name, const std::string& nxClass);
void writeAttr(hid_t obj, const std::string& name, const std::string& value);
void writeAttr(hid_t obj, const std::string& name, long value);
void writeAttr(hid_t obj, const std::string& name, const std::vector<double>& values); // float64, 1-D
// scalar = true writes a rank-0 dataset (values must hold one element).
void writeNumbers(hid_t g, const std::string& name, const std::vector<double>& v, const std::string& units,
                  bool scalar, hid_t fileType = H5T_IEEE_F64LE);
void writeStrings(hid_t g, const std::string& name, const std::vector<std::string>& v, bool scalar);
// Chunked, shuffled and deflate-compressed arrays of any rank (dims slowest first), for 3-D fields: a chunk
// is one slab of the slowest axis, at most 256 x 256 across.
void writeFloatArray(hid_t g, const std::string& name, const std::vector<float>& v,
                     const std::vector<hsize_t>& dims, const std::string& units);
void writeUint8Array(hid_t g, const std::string& name, const std::vector<std::uint8_t>& v,
                     const std::vector<hsize_t>& dims, const std::string& units);

// Reading: each throws Error naming `where` when the object is missing, unreadable, of another type or
// shape than the reader expects, larger than the bounds above, or (for text) not UTF-8.
// False when a link on the path is absent; throws when a lookup fails (a damaged file) or a link leads
// into another file (twin files are self-contained).
bool exists(hid_t parent, const std::string& path);
Handle openGroup(hid_t parent, const std::string& path, const std::string& where);
std::string readStringAttr(hid_t obj, const std::string& name, const std::string& where);
long readIntAttr(hid_t obj, const std::string& name, const std::string& where);
std::vector<double> readDoublesAttr(hid_t obj, const std::string& name, const std::string& where);
bool hasAttr(hid_t obj, const std::string& name); // throws when the lookup itself fails
std::vector<hsize_t> shapeOf(hid_t g, const std::string& name, const std::string& where);
std::string unitsOf(hid_t g, const std::string& name, const std::string& where);
std::vector<double> readNumbers(hid_t g, const std::string& name, const std::string& where);
std::vector<std::string> readStrings(hid_t g, const std::string& name, const std::string& where);
std::vector<float> readFloatArray(hid_t g, const std::string& name, const std::string& where);
std::vector<std::uint8_t> readUint8Array(hid_t g, const std::string& name, const std::string& where);
std::vector<std::string> childNames(hid_t g, const std::string& where);

} // namespace halltwin::model::h5
