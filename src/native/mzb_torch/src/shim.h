// Internal helpers shared by the shim's areas: the one error convention and the handle <-> at::Tensor mapping.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <exception>
#include <string>
#include <vector>

#include "mzb_torch.h"

// The handle type is an at::Tensor on the heap; the struct name only gives C callers a distinct pointer type.
struct mzb_tensor {
  at::Tensor value;
};

namespace mzb {

void set_last_error(const char* message);

inline const at::Tensor& ref(const mzb_tensor* t) {
  TORCH_CHECK(t != nullptr, "null tensor handle");
  return t->value;
}

inline at::Tensor& mut(mzb_tensor* t) {
  TORCH_CHECK(t != nullptr, "null tensor handle");
  return t->value;
}

// An optional input: NULL maps to an undefined tensor, which ATen treats as absent.
inline at::Tensor optional(const mzb_tensor* t) { return t == nullptr ? at::Tensor() : t->value; }

inline void put(mzb_tensor** out, at::Tensor value) {
  TORCH_CHECK(out != nullptr, "null output pointer");
  *out = new mzb_tensor{std::move(value)};
}

inline std::vector<int64_t> dims(const int64_t* values, int32_t count) {
  TORCH_CHECK(count >= 0 && (count == 0 || values != nullptr), "invalid array of ", count, " values");
  return std::vector<int64_t>(values, values + count);
}

at::ScalarType scalar_type(int32_t dtype);
int32_t dtype_code(at::ScalarType type);
at::Device device(int32_t device_type, int32_t device_index);

}  // namespace mzb

// Wraps an export's body: any C++ exception becomes MZB_ERROR with its message in the thread-local slot, because an
// exception that escapes into .NET aborts the process.
#define MZB_TRY try {
#define MZB_CATCH                                                  \
  return MZB_OK;                                                   \
  }                                                                \
  catch (const c10::Error& error) {                                \
    mzb::set_last_error(error.what_without_backtrace());           \
  }                                                                \
  catch (const std::exception& error) {                            \
    mzb::set_last_error(error.what());                             \
  }                                                                \
  catch (...) {                                                    \
    mzb::set_last_error("unknown C++ exception in mzb_torch");     \
  }                                                                \
  return MZB_ERROR;
