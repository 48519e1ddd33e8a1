// Process-wide settings: version, seed, threads, devices, grad mode.
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/version.h>

#include "shim.h"

at::ScalarType mzb::scalar_type(int32_t dtype) {
  switch (dtype) {
    case MZB_FLOAT32: return at::kFloat;
    case MZB_FLOAT64: return at::kDouble;
    case MZB_INT64: return at::kLong;
  }
  TORCH_CHECK(false, "unsupported dtype code ", dtype, " (0 = float32, 1 = float64, 2 = int64)");
}

int32_t mzb::dtype_code(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return MZB_FLOAT32;
    case at::kDouble: return MZB_FLOAT64;
    case at::kLong: return MZB_INT64;
    default: TORCH_CHECK(false, "tensor has dtype ", type, ", which the binding does not expose");
  }
}

at::Device mzb::device(int32_t device_type, int32_t device_index) {
  switch (device_type) {
    case MZB_DEVICE_CPU: return at::Device(at::kCPU);
    case MZB_DEVICE_CUDA:
      TORCH_CHECK(at::globalContext().hasCUDA(), "CUDA requested but this libtorch has no CUDA support or no GPU");
      return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index));
  }
  TORCH_CHECK(false, "unsupported device type ", device_type, " (0 = cpu, 1 = cuda)");
}

extern "C" {

const char* mzb_version(void) { return TORCH_VERSION; }

int mzb_manual_seed(uint64_t seed) {
  MZB_TRY
  // Seeds the CPU generator and, in a CUDA build, every GPU's (as torch.manual_seed does).
  {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_current_seed(seed);
  }
  for (int32_t gpu = 0; gpu < mzb_cuda_device_count(); ++gpu) {
    auto generator = at::globalContext().defaultGenerator(at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(gpu)));
    generator.set_current_seed(seed);
  }
  MZB_CATCH
}

int mzb_set_num_threads(int32_t threads) {
  MZB_TRY
  TORCH_CHECK(threads > 0, "thread count must be positive, got ", threads);
  at::set_num_threads(threads);
  MZB_CATCH
}

int32_t mzb_get_num_threads(void) { return at::get_num_threads(); }

int32_t mzb_cuda_device_count(void) {
  try {
    return at::globalContext().hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0;
  } catch (...) {
    return 0;
  }
}

int mzb_set_grad_enabled(int32_t enabled) {
  MZB_TRY
  c10::GradMode::set_enabled(enabled != 0);
  MZB_CATCH
}

int32_t mzb_is_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

}  // extern "C"
