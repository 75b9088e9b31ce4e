//===- OpBuilderTest.cpp - building ops from C++ --------------------------===//
//
// What passes rely on and IR tests cannot show: builders infer result types,
// and every op answers the gradient interface.
//
//===----------------------------------------------------------------------===//
#include "dialect/HNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::hnn;

namespace {
struct OpBuilderTest : ::testing::Test {
  MLIRContext ctx;
  OpBuilder b{&ctx};
  Location loc = UnknownLoc::get(&ctx);
  OwningOpRef<ModuleOp> module;
  Block *body = nullptr;

  void SetUp() override {
    ctx.loadDialect<HNNDialect, func::FuncDialect>();
    module = ModuleOp::create(loc);
    b.setInsertionPointToEnd(module->getBody());
  }

  /// A function whose arguments have the given types; the builder ends up
  /// inside its body.
  func::FuncOp makeFunc(TypeRange args) {
    auto f = func::FuncOp::create(b, loc, "f", b.getFunctionType(args, {}));
    body = f.addEntryBlock();
    b.setInsertionPointToEnd(body);
    return f;
  }

  RankedTensorType t(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  }
};
} // namespace

TEST_F(OpBuilderTest, BinaryBuilderInfersBroadcast) {
  makeFunc({t({ShapedType::kDynamic, 1, 8}), t({5, 1})});
  auto add = AddOp::create(b, loc, body->getArgument(0), body->getArgument(1));
  EXPECT_EQ(add.getType(), t({ShapedType::kDynamic, 5, 8}));
}

TEST_F(OpBuilderTest, ConvBuilderInfersShape) {
  makeFunc({t({2, 3, 32, 32}), t({16, 3, 3, 3})});
  auto conv = Conv2dOp::create(b, loc, body->getArgument(0), body->getArgument(1),
                               /*bias=*/Value(), b.getDenseI64ArrayAttr({2, 2}),
                               b.getDenseI64ArrayAttr({1, 1}), /*dilation=*/nullptr,
                               /*groups=*/1, PaddingMode::reflect);
  EXPECT_EQ(conv.getType(), t({2, 16, 16, 16}));
  EXPECT_TRUE(succeeded(mlir::verify(conv)));
}

TEST_F(OpBuilderTest, EveryOpHasTheGradientHook) {
  makeFunc({t({4, 8})});
  auto relu = ReluOp::create(b, loc, body->getArgument(0));
  auto grad = dyn_cast<DifferentiableOpInterface>(relu.getOperation());
  ASSERT_TRUE(grad);
  EXPECT_TRUE(grad.isDifferentiableOperand(0));
  // The rule builds the operand's adjoint, of the operand's type, and no
  // diagnostic.
  std::string message;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  SmallVector<Value> operandGrads;
  ASSERT_TRUE(succeeded(grad.buildGradient(b, ValueRange{body->getArgument(0)}, operandGrads)));
  ASSERT_EQ(operandGrads.size(), 1u);
  ASSERT_TRUE(operandGrads[0]);
  EXPECT_EQ(operandGrads[0].getType(), relu.getInput().getType());
  EXPECT_EQ(message, "");
  // No adjoint reaching the op: no operand gradients.
  SmallVector<Value> none;
  ASSERT_TRUE(succeeded(grad.buildGradient(b, ValueRange{Value()}, none)));
  EXPECT_FALSE(none[0]);

  for (StringRef name : {"hnn.conv2d", "hnn.linear", "hnn.batch_norm", "hnn.cross_entropy",
                         "hnn.reshape", "hnn.constant", "hnn.gelu", "hnn.reduce_var"}) {
    auto opName = RegisteredOperationName::lookup(name, &ctx);
    ASSERT_TRUE(opName) << name.str();
    EXPECT_TRUE(opName->hasInterface<DifferentiableOpInterface>()) << name.str();
  }
}

TEST_F(OpBuilderTest, ParamAttrRoundTrip) {
  auto p = ParamAttr::get(&ctx, "stage1.block0.conv1.weight", ParamKind::trainable);
  EXPECT_EQ(p.getName(), "stage1.block0.conv1.weight");
  EXPECT_EQ(p.getKind(), ParamKind::trainable);
  std::string s;
  llvm::raw_string_ostream os(s);
  os << Attribute(p);
  EXPECT_EQ(s, "#hnn.param<\"stage1.block0.conv1.weight\", trainable>");
}
