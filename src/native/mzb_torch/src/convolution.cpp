// Convolution, transposed convolution, max-pooling and upsampling over 2 or 3 spatial axes.
#include "shim.h"

namespace {

std::vector<int64_t> spatial_dims(const int64_t* values, int32_t spatial, const char* what) {
  TORCH_CHECK(spatial == 2 || spatial == 3, "spatial rank must be 2 or 3, got ", spatial);
  TORCH_CHECK(values != nullptr, "null ", what, " array");
  return mzb::dims(values, spatial);
}

void check_rank(const at::Tensor& input, int32_t spatial, const char* op) {
  TORCH_CHECK(input.dim() == spatial + 2, op, " expects a ", spatial + 2, "-D input (N, C, ", spatial == 2 ? "H, W" : "D, H, W",
              "), got shape ", input.sizes());
}

}  // namespace

extern "C" {

int mzb_convolution(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias, int32_t spatial,
                    const int64_t* stride, const int64_t* padding, const int64_t* dilation, int32_t transposed,
                    const int64_t* output_padding, int64_t groups, mzb_tensor** out) {
  MZB_TRY
  const auto& x = mzb::ref(input);
  check_rank(x, spatial, transposed ? "transposed convolution" : "convolution");
  auto out_padding = output_padding == nullptr ? std::vector<int64_t>(spatial, 0)
                                               : spatial_dims(output_padding, spatial, "output padding");
  mzb::put(out, at::convolution(x, mzb::ref(weight), mzb::optional(bias), spatial_dims(stride, spatial, "stride"),
                                spatial_dims(padding, spatial, "padding"), spatial_dims(dilation, spatial, "dilation"),
                                transposed != 0, out_padding, groups));
  MZB_CATCH
}

int mzb_max_pool(const mzb_tensor* input, int32_t spatial, const int64_t* kernel, const int64_t* stride,
                 const int64_t* padding, mzb_tensor** out) {
  MZB_TRY
  const auto& x = mzb::ref(input);
  check_rank(x, spatial, "max-pooling");
  auto k = spatial_dims(kernel, spatial, "kernel");
  auto s = spatial_dims(stride, spatial, "stride");
  auto p = spatial_dims(padding, spatial, "padding");
  std::vector<int64_t> dilation(spatial, 1);
  mzb::put(out, spatial == 2 ? at::max_pool2d(x, k, s, p, dilation, false) : at::max_pool3d(x, k, s, p, dilation, false));
  MZB_CATCH
}

int mzb_upsample(const mzb_tensor* input, int32_t spatial, const double* scale, int32_t mode, int32_t align_corners,
                 mzb_tensor** out) {
  MZB_TRY
  const auto& x = mzb::ref(input);
  check_rank(x, spatial, "upsampling");
  TORCH_CHECK(scale != nullptr, "null scale array");
  TORCH_CHECK(mode == MZB_UPSAMPLE_NEAREST || mode == MZB_UPSAMPLE_LINEAR, "unsupported upsampling mode ", mode);
  // Output size as torch.nn.functional.interpolate computes it from scale factors: floor(size * scale).
  std::vector<int64_t> size(spatial);
  for (int32_t d = 0; d < spatial; ++d) {
    TORCH_CHECK(scale[d] > 0, "scale factors must be positive, got ", scale[d]);
    size[d] = static_cast<int64_t>(std::floor(static_cast<double>(x.size(d + 2)) * scale[d]));
  }
  bool corners = align_corners != 0;
  at::Tensor y;
  if (spatial == 2) {
    y = mode == MZB_UPSAMPLE_NEAREST ? at::upsample_nearest2d(x, size, scale[0], scale[1])
                                     : at::upsample_bilinear2d(x, size, corners, scale[0], scale[1]);
  } else {
    y = mode == MZB_UPSAMPLE_NEAREST ? at::upsample_nearest3d(x, size, scale[0], scale[1], scale[2])
                                     : at::upsample_trilinear3d(x, size, corners, scale[0], scale[1], scale[2]);
  }
  mzb::put(out, std::move(y));
  MZB_CATCH
}

}  // extern "C"
