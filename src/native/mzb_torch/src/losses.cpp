// Segmentation losses over logits (N, C, spatial...) and int64 targets (N, spatial...).
#include "shim.h"

namespace {

void check_target(const at::Tensor& logits, const at::Tensor& target) {
  TORCH_CHECK(target.scalar_type() == at::kLong, "target must hold int64 class indices, got ", target.scalar_type());
  TORCH_CHECK(logits.dim() == target.dim() + 1, "logits of shape ", logits.sizes(), " need a target with one dimension less, got ",
              target.sizes());
}

}  // namespace

extern "C" {

int mzb_cross_entropy(const mzb_tensor* logits, const mzb_tensor* target, const mzb_tensor* pixel_weight,
                      const mzb_tensor* class_weight, int64_t ignore_index, mzb_tensor** out) {
  MZB_TRY
  const auto& x = mzb::ref(logits);
  const auto& t = mzb::ref(target);
  check_target(x, t);
  auto classes = mzb::optional(class_weight);
  if (pixel_weight == nullptr) {
    // Exactly torch.nn.functional.cross_entropy(x, t, weight=classes, ignore_index=ignore_index).
    mzb::put(out, at::cross_entropy_loss(x, t, classes, at::Reduction::Mean, ignore_index, 0.0));
    return MZB_OK;
  }
  const auto& pixels = mzb::ref(pixel_weight);
  TORCH_CHECK(pixels.sizes() == t.sizes(), "pixel weights of shape ", pixels.sizes(), " do not match the target's ", t.sizes());
  // Weighted mean over the pixels that are not ignored: sum(p_i * w[t_i] * nll_i) / sum(p_i * w[t_i]).
  auto per_pixel = at::cross_entropy_loss(x, t, classes, at::Reduction::None, ignore_index, 0.0);
  auto valid = t.ne(ignore_index);
  auto denominator = pixels * valid;
  if (classes.defined()) {
    auto safe_target = at::where(valid, t, at::zeros_like(t));
    denominator = denominator * classes.index_select(0, safe_target.flatten()).view_as(t);
  }
  mzb::put(out, (per_pixel * pixels).sum() / denominator.sum());
  MZB_CATCH
}

int mzb_soft_dice_loss(const mzb_tensor* logits, const mzb_tensor* target, int64_t ignore_index, double smooth,
                       mzb_tensor** out) {
  MZB_TRY
  const auto& x = mzb::ref(logits);
  const auto& t = mzb::ref(target);
  check_target(x, t);
  // 1 - mean over classes of (2 |P∩T| + s) / (|P| + |T| + s), with P the softmax and T the one-hot target, summed over
  // the batch and all pixels that are not ignored.
  auto valid = t.ne(ignore_index).unsqueeze(1).to(x.scalar_type());
  auto probabilities = at::softmax(x, 1) * valid;
  auto safe_target = at::where(t.ne(ignore_index), t, at::zeros_like(t));
  auto one_hot = at::zeros_like(x).scatter_(1, safe_target.unsqueeze(1), 1.0) * valid;
  std::vector<int64_t> reduce{0};
  for (int64_t d = 2; d < x.dim(); ++d) reduce.push_back(d);
  auto intersection = (probabilities * one_hot).sum(reduce);
  auto cardinality = probabilities.sum(reduce) + one_hot.sum(reduce);
  auto dice = (2.0 * intersection + smooth) / (cardinality + smooth);
  mzb::put(out, 1.0 - dice.mean());
  MZB_CATCH
}

}  // extern "C"
