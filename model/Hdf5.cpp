#include "Hdf5.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace halltwin::model::h5 {
namespace {

Handle check(hid_t id, const std::string& what) {
    if (id < 0) throw Error(what);
    return Handle(id);
}

void check(herr_t rc, const std::string& what) {
    if (rc < 0) throw Error(what);
}

Handle utf8String() {
    Handle t = check(H5Tcopy(H5T_C_S1), "string type");
    check(H5Tset_size(t.get(), H5T_VARIABLE), "string type size");
    check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "string type charset");
    return t;
}

Handle space(const std::vector<hsize_t>& dims, bool scalar) {
    return scalar ? check(H5Screate(H5S_SCALAR), "dataspace")
                  : check(H5Screate_simple(int(dims.size()), dims.data(), nullptr), "dataspace");
}

// Small datasets live inside their object header: a twin file stays compact and opens in one read.
Handle smallLayout(size_t bytes) {
    Handle plist = check(H5Pcreate(H5P_DATASET_CREATE), "property list");
    if (bytes < 32 * 1024) check(H5Pset_layout(plist.get(), H5D_COMPACT), "compact layout");
    return plist;
}

Handle openDataset(hid_t g, const std::string& name, const std::string& where) {
    if (!exists(g, name)) throw Error(fmt::format("{}: dataset '{}' is missing", where, name));
    return check(H5Dopen2(g, name.c_str(), H5P_DEFAULT),
                 fmt::format("{}: cannot open dataset '{}'", where, name));
}

// One slab of the slowest axis of a field (a z-layer of a [z][y][x] grid), at most 256 x 256 across: a
// horizontal slice reads few chunks and each fits HDF5's default 1 MiB chunk cache.
std::vector<hsize_t> fieldChunk(const std::vector<hsize_t>& dims) {
    std::vector<hsize_t> c(dims.size());
    for (size_t a = 0; a < dims.size(); ++a) {
        const hsize_t cap = dims.size() == 1 ? 65536 : a == 0 ? 1 : 256;
        c[a] = std::max<hsize_t>(1, std::min(dims[a], cap));
    }
    return c;
}

void writeChunked(hid_t g, const std::string& name, const void* data, size_t count, hid_t memType,
                  hid_t fileType, const std::vector<hsize_t>& dims, const std::string& units) {
    hsize_t expected = 1;
    for (hsize_t d : dims)
        expected *= d;
    if (dims.empty() || expected != count || count == 0)
        throw Error(fmt::format("dataset '{}': {} values do not fill its shape", name, count));
    Handle sp = space(dims, false);
    Handle plist = check(H5Pcreate(H5P_DATASET_CREATE), "property list");
    const std::vector<hsize_t> chunk = fieldChunk(dims);
    check(H5Pset_chunk(plist.get(), int(chunk.size()), chunk.data()), "chunking");
    check(H5Pset_shuffle(plist.get()), "shuffle filter");
    check(H5Pset_deflate(plist.get(), 4), "deflate filter");
    Handle ds = check(H5Dcreate2(g, name.c_str(), fileType, sp.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
                      "cannot create dataset '" + name + "'");
    check(H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "cannot write dataset '" + name + "'");
    writeAttr(ds.get(), "units", units);
}

// Values a dataset declares, bounded before anything is allocated for them: a damaged or crafted file
// may declare 2^40 elements.
size_t pointCount(hid_t ds, const std::string& name, const std::string& where) {
    Handle sp = check(H5Dget_space(ds), fmt::format("{}: dataset '{}' has no dataspace", where, name));
    const hssize_t n = H5Sget_simple_extent_npoints(sp.get());
    if (n < 0) throw Error(fmt::format("{}: dataset '{}' has an unreadable dataspace", where, name));
    if (hsize_t(n) > maxElements)
        throw Error(fmt::format("{}: dataset '{}' declares {} values, more than a twin file holds ({})",
                                where, name, n, maxElements));
    return size_t(n);
}

// An attribute that stands for one value must hold exactly one: an empty (null) dataspace or an array
// would make a reader for one value read nothing or write past its buffer.
void expectOneValue(hid_t attr, const std::string& name, const std::string& where) {
    Handle sp = check(H5Aget_space(attr), fmt::format("{}: attribute '{}' has no dataspace", where, name));
    const hssize_t n = H5Sget_simple_extent_npoints(sp.get());
    if (n < 0) throw Error(fmt::format("{}: attribute '{}' has an unreadable dataspace", where, name));
    if (n == 0) throw Error(fmt::format("{}: attribute '{}' is empty", where, name));
    if (n > 1)
        throw Error(fmt::format("{}: attribute '{}' holds {} values where one is expected", where, name, n));
}

// Text in a twin file is UTF-8 (docs/file-format.md): anything else is refused, not passed on.
bool validUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + size_t(n) > s.size()) return false;
        char32_t c = n == 1 ? b : b & (0x7F >> n);
        for (int k = 1; k < n; ++k) {
            const auto cb = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cb >> 6) != 0x2) return false;
            c = (c << 6) | (cb & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
            (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += size_t(n);
    }
    return true;
}

std::string checkedText(std::string s, const std::string& what) {
    if (!validUtf8(s)) throw Error(what + " is not valid UTF-8 text");
    return s;
}

} // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
    if (this != &o) {
        reset();
        id_ = o.id_;
        o.id_ = -1;
    }
    return *this;
}

void Handle::reset() {
    if (id_ >= 0) H5Idec_ref(id_);
    id_ = -1;
}

void silenceErrorStack() {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

void refuseExternalLinks() {
    // exists() names an external link on a path; a soft link whose target runs through one would still
    // be followed by H5Gopen2/H5Dopen2. Without the link class no link can leave the file.
    static const bool unregistered = H5Lunregister(H5L_TYPE_EXTERNAL) >= 0;
    (void)unregistered;
}

Handle createGroup(hid_t parent, const std::string& name, const std::string& nxClass) {
    Handle g = check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     "cannot create group '" + name + "'");
    writeAttr(g.get(), "class", nxClass);
    return g;
}

Handle openOrCreateGroup(hid_t parent, const std::string& name, const std::string& nxClass) {
    if (H5Lexists(parent, name.c_str(), H5P_DEFAULT) <= 0) return createGroup(parent, name, nxClass);
    return check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open group '" + name + "'");
}

void writeAttr(hid_t obj, const std::string& name, const std::string& value) {
    Handle t = check(H5Tcopy(H5T_C_S1), "string type");
    check(H5Tset_size(t.get(), value.size() + 1), "string type size");
    check(H5Tset_strpad(t.get(), H5T_STR_NULLTERM), "string padding");
    check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "string type charset");
    Handle sp = space({}, true);
    Handle a = check(H5Acreate2(obj, name.c_str(), t.get(), sp.get(), H5P_DEFAULT, H5P_DEFAULT),
                     "cannot create attribute '" + name + "'");
    check(H5Awrite(a.get(), t.get(), value.c_str()), "cannot write attribute '" + name + "'");
}

void writeAttr(hid_t obj, const std::string& name, long value) {
    Handle sp = space({}, true);
    Handle a = check(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, sp.get(), H5P_DEFAULT, H5P_DEFAULT),
                     "cannot create attribute '" + name + "'");
    check(H5Awrite(a.get(), H5T_NATIVE_LONG, &value), "cannot write attribute '" + name + "'");
}

void writeAttr(hid_t obj, const std::string& name, const std::vector<double>& values) {
    Handle sp = space({hsize_t(values.size())}, false);
    Handle a = check(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, sp.get(), H5P_DEFAULT, H5P_DEFAULT),
                     "cannot create attribute '" + name + "'");
    check(H5Awrite(a.get(), H5T_NATIVE_DOUBLE, values.data()), "cannot write attribute '" + name + "'");
}

void writeNumbers(hid_t g, const std::string& name, const std::vector<double>& v, const std::string& units,
                  bool scalar, hid_t fileType) {
    Handle sp = space({hsize_t(v.size())}, scalar);
    Handle layout = smallLayout(v.size() * sizeof(double));
    Handle ds = check(H5Dcreate2(g, name.c_str(), fileType, sp.get(), H5P_DEFAULT, layout.get(), H5P_DEFAULT),
                      "cannot create dataset '" + name + "'");
    if (!v.empty())
        check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
              "cannot write dataset '" + name + "'");
    writeAttr(ds.get(), "units", units);
}

void writeStrings(hid_t g, const std::string& name, const std::vector<std::string>& v, bool scalar) {
    // Fixed-length strings sized to the longest value: variable-length ones cost a 4 KiB global-heap
    // collection per dataset, which would dominate a twin file.
    size_t width = 1;
    for (const std::string& s : v)
        width = std::max(width, s.size() + 1);
    Handle t = check(H5Tcopy(H5T_C_S1), "string type");
    check(H5Tset_size(t.get(), width), "string type size");
    check(H5Tset_strpad(t.get(), H5T_STR_NULLTERM), "string padding");
    check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "string type charset");
    Handle sp = space({hsize_t(v.size())}, scalar);
    Handle layout = smallLayout(v.size() * width);
    Handle ds = check(H5Dcreate2(g, name.c_str(), t.get(), sp.get(), H5P_DEFAULT, layout.get(), H5P_DEFAULT),
                      "cannot create dataset '" + name + "'");
    std::vector<char> buf(v.size() * width, '\0');
    for (size_t i = 0; i < v.size(); ++i)
        std::copy(v[i].begin(), v[i].end(), buf.begin() + long(i * width));
    if (!v.empty())
        check(H5Dwrite(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()),
              "cannot write dataset '" + name + "'");
}

void writeFloatArray(hid_t g, const std::string& name, const std::vector<float>& v,
                     const std::vector<hsize_t>& dims, const std::string& units) {
    writeChunked(g, name, v.data(), v.size(), H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, dims, units);
}

void writeUint8Array(hid_t g, const std::string& name, const std::vector<std::uint8_t>& v,
                     const std::vector<hsize_t>& dims, const std::string& units) {
    writeChunked(g, name, v.data(), v.size(), H5T_NATIVE_UINT8, H5T_STD_U8LE, dims, units);
}

bool exists(hid_t parent, const std::string& path) {
    // Check each link on the way so a missing intermediate group is not an HDF5 error; a lookup that
    // fails is a damaged file, not an absent object, and a link into another file is never followed.
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string partial = path.substr(0, slash);
        if (!partial.empty()) {
            const htri_t e = H5Lexists(parent, partial.c_str(), H5P_DEFAULT);
            if (e < 0) throw Error(fmt::format("'{}' cannot be looked up (damaged file?)", partial));
            if (e == 0) return false;
            H5L_info_t info;
            if (H5Lget_info(parent, partial.c_str(), &info, H5P_DEFAULT) < 0)
                throw Error(fmt::format("'{}' cannot be looked up (damaged file?)", partial));
            if (info.type == H5L_TYPE_EXTERNAL)
                throw Error(fmt::format(
                    "'{}' is a link into another file; a twin file must be self-contained", partial));
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return true;
}

Handle openGroup(hid_t parent, const std::string& path, const std::string& where) {
    if (!exists(parent, path)) throw Error(fmt::format("{}: group '{}' is missing", where, path));
    return check(H5Gopen2(parent, path.c_str(), H5P_DEFAULT),
                 fmt::format("{}: cannot open group '{}'", where, path));
}

bool hasAttr(hid_t obj, const std::string& name) {
    const htri_t e = H5Aexists(obj, name.c_str());
    if (e < 0) throw Error(fmt::format("attribute '{}' cannot be looked up (damaged file?)", name));
    return e > 0;
}

std::string readStringAttr(hid_t obj, const std::string& name, const std::string& where) {
    if (!hasAttr(obj, name)) throw Error(fmt::format("{}: attribute '{}' is missing", where, name));
    Handle a = check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), where + ": cannot open attribute " + name);
    Handle ft = check(H5Aget_type(a.get()), where + ": attribute type");
    if (H5Tget_class(ft.get()) != H5T_STRING)
        throw Error(fmt::format("{}: attribute '{}' is not a string", where, name));
    expectOneValue(a.get(), name, where);
    const std::string what = fmt::format("{}: attribute '{}'", where, name);
    if (H5Tis_variable_str(ft.get()) > 0) {
        Handle t = utf8String();
        char* p = nullptr;
        check(H5Aread(a.get(), t.get(), &p), fmt::format("{}: cannot read attribute '{}'", where, name));
        std::string s = p ? p : "";
        H5free_memory(p);
        return checkedText(std::move(s), what);
    }
    const size_t width = H5Tget_size(ft.get());
    if (width == 0 || width > (1u << 20))
        throw Error(fmt::format("{}: attribute '{}' has a bad size", where, name));
    std::vector<char> buf(width + 1, '\0');
    check(H5Aread(a.get(), ft.get(), buf.data()), fmt::format("{}: cannot read attribute '{}'", where, name));
    return checkedText(std::string(buf.data(), strnlen(buf.data(), width)), what);
}

long readIntAttr(hid_t obj, const std::string& name, const std::string& where) {
    if (!hasAttr(obj, name)) throw Error(fmt::format("{}: attribute '{}' is missing", where, name));
    Handle a = check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), where + ": cannot open attribute " + name);
    Handle ft = check(H5Aget_type(a.get()), where + ": attribute type");
    if (H5Tget_class(ft.get()) != H5T_INTEGER)
        throw Error(fmt::format("{}: attribute '{}' is not an integer", where, name));
    expectOneValue(a.get(), name, where);
    long v = 0;
    check(H5Aread(a.get(), H5T_NATIVE_LONG, &v), fmt::format("{}: cannot read attribute '{}'", where, name));
    return v;
}

std::vector<double> readDoublesAttr(hid_t obj, const std::string& name, const std::string& where) {
    if (!hasAttr(obj, name)) throw Error(fmt::format("{}: attribute '{}' is missing", where, name));
    Handle a = check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), where + ": cannot open attribute " + name);
    Handle ft = check(H5Aget_type(a.get()), where + ": attribute type");
    if (H5Tget_class(ft.get()) != H5T_FLOAT && H5Tget_class(ft.get()) != H5T_INTEGER)
        throw Error(fmt::format("{}: attribute '{}' is not numeric", where, name));
    Handle sp = check(H5Aget_space(a.get()), where + ": attribute dataspace");
    const hssize_t n = H5Sget_simple_extent_npoints(sp.get());
    if (n < 0 || n > (1 << 20)) throw Error(fmt::format("{}: attribute '{}' has a bad size", where, name));
    std::vector<double> v(static_cast<size_t>(n));
    if (n > 0)
        check(H5Aread(a.get(), H5T_NATIVE_DOUBLE, v.data()),
              fmt::format("{}: cannot read attribute '{}'", where, name));
    return v;
}

std::vector<hsize_t> shapeOf(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    Handle sp = check(H5Dget_space(ds.get()), where + ": no dataspace");
    if (H5Sget_simple_extent_type(sp.get()) == H5S_NULL)
        throw Error(fmt::format("{}: dataset '{}' is empty (no dataspace)", where, name));
    int rank = H5Sget_simple_extent_ndims(sp.get());
    if (rank < 0 || rank > 8) throw Error(where + ": unreadable dataspace of '" + name + "'");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    if (H5Sget_simple_extent_dims(sp.get(), dims.data(), nullptr) < 0)
        throw Error(where + ": unreadable dataspace of '" + name + "'");
    return dims;
}

std::string unitsOf(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    return readStringAttr(ds.get(), "units", fmt::format("{}, dataset '{}'", where, name));
}

std::vector<double> readNumbers(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    Handle ft = check(H5Dget_type(ds.get()), where + ": dataset type");
    const H5T_class_t cls = H5Tget_class(ft.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        throw Error(fmt::format("{}: dataset '{}' is not numeric", where, name));
    std::vector<double> v(pointCount(ds.get(), name, where));
    if (!v.empty())
        check(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
              fmt::format("{}: cannot read dataset '{}' (damaged file?)", where, name));
    return v;
}

std::vector<float> readFloatArray(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    std::vector<float> v(pointCount(ds.get(), name, where));
    if (!v.empty())
        check(H5Dread(ds.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
              fmt::format("{}: cannot read dataset '{}' (damaged file?)", where, name));
    return v;
}

std::vector<std::uint8_t> readUint8Array(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    std::vector<std::uint8_t> v(pointCount(ds.get(), name, where));
    if (!v.empty())
        check(H5Dread(ds.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
              fmt::format("{}: cannot read dataset '{}' (damaged file?)", where, name));
    return v;
}

std::vector<std::string> readStrings(hid_t g, const std::string& name, const std::string& where) {
    Handle ds = openDataset(g, name, where);
    Handle ft = check(H5Dget_type(ds.get()), where + ": dataset type");
    if (H5Tget_class(ft.get()) != H5T_STRING)
        throw Error(fmt::format("{}: dataset '{}' is not text", where, name));
    const size_t n = pointCount(ds.get(), name, where);
    const std::string what = fmt::format("{}: dataset '{}'", where, name);
    std::vector<std::string> out;
    if (H5Tis_variable_str(ft.get()) > 0) {
        std::vector<char*> ptrs(n, nullptr);
        Handle t = utf8String();
        if (n > 0)
            check(H5Dread(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
                  fmt::format("{}: cannot read dataset '{}' (damaged file?)", where, name));
        for (char* p : ptrs) {
            out.emplace_back(p ? p : "");
            H5free_memory(p);
        }
        for (const std::string& v : out)
            checkedText(v, what);
        return out;
    }
    const size_t width = H5Tget_size(ft.get());
    if (width == 0 || width > (1u << 20))
        throw Error(fmt::format("{}: dataset '{}' has a bad string size", where, name));
    if (n > maxTextBytes / width)
        throw Error(fmt::format("{}: dataset '{}' holds more text than a twin file does", where, name));
    Handle t = check(H5Tcopy(ft.get()), "string type");
    std::vector<char> buf(n * width + 1, '\0');
    if (n > 0)
        check(H5Dread(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()),
              fmt::format("{}: cannot read dataset '{}' (damaged file?)", where, name));
    for (size_t i = 0; i < n; ++i) {
        const char* p = buf.data() + i * width;
        out.push_back(checkedText(std::string(p, strnlen(p, width)), what));
    }
    return out;
}

std::vector<std::string> childNames(hid_t g, const std::string& where) {
    H5G_info_t info;
    check(H5Gget_info(g, &info), where + ": unreadable group");
    if (info.nlinks > maxElements) throw Error(where + ": the group declares too many members");
    std::vector<std::string> out;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (len < 0 || len > 4096) throw Error(where + ": unreadable link");
        std::string name(static_cast<size_t>(len), 0);
        H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), size_t(len) + 1, H5P_DEFAULT);
        out.push_back(name);
    }
    return out;
}

} // namespace halltwin::model::h5
