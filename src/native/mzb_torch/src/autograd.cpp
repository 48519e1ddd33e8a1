// Autograd on single tensors: flags, backward, gradients.
#include "shim.h"

extern "C" {

int mzb_set_requires_grad(mzb_tensor* t, int32_t requires_grad) {
  MZB_TRY
  mzb::mut(t).requires_grad_(requires_grad != 0);
  MZB_CATCH
}

int mzb_requires_grad(const mzb_tensor* t, int32_t* requires_grad) {
  MZB_TRY
  *requires_grad = mzb::ref(t).requires_grad() ? 1 : 0;
  MZB_CATCH
}

int mzb_backward(const mzb_tensor* t) {
  MZB_TRY
  const auto& value = mzb::ref(t);
  TORCH_CHECK(value.numel() == 1, "backward() without a gradient needs a scalar, got shape ", value.sizes());
  value.backward();
  MZB_CATCH
}

int mzb_grad(const mzb_tensor* t, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(out != nullptr, "null output pointer");
  const auto& grad = mzb::ref(t).grad();
  *out = grad.defined() ? new mzb_tensor{grad} : nullptr;
  MZB_CATCH
}

int mzb_zero_grad(mzb_tensor* t) {
  MZB_TRY
  // As torch.optim's zero_grad(set_to_none=True): the next backward writes a fresh gradient.
  mzb::mut(t).mutable_grad().reset();
  MZB_CATCH
}

int mzb_detach(const mzb_tensor* t, mzb_tensor** out) {
  MZB_TRY
  mzb::put(out, mzb::ref(t).detach());
  MZB_CATCH
}

}  // extern "C"
