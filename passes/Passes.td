//===- Passes.td - every hnn pass ---------------------------*- tablegen -*-===//
#ifndef HNN_PASSES_TD
#define HNN_PASSES_TD

include "mlir/Pass/PassBase.td"

def HNNSetBatchSize : Pass<"hnn-set-batch-size", "::mlir::ModuleOp"> {
  let summary = "Fixes the dynamic batch dimension of every function to a size";
  let description = [{
    Models are written with a dynamic batch (`tensor<?x784xf32>`); kernels are
    fastest when it is known. This pass gives every function argument whose
    leading dimension is dynamic the size `batch`, then re-infers the result
    types of the function body in order and updates the function signature.

    A dynamic dimension anywhere but first, or an op outside the hnn dialect
    whose types depend on the batch, is reported and the pass fails.

    ```mlir
    // hnn-opt --hnn-set-batch-size=batch=8
    func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
      %0 = hnn.relu %x : tensor<?x4xf32>
      return %0 : tensor<?x4xf32>
    }
    // becomes the same function over tensor<8x4xf32>
    ```
  }];
  let options = [
    Option<"batch", "batch", "int64_t", /*default=*/"1",
           "the batch size to substitute (>= 1)">,
  ];
  let dependentDialects = ["::mlir::hnn::HNNDialect"];
}

def HNNCheckLowerable : Pass<"hnn-check-lowerable", "::mlir::ModuleOp"> {
  let summary = "Reports every op the compile pipeline cannot lower";
  let description = [{
    Runs first in the target pipelines. Walks the whole module and reports, at
    its location, each op that no lowering handles (ops of dialects the
    pipeline does not compile), each value whose shape is dynamic anywhere
    but the leading (batch) dimension, and each result of a public function
    whose dynamic size is not the batch (the runtime sizes dynamic results by
    the batch). All problems are reported at once; the pass fails if there is
    any.
  }];
}

def ConvertHNNToLinalg : Pass<"convert-hnn-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lowers every hnn op to linalg on tensors (+ tensor, arith, math)";
  let description = [{
    Each hnn op becomes linalg structured ops on tensors: named ops where
    linalg has one (matmul, batch_matmul, convolutions, pooling), otherwise
    `linalg.generic` with the op's math in the body. Elementwise broadcasting
    becomes indexing maps, border modes become index arithmetic, and
    reductions keep the batch dimension dynamic. Value semantics are kept;
    bufferization comes later in the pipeline.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def HNNApplySchedule : Pass<"hnn-apply-schedule", "::mlir::ModuleOp"> {
  let summary = "Applies a transform-dialect schedule (tiling, vectorization) to the module";
  let description = [{
    Runs the named sequence `sequence` of a transform-dialect library on the
    module. The library is hnn's built-in CPU schedule
    (`passes/schedules/cpu.mlir`, embedded at build time) unless `library`
    names a file, which is how schedules are tuned without rebuilding.
    The CPU pipeline runs `hnn_tensor_schedule` before bufferization (tile
    for caches and registers, vectorize) and `hnn_buffer_schedule` after it
    (hoist accumulators out of the reduction loop, lower vector ops to FMAs).
  }];
  let options = [
    Option<"sequence", "sequence", "std::string", /*default=*/"\"hnn_tensor_schedule\"",
           "named sequence to apply">,
    Option<"library", "library", "std::string", /*default=*/"\"\"",
           "transform library file (default: the built-in CPU schedule)">,
  ];
  let dependentDialects = ["::mlir::transform::TransformDialect"];
}

def HNNCopyToLinalg : Pass<"hnn-copy-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Rewrites memref.copy as linalg.copy";
  let description = [{
    Bufferization expresses copies (for instance into the interior of a
    padded buffer) as `memref.copy`, which the LLVM lowering turns into a call
    to a runtime helper when the copy is not contiguous. Compiled models must
    stand alone, so every copy becomes a `linalg.copy`, lowered to loops like
    any other linalg op (LLVM recognizes contiguous ones as memcpy).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def HNNDistinctResultBuffers : Pass<"hnn-distinct-result-buffers", "::mlir::func::FuncOp"> {
  let summary = "Gives every returned buffer its own allocation";
  let description = [{
    Runs on buffers right before `buffer-results-to-out-params`, which needs
    each returned memref to be distinct: a value returned twice (CSE merges
    equal results) or a returned argument gets a fresh buffer and a copy.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def HNNHoistAccumulators : Pass<"hnn-hoist-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Keeps register-tile accumulators in registers across their reduction loop";
  let description = [{
    Runs on buffers after the schedule. A `vector.transfer_read` and
    `vector.transfer_write` of one location (same buffer, same loop-invariant
    indices, same vector type) in the body of an `scf.for` become one read
    before the loop, a loop-carried vector, and one write after it — when
    nothing else in the loop writes memory (but other such pairs, provably
    disjoint) and every other read is of a different allocation or function
    argument, or provably disjoint.

    Upstream's `hoist_redundant_vector_transfers` gives up as soon as the
    buffer has any view anywhere in the function (a peeled remainder tile, a
    slice of the result), which is the usual case for a dynamic batch. This
    pass reasons about the loop only, using what bufferization guarantees:
    distinct allocations do not overlap, and the calling convention keeps
    every argument (inputs and result buffers) distinct.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect"];
}

def HNNApproximateMath : Pass<"hnn-approximate-math", "::mlir::func::FuncOp"> {
  let summary = "Replaces libm calls of exp, tanh, log, erf by inline polynomials";
  let description = [{
    Runs on the loops before the LLVM lowering: `math.exp`, `expm1`,
    `tanh`, `log`, `log1p`, `log2` and `erf` on f32 become upstream MLIR's
    polynomial approximations (range reduction plus a minimax polynomial),
    so that LLVM vectorizes the loops around them; as libm calls every
    element took a scalar call (SiLU, GELU, softmax and the Gaussian bases
    spent most of their time there). Measured against float64 on 10⁵ points
    of [−30, 30]: exp within 1 ulp, tanh within 4 ulp, GELU (erf) within
    4.5·10⁻⁷ absolute (PyTorch's float32 GELU: 1.0·10⁻⁶).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def HNNVectorizeReductions : Pass<"hnn-vectorize-reductions", "::mlir::func::FuncOp"> {
  let summary = "Vectorizes reductions along their innermost loop";
  let description = [{
    Runs on tensors before the schedule. A `linalg.generic` with reduction
    loops that nothing else schedules (no `__hnn…` marker; every indexing
    map a projected permutation, so no windows) is tiled by 1 on every loop
    but the innermost, which becomes one vector (at most 64 lanes; a longer
    innermost loop is tiled by 64 when that divides it). The vectorizer then
    turns each tile into contiguous loads and a `vector.multi_reduction` (or
    an elementwise update of a vector accumulator when the innermost loop is
    parallel), lowered to `vector.reduction`s that LLVM may reassociate (hnn
    treats float sums as reassociable, see `hnn-fuse-elementwise`). Without
    it LLVM vectorizes such loops across the strided dimension with gathers,
    or not at all: BatchNorm's per-channel sums over N × H × W are the
    typical case.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HNNFuseElementwise : Pass<"hnn-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuses chains of elementwise linalg ops, leaving reshapes alone";
  let description = [{
    Fuses each elementwise `linalg.generic` into its elementwise consumers
    (bias, normalization at inference, activations become one loop nest),
    when that duplicates no work: a producer with other uses, or one its
    consumer reads through a broadcast (per-channel statistics), stays apart.
    Unlike upstream's `linalg-fuse-elementwise-ops` it does not propagate
    reshapes through other ops: moving a `flatten` through the matmul after
    it turns the named contraction into an N-D generic that the schedule
    does not tile or vectorize. Floating-point additions inside reductions
    are marked reassociable afterwards, so that LLVM vectorizes the sums
    (BatchNorm statistics and gradients: 1.6-1.8x faster).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def HNNAutodiff : Pass<"hnn-autodiff", "::mlir::ModuleOp"> {
  let summary = "Reverse-mode differentiation of every public function";
  let description = [{
    For every public function `@f` with float results, adds
    `@f_grad(args..., seeds...) -> (results..., grads...)`: the forward
    computation, then the gradient of `sum_i <seed_i, result_i>` with respect
    to every float argument (inputs and parameters), built backwards from each
    op's rule (`DifferentiableOpInterface`, written in hnn ops, so the
    backward code is lowered and optimized like forward code). Adjoints of
    values used several times are summed. An op without a rule on the path
    to a result is reported and the pass fails; an argument no gradient
    reaches gets zeros.
  }];
  let dependentDialects = ["::mlir::hnn::HNNDialect"];
}

def HNNBuildTrainStep : Pass<"hnn-build-train-step", "::mlir::ModuleOp"> {
  let summary = "Builds @train_step and @eval_step from @forward and hnn.training";
  let description = [{
    Reads the module's `hnn.training` dictionary (the `loss:` and `optimizer:`
    sections of a model file) and adds two entry points:

    `@train_step(inputs..., labels, params..., slots..., lr, step)` returns
    `(loss, outputs..., updates..., gradsq...)`: the forward computation with
    BatchNorm in training mode, the loss, the gradients of the trainable
    parameters (the reverse pass of `hnn-autodiff`), clipping by the global
    norm, and the SGD (momentum, Nesterov, weight decay), Adam or AdamW update.
    Optimizer state arguments are `#hnn.param<"P.exp_avg", optimizer>` (and
    `P.exp_avg_sq`, or `P.momentum_buffer`); `lr` and `step` (1-based) are
    rank-0 `hyper` arguments the runtime feeds, so learning-rate schedules
    live outside the compiled code. Every new parameter, running statistic
    and slot is an `update` result named after its argument; `gradsq` results
    are the squared gradient norms (the runtime names the first non-finite
    one).

    `@eval_step(inputs..., labels, params...)` returns `(loss, outputs...)`
    with BatchNorm in inference mode.

    For models with B-spline KAN layers, `@kan_features` (the arguments of
    `@eval_step`) returns the input of every `bspline_basis` whose knots are a
    parameter, named after that parameter: the activations a grid update
    fits the new knots and coefficients to.

    The labels come after the inputs unless `@forward` reads them itself; the
    loss section gives their type as `labels_type`.
  }];
  let dependentDialects = ["::mlir::hnn::HNNDialect", "::mlir::func::FuncDialect"];
}

def HNNKANPrune : Pass<"hnn-kan-prune", "::mlir::ModuleOp"> {
  let summary = "Turns trained S-KAN layers into their selected single-basis branches";
  let description = [{
    For every `hnn.kan_select` whose logits and mask are constants (weights
    baked in with `hnnc --weights`), each output unit keeps the candidate of
    largest logit among those its mask allows; the op becomes the sum of the
    selected branches, and branches no unit chose are deleted with their
    computation. Units are grouped by basis: a branch that is a `kan_linear`
    with constant weights is narrowed to the rows of the units that chose it
    (one batched kernel per basis, no wasted outputs), and a constant 0/1
    placement matrix puts its outputs back; other branches are multiplied by
    the 0/1 vector of their units. A branch that serves every unit is used as
    it is. With a one-hot mask (the pruned phase of S-KAN training) the result
    equals the unpruned layer's output. Fails on a layer whose logits or mask
    are not constants.
  }];
  let dependentDialects = ["::mlir::hnn::HNNDialect"];
}

def HNNExpandKAN : Pass<"hnn-expand-kan", "::mlir::ModuleOp"> {
  let summary = "Rewrites hnn.kan_linear and hnn.kan_conv2d into kan_spline and core ops";
  let description = [{
    The expansions documented on `hnn.kan_linear` and `hnn.kan_conv2d`: the
    spline branch (`kan_spline` on the scaled spline weights in f32;
    otherwise the basis — B-splines, Gaussians, or Chebyshev polynomials of
    tanh — and a linear map), the base branch's linear map,
    and for kan_conv2d the pad, unfold and transposes around them. `hnn-autodiff`, `hnn-build-train-step` and
    `convert-hnn-to-linalg` expand the layers themselves; this pass shows the
    result.
  }];
  let dependentDialects = ["::mlir::hnn::HNNDialect"];
}

#endif // HNN_PASSES_TD
