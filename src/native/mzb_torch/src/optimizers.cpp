// Adam and SGD with the update rules of torch.optim (PyTorch 1.13, single-tensor path, maximize=False), written as
// fused tensor ops because the lean includes do not give torch::optim. State tensors are named as in PyTorch's
// state_dict so checkpoints can store and restore them.
#include <algorithm>
#include <c10/core/GradMode.h>
#include <cmath>
#include <map>

#include "shim.h"

struct mzb_optimizer {
  explicit mzb_optimizer(std::vector<at::Tensor> parameters, double learning_rate)
      : parameters(std::move(parameters)), learning_rate(learning_rate), state(this->parameters.size()) {}
  virtual ~mzb_optimizer() = default;
  virtual void update(size_t index, const at::Tensor& grad) = 0;
  virtual std::vector<std::string> state_names() const = 0;

  std::vector<at::Tensor> parameters;
  double learning_rate;
  std::vector<std::map<std::string, at::Tensor>> state;
};

namespace {

struct Adam final : mzb_optimizer {
  Adam(std::vector<at::Tensor> parameters, double learning_rate, double beta1, double beta2, double eps, double weight_decay)
      : mzb_optimizer(std::move(parameters), learning_rate), beta1(beta1), beta2(beta2), eps(eps), weight_decay(weight_decay) {}

  void update(size_t index, const at::Tensor& gradient) override {
    auto& param = parameters[index];
    auto& s = state[index];
    // Each entry starts at zero unless a checkpoint restored it.
    if (!s.count("step")) s["step"] = at::zeros({}, at::TensorOptions().dtype(at::kFloat));
    if (!s.count("exp_avg")) s["exp_avg"] = at::zeros_like(param, at::MemoryFormat::Preserve);
    if (!s.count("exp_avg_sq")) s["exp_avg_sq"] = at::zeros_like(param, at::MemoryFormat::Preserve);
    auto grad = weight_decay != 0 ? gradient.add(param, weight_decay) : gradient;
    s["step"].add_(1);
    s["exp_avg"].mul_(beta1).add_(grad, 1 - beta1);
    s["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, 1 - beta2);
    double step = s["step"].item<double>();
    double bias_correction1 = 1 - std::pow(beta1, step);
    double bias_correction2 = 1 - std::pow(beta2, step);
    auto denom = (s["exp_avg_sq"].sqrt() / std::sqrt(bias_correction2)).add_(eps);
    param.addcdiv_(s["exp_avg"], denom, -learning_rate / bias_correction1);
  }

  std::vector<std::string> state_names() const override { return {"step", "exp_avg", "exp_avg_sq"}; }

  double beta1, beta2, eps, weight_decay;
};

struct Sgd final : mzb_optimizer {
  Sgd(std::vector<at::Tensor> parameters, double learning_rate, double momentum, double dampening, double weight_decay,
      bool nesterov)
      : mzb_optimizer(std::move(parameters), learning_rate), momentum(momentum), dampening(dampening),
        weight_decay(weight_decay), nesterov(nesterov) {}

  void update(size_t index, const at::Tensor& gradient) override {
    auto& param = parameters[index];
    auto d_p = weight_decay != 0 ? gradient.add(param, weight_decay) : gradient;
    if (momentum != 0) {
      auto& s = state[index];
      auto found = s.find("momentum_buffer");
      if (found == s.end()) {
        s["momentum_buffer"] = d_p.clone().detach();
      } else {
        found->second.mul_(momentum).add_(d_p, 1 - dampening);
      }
      const auto& buffer = s["momentum_buffer"];
      d_p = nesterov ? d_p.add(buffer, momentum) : buffer;
    }
    param.add_(d_p, -learning_rate);
  }

  std::vector<std::string> state_names() const override { return {"momentum_buffer"}; }

  double momentum, dampening, weight_decay;
  bool nesterov;
};

std::vector<at::Tensor> collect(mzb_tensor* const* parameters, int32_t count) {
  TORCH_CHECK(count > 0 && parameters != nullptr, "an optimizer needs at least one parameter");
  std::vector<at::Tensor> result;
  result.reserve(count);
  for (int32_t i = 0; i < count; ++i) {
    const auto& p = mzb::ref(parameters[i]);
    TORCH_CHECK(p.is_leaf() && p.requires_grad(), "parameter ", i, " is not a leaf tensor that requires grad");
    result.push_back(p);
  }
  return result;
}

void check_learning_rate(double learning_rate) {
  TORCH_CHECK(learning_rate >= 0 && std::isfinite(learning_rate), "invalid learning rate ", learning_rate);
}

std::map<std::string, at::Tensor>& state_of(const mzb_optimizer* optimizer, int32_t parameter, const std::string& name) {
  TORCH_CHECK(optimizer != nullptr, "null optimizer handle");
  TORCH_CHECK(parameter >= 0 && static_cast<size_t>(parameter) < optimizer->parameters.size(), "parameter index ",
              parameter, " out of range [0, ", optimizer->parameters.size(), ")");
  auto names = optimizer->state_names();
  TORCH_CHECK(std::find(names.begin(), names.end(), name) != names.end(), "this optimizer has no state named '", name, "'");
  return const_cast<mzb_optimizer*>(optimizer)->state[parameter];
}

}  // namespace

extern "C" {

int mzb_adam_new(mzb_tensor* const* parameters, int32_t count, double learning_rate, double beta1, double beta2,
                 double eps, double weight_decay, mzb_optimizer** out) {
  MZB_TRY
  check_learning_rate(learning_rate);
  TORCH_CHECK(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must be in [0, 1), got ", beta1, ", ", beta2);
  TORCH_CHECK(eps >= 0 && weight_decay >= 0, "Adam eps and weight decay must not be negative");
  *out = new Adam(collect(parameters, count), learning_rate, beta1, beta2, eps, weight_decay);
  MZB_CATCH
}

int mzb_sgd_new(mzb_tensor* const* parameters, int32_t count, double learning_rate, double momentum, double dampening,
                double weight_decay, int32_t nesterov, mzb_optimizer** out) {
  MZB_TRY
  check_learning_rate(learning_rate);
  TORCH_CHECK(momentum >= 0 && weight_decay >= 0, "SGD momentum and weight decay must not be negative");
  TORCH_CHECK(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum requires a momentum and zero dampening");
  *out = new Sgd(collect(parameters, count), learning_rate, momentum, dampening, weight_decay, nesterov != 0);
  MZB_CATCH
}

void mzb_optimizer_free(mzb_optimizer* optimizer) { delete optimizer; }

int mzb_optimizer_step(mzb_optimizer* optimizer) {
  MZB_TRY
  TORCH_CHECK(optimizer != nullptr, "null optimizer handle");
  c10::NoGradGuard no_grad;
  for (size_t i = 0; i < optimizer->parameters.size(); ++i) {
    const auto& grad = optimizer->parameters[i].grad();
    if (grad.defined()) optimizer->update(i, grad);  // parameters without a gradient are skipped, as in PyTorch
  }
  MZB_CATCH
}

int mzb_optimizer_zero_grad(mzb_optimizer* optimizer) {
  MZB_TRY
  TORCH_CHECK(optimizer != nullptr, "null optimizer handle");
  for (auto& p : optimizer->parameters) p.mutable_grad().reset();
  MZB_CATCH
}

int mzb_optimizer_set_learning_rate(mzb_optimizer* optimizer, double learning_rate) {
  MZB_TRY
  TORCH_CHECK(optimizer != nullptr, "null optimizer handle");
  check_learning_rate(learning_rate);
  optimizer->learning_rate = learning_rate;
  MZB_CATCH
}

int mzb_optimizer_get_learning_rate(const mzb_optimizer* optimizer, double* learning_rate) {
  MZB_TRY
  TORCH_CHECK(optimizer != nullptr, "null optimizer handle");
  *learning_rate = optimizer->learning_rate;
  MZB_CATCH
}

int mzb_optimizer_get_state(const mzb_optimizer* optimizer, int32_t parameter, const char* name, mzb_tensor** out) {
  MZB_TRY
  TORCH_CHECK(name != nullptr && out != nullptr, "null state name or output pointer");
  auto& state = state_of(optimizer, parameter, name);
  auto found = state.find(name);
  *out = found == state.end() ? nullptr : new mzb_tensor{found->second};
  MZB_CATCH
}

int mzb_optimizer_set_state(mzb_optimizer* optimizer, int32_t parameter, const char* name, const mzb_tensor* value) {
  MZB_TRY
  TORCH_CHECK(name != nullptr, "null state name");
  auto& state = state_of(optimizer, parameter, name);
  const auto& source = mzb::ref(value);
  std::string key(name);
  const auto& param = optimizer->parameters[parameter];
  if (key != "step") {
    TORCH_CHECK(source.sizes() == param.sizes(), "state '", key, "' of shape ", source.sizes(), " does not match parameter ",
                parameter, " of shape ", param.sizes());
  }
  // A copy on the parameter's device (the step counter stays a float scalar on the CPU, as in PyTorch 1.13).
  auto copy = key == "step" ? source.detach().to(at::kCPU, at::kFloat).reshape({}).clone()
                            : source.detach().to(param.device(), param.scalar_type()).clone();
  state[key] = copy;
  MZB_CATCH
}

}  // extern "C"
