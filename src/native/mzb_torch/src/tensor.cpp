// Tensor creation, inspection and copies between tensors and caller buffers.
#include <c10/core/GradMode.h>
#include <cmath>

#include "shim.h"

namespace {

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(mzb::scalar_type(dtype)).device(mzb::device(device_type, device_index));
}

// PyTorch's fan_in for a weight of shape (out, in/groups, k...): in/groups times the receptive field.
int64_t fan_in(const at::Tensor& weight) {
  TORCH_CHECK(weight.dim() >= 2, "fan-in needs at least 2 dimensions, got shape ", weight.sizes());
  int64_t receptive = 1;
  for (int64_t d = 2; d < weight.dim(); ++d) receptive *= weight.size(d);
  return weight.size(1) * receptive;
}

}  // namespace

extern "C" {

void mzb_tensor_free(mzb_tensor* t) { delete t; }

int mzb_tensor_from_buffer(const void* data, int32_t dtype, const int64_t* shape, int32_t ndim, int32_t device_type,
                           int32_t device_index, mzb_tensor** out) {
  MZB_TRY
  auto sizes = mzb::dims(shape, ndim);
  int64_t count = 1;
  for (auto size : sizes) {
    TORCH_CHECK(size >= 0, "negative size in shape ", at::IntArrayRef(sizes));
    count *= size;
  }
  TORCH_CHECK(count == 0 || data != nullptr, "null data pointer for ", count, " elements");
  // clone() so the caller's buffer may move or be freed afterwards.
  auto cpu = count == 0 ? at::empty(sizes, at::TensorOptions().dtype(mzb::scalar_type(dtype)))
                        : at::from_blob(const_cast<void*>(data), sizes, at::TensorOptions().dtype(mzb::scalar_type(dtype))).clone();
  mzb::put(out, cpu.to(mzb::device(device_type, device_index)));
  MZB_CATCH
}

int mzb_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type, int32_t device_index,
                     mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::zeros(mzb::dims(shape, ndim), options(dtype, device_type, device_index)));
  MZB_CATCH
}

int mzb_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type, int32_t device_index,
                    mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::ones(mzb::dims(shape, ndim), options(dtype, device_type, device_index)));
  MZB_CATCH
}

int mzb_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type, int32_t device_index,
                     mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::randn(mzb::dims(shape, ndim), options(dtype, device_type, device_index)));
  MZB_CATCH
}

int mzb_tensor_uniform_(mzb_tensor* t, double low, double high) {
  MZB_TRY
  c10::NoGradGuard no_grad;
  mzb::mut(t).uniform_(low, high);
  MZB_CATCH
}

int mzb_tensor_kaiming_uniform_(mzb_tensor* t, double negative_slope) {
  MZB_TRY
  // torch.nn.init.kaiming_uniform_(t, a=negative_slope, mode='fan_in', nonlinearity='leaky_relu').
  c10::NoGradGuard no_grad;
  auto& weight = mzb::mut(t);
  double gain = std::sqrt(2.0 / (1.0 + negative_slope * negative_slope));
  double bound = gain * std::sqrt(3.0 / static_cast<double>(fan_in(weight)));
  weight.uniform_(-bound, bound);
  MZB_CATCH
}

int mzb_tensor_fill_(mzb_tensor* t, double value) {
  MZB_TRY
  c10::NoGradGuard no_grad;
  mzb::mut(t).fill_(value);
  MZB_CATCH
}

int mzb_tensor_copy_(mzb_tensor* destination, const mzb_tensor* source) {
  MZB_TRY
  auto& target = mzb::mut(destination);
  const auto& from = mzb::ref(source);
  TORCH_CHECK(target.sizes() == from.sizes(), "cannot copy a tensor of shape ", from.sizes(), " into one of shape ",
              target.sizes());
  c10::NoGradGuard no_grad;
  target.copy_(from);
  MZB_CATCH
}

int mzb_tensor_ndim(const mzb_tensor* t, int32_t* ndim) {
  MZB_TRY
  *ndim = static_cast<int32_t>(mzb::ref(t).dim());
  MZB_CATCH
}

int mzb_tensor_shape(const mzb_tensor* t, int64_t* shape, int32_t capacity) {
  MZB_TRY
  const auto& value = mzb::ref(t);
  TORCH_CHECK(capacity >= value.dim(), "shape buffer holds ", capacity, " values, tensor has ", value.dim(), " dimensions");
  for (int64_t d = 0; d < value.dim(); ++d) shape[d] = value.size(d);
  MZB_CATCH
}

int mzb_tensor_dtype(const mzb_tensor* t, int32_t* dtype) {
  MZB_TRY
  *dtype = mzb::dtype_code(mzb::ref(t).scalar_type());
  MZB_CATCH
}

int mzb_tensor_device(const mzb_tensor* t, int32_t* device_type, int32_t* device_index) {
  MZB_TRY
  auto device = mzb::ref(t).device();
  TORCH_CHECK(device.is_cpu() || device.is_cuda(), "tensor is on device ", device, ", which the binding does not expose");
  *device_type = device.is_cpu() ? MZB_DEVICE_CPU : MZB_DEVICE_CUDA;
  *device_index = device.has_index() ? device.index() : 0;
  MZB_CATCH
}

int mzb_tensor_to(const mzb_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, mzb::ref(t).to(mzb::device(device_type, device_index), mzb::scalar_type(dtype)));
  MZB_CATCH
}

int mzb_tensor_copy_to_buffer(const mzb_tensor* t, void* data, int32_t dtype, int64_t count) {
  MZB_TRY
  const auto& value = mzb::ref(t);
  TORCH_CHECK(count == value.numel(), "buffer holds ", count, " elements, tensor of shape ", value.sizes(), " has ",
              value.numel());
  if (count == 0) return MZB_OK;
  TORCH_CHECK(data != nullptr, "null data pointer for ", count, " elements");
  auto type = mzb::scalar_type(dtype);
  auto target = at::from_blob(data, value.sizes(), at::TensorOptions().dtype(type));
  target.copy_(value.detach());
  MZB_CATCH
}

int mzb_tensor_item(const mzb_tensor* t, double* value) {
  MZB_TRY
  const auto& tensor = mzb::ref(t);
  TORCH_CHECK(tensor.numel() == 1, "item() needs a tensor with one element, got shape ", tensor.sizes());
  *value = tensor.item<double>();
  MZB_CATCH
}

int mzb_tensor_clone(const mzb_tensor* t, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, mzb::ref(t).clone());
  MZB_CATCH
}

int mzb_tensor_reshape(const mzb_tensor* t, const int64_t* shape, int32_t ndim, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, mzb::ref(t).reshape(mzb::dims(shape, ndim)));
  MZB_CATCH
}

int mzb_tensor_narrow(const mzb_tensor* t, int64_t dim, int64_t start, int64_t length, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, mzb::ref(t).narrow(dim, start, length));
  MZB_CATCH
}

}  // extern "C"
