// Activations, arithmetic, reductions and concatenation.
#include "shim.h"

extern "C" {

int mzb_relu(const mzb_tensor* input, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::relu(mzb::ref(input)));
  MZB_CATCH
}

int mzb_leaky_relu(const mzb_tensor* input, double negative_slope, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::leaky_relu(mzb::ref(input), negative_slope));
  MZB_CATCH
}

int mzb_sigmoid(const mzb_tensor* input, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::sigmoid(mzb::ref(input)));
  MZB_CATCH
}

int mzb_softmax(const mzb_tensor* input, int64_t dim, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::softmax(mzb::ref(input), dim));
  MZB_CATCH
}

int mzb_log_softmax(const mzb_tensor* input, int64_t dim, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::log_softmax(mzb::ref(input), dim));
  MZB_CATCH
}

int mzb_add(const mzb_tensor* a, const mzb_tensor* b, double alpha, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::add(mzb::ref(a), mzb::ref(b), alpha));
  MZB_CATCH
}

int mzb_mul(const mzb_tensor* a, const mzb_tensor* b, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::mul(mzb::ref(a), mzb::ref(b)));
  MZB_CATCH
}

int mzb_scale(const mzb_tensor* a, double factor, double offset, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::add(at::mul(mzb::ref(a), factor), offset));
  MZB_CATCH
}

int mzb_sum(const mzb_tensor* input, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::sum(mzb::ref(input)));
  MZB_CATCH
}

int mzb_mean(const mzb_tensor* input, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::mean(mzb::ref(input)));
  MZB_CATCH
}

int mzb_argmax(const mzb_tensor* input, int64_t dim, int32_t keepdim, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, at::argmax(mzb::ref(input), dim, keepdim != 0));
  MZB_CATCH
}

int mzb_cat(const mzb_tensor* const* tensors, int32_t count, int64_t dim, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(count > 0 && tensors != nullptr, "cat needs at least one tensor");
  std::vector<at::Tensor> parts;
  parts.reserve(count);
  for (int32_t i = 0; i < count; ++i) parts.push_back(mzb::ref(tensors[i]));
  mzb::put(out, at::cat(parts, dim));
  MZB_CATCH
}

}  // extern "C"
