// Normalisation and dropout: the layers whose behaviour depends on training versus evaluation.
#include "shim.h"

extern "C" {

int mzb_batch_norm(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias, mzb_tensor* running_mean,
                   mzb_tensor* running_var, int32_t training, double momentum, double eps, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(training != 0 || (running_mean != nullptr && running_var != nullptr),
              "batch norm in evaluation mode needs running statistics");
  mzb::put(out, at::batch_norm(mzb::ref(input), mzb::optional(weight), mzb::optional(bias), mzb::optional(running_mean),
                               mzb::optional(running_var), training != 0, momentum, eps, /*cudnn_enabled=*/true));
  MZB_CATCH
}

int mzb_instance_norm(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias, mzb_tensor* running_mean,
                      mzb_tensor* running_var, int32_t use_input_stats, double momentum, double eps, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(use_input_stats != 0 || (running_mean != nullptr && running_var != nullptr),
              "instance norm without input statistics needs running statistics");
  mzb::put(out, at::instance_norm(mzb::ref(input), mzb::optional(weight), mzb::optional(bias), mzb::optional(running_mean),
                                  mzb::optional(running_var), use_input_stats != 0, momentum, eps, /*cudnn_enabled=*/true));
  MZB_CATCH
}

int mzb_dropout(const mzb_tensor* input, double p, int32_t training, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(p >= 0 && p <= 1, "dropout probability must be in [0, 1], got ", p);
  mzb::put(out, at::dropout(mzb::ref(input), p, training != 0));
  MZB_CATCH
}

}  // extern "C"
