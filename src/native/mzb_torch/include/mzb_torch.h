/* mzb_torch: a C ABI over libtorch for ModelZooBridge.Torch.
 *
 * Conventions
 * - Every function that can fail returns MZB_OK (0) or MZB_ERROR (-1); the message is then in a thread-local slot
 *   read with mzb_last_error() (valid until the next failing call on that thread).
 * - Tensors are opaque handles owned by the caller and released with mzb_tensor_free. Functions that produce a
 *   tensor write a new handle to their last argument `out`; optional tensor inputs may be NULL.
 * - Spatial arguments (stride, padding, ...) are arrays with one entry per spatial axis (`spatial` = 2 or 3).
 * - Only C types cross the boundary, so the shim can be rebuilt against any libtorch >= 1.13 without changing callers.
 */
#ifndef MZB_TORCH_H
#define MZB_TORCH_H

#include <stdint.h>

#if defined(MZB_TORCH_BUILDING)
#define MZB_API __attribute__((visibility("default")))
#else
#define MZB_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define MZB_OK 0
#define MZB_ERROR (-1)

typedef struct mzb_tensor mzb_tensor;
typedef struct mzb_optimizer mzb_optimizer;

/* Element types. */
enum { MZB_FLOAT32 = 0, MZB_FLOAT64 = 1, MZB_INT64 = 2 };
/* Device kinds (as in c10::DeviceType). */
enum { MZB_DEVICE_CPU = 0, MZB_DEVICE_CUDA = 1 };
/* Upsampling modes. */
enum { MZB_UPSAMPLE_NEAREST = 0, MZB_UPSAMPLE_LINEAR = 1 };

/* errors.cpp */
MZB_API const char* mzb_last_error(void);

/* runtime.cpp */
MZB_API const char* mzb_version(void);
MZB_API int mzb_manual_seed(uint64_t seed);
MZB_API int mzb_set_num_threads(int32_t threads);
MZB_API int32_t mzb_get_num_threads(void);
MZB_API int32_t mzb_cuda_device_count(void);
MZB_API int mzb_set_grad_enabled(int32_t enabled);
MZB_API int32_t mzb_is_grad_enabled(void);

/* tensor.cpp: creation, inspection, copies */
MZB_API void mzb_tensor_free(mzb_tensor* t);
MZB_API int mzb_tensor_from_buffer(const void* data, int32_t dtype, const int64_t* shape, int32_t ndim,
                                   int32_t device_type, int32_t device_index, mzb_tensor** out);
MZB_API int mzb_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                             int32_t device_index, mzb_tensor** out);
MZB_API int mzb_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                            int32_t device_index, mzb_tensor** out);
MZB_API int mzb_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                             int32_t device_index, mzb_tensor** out);
MZB_API int mzb_tensor_uniform_(mzb_tensor* t, double low, double high);
MZB_API int mzb_tensor_kaiming_uniform_(mzb_tensor* t, double negative_slope);
MZB_API int mzb_tensor_fill_(mzb_tensor* t, double value);
MZB_API int mzb_tensor_copy_(mzb_tensor* destination, const mzb_tensor* source);
MZB_API int mzb_tensor_ndim(const mzb_tensor* t, int32_t* ndim);
MZB_API int mzb_tensor_shape(const mzb_tensor* t, int64_t* shape, int32_t capacity);
MZB_API int mzb_tensor_dtype(const mzb_tensor* t, int32_t* dtype);
MZB_API int mzb_tensor_device(const mzb_tensor* t, int32_t* device_type, int32_t* device_index);
MZB_API int mzb_tensor_to(const mzb_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index, mzb_tensor** out);
MZB_API int mzb_tensor_copy_to_buffer(const mzb_tensor* t, void* data, int32_t dtype, int64_t count);
MZB_API int mzb_tensor_item(const mzb_tensor* t, double* value);
MZB_API int mzb_tensor_clone(const mzb_tensor* t, mzb_tensor** out);
MZB_API int mzb_tensor_reshape(const mzb_tensor* t, const int64_t* shape, int32_t ndim, mzb_tensor** out);
MZB_API int mzb_tensor_narrow(const mzb_tensor* t, int64_t dim, int64_t start, int64_t length, mzb_tensor** out);

/* convolution.cpp */
MZB_API int mzb_convolution(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias, int32_t spatial,
                            const int64_t* stride, const int64_t* padding, const int64_t* dilation, int32_t transposed,
                            const int64_t* output_padding, int64_t groups, mzb_tensor** out);
MZB_API int mzb_max_pool(const mzb_tensor* input, int32_t spatial, const int64_t* kernel, const int64_t* stride,
                         const int64_t* padding, mzb_tensor** out);
MZB_API int mzb_upsample(const mzb_tensor* input, int32_t spatial, const double* scale, int32_t mode,
                         int32_t align_corners, mzb_tensor** out);

/* layers.cpp: normalisation and dropout (running statistics are updated in place when training) */
MZB_API int mzb_batch_norm(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias,
                           mzb_tensor* running_mean, mzb_tensor* running_var, int32_t training, double momentum,
                           double eps, mzb_tensor** out);
MZB_API int mzb_instance_norm(const mzb_tensor* input, const mzb_tensor* weight, const mzb_tensor* bias,
                              mzb_tensor* running_mean, mzb_tensor* running_var, int32_t use_input_stats,
                              double momentum, double eps, mzb_tensor** out);
MZB_API int mzb_dropout(const mzb_tensor* input, double p, int32_t training, mzb_tensor** out);

/* pointwise.cpp: activations, arithmetic, reductions, shape */
MZB_API int mzb_relu(const mzb_tensor* input, mzb_tensor** out);
MZB_API int mzb_leaky_relu(const mzb_tensor* input, double negative_slope, mzb_tensor** out);
MZB_API int mzb_sigmoid(const mzb_tensor* input, mzb_tensor** out);
MZB_API int mzb_softmax(const mzb_tensor* input, int64_t dim, mzb_tensor** out);
MZB_API int mzb_log_softmax(const mzb_tensor* input, int64_t dim, mzb_tensor** out);
MZB_API int mzb_add(const mzb_tensor* a, const mzb_tensor* b, double alpha, mzb_tensor** out);
MZB_API int mzb_mul(const mzb_tensor* a, const mzb_tensor* b, mzb_tensor** out);
MZB_API int mzb_scale(const mzb_tensor* a, double factor, double offset, mzb_tensor** out);
MZB_API int mzb_sum(const mzb_tensor* input, mzb_tensor** out);
MZB_API int mzb_mean(const mzb_tensor* input, mzb_tensor** out);
MZB_API int mzb_argmax(const mzb_tensor* input, int64_t dim, int32_t keepdim, mzb_tensor** out);
MZB_API int mzb_cat(const mzb_tensor* const* tensors, int32_t count, int64_t dim, mzb_tensor** out);

/* losses.cpp: target holds int64 class indices (N, spatial...); pixel_weight (same shape, float) and class_weight
 * (C) may be NULL; pixels whose target equals ignore_index contribute nothing. */
MZB_API int mzb_cross_entropy(const mzb_tensor* logits, const mzb_tensor* target, const mzb_tensor* pixel_weight,
                              const mzb_tensor* class_weight, int64_t ignore_index, mzb_tensor** out);
MZB_API int mzb_soft_dice_loss(const mzb_tensor* logits, const mzb_tensor* target, int64_t ignore_index,
                               double smooth, mzb_tensor** out);

/* autograd.cpp */
MZB_API int mzb_set_requires_grad(mzb_tensor* t, int32_t requires_grad);
MZB_API int mzb_requires_grad(const mzb_tensor* t, int32_t* requires_grad);
MZB_API int mzb_backward(const mzb_tensor* t);
MZB_API int mzb_grad(const mzb_tensor* t, mzb_tensor** out); /* *out = NULL when no gradient exists */
MZB_API int mzb_zero_grad(mzb_tensor* t);
MZB_API int mzb_detach(const mzb_tensor* t, mzb_tensor** out);

/* optimizers.cpp: the update rules of torch.optim.Adam and torch.optim.SGD (PyTorch 1.13, single-tensor path).
 * Parameters are shared with the caller (the optimizer keeps its own references). */
MZB_API int mzb_adam_new(mzb_tensor* const* parameters, int32_t count, double learning_rate, double beta1,
                         double beta2, double eps, double weight_decay, mzb_optimizer** out);
MZB_API int mzb_sgd_new(mzb_tensor* const* parameters, int32_t count, double learning_rate, double momentum,
                        double dampening, double weight_decay, int32_t nesterov, mzb_optimizer** out);
MZB_API void mzb_optimizer_free(mzb_optimizer* optimizer);
MZB_API int mzb_optimizer_step(mzb_optimizer* optimizer);
MZB_API int mzb_optimizer_zero_grad(mzb_optimizer* optimizer);
MZB_API int mzb_optimizer_set_learning_rate(mzb_optimizer* optimizer, double learning_rate);
MZB_API int mzb_optimizer_get_learning_rate(const mzb_optimizer* optimizer, double* learning_rate);
/* State tensors by name ("step", "exp_avg", "exp_avg_sq" for Adam; "momentum_buffer" for SGD). get returns an alias
 * (NULL before the first step that touched that parameter); set copies the given tensor into the state. */
MZB_API int mzb_optimizer_get_state(const mzb_optimizer* optimizer, int32_t parameter, const char* name, mzb_tensor** out);
MZB_API int mzb_optimizer_set_state(mzb_optimizer* optimizer, int32_t parameter, const char* name, const mzb_tensor* value);

#ifdef __cplusplus
}
#endif

#endif
