// convert-hnn-to-linalg on max_pool2d, avg_pool2d and global_avg_pool2d.
// Padding is a generic that reads the input at a clamped index and selects
// the fill value outside it (-inf for max, 0 for average), extended on the
// high side as far as the last (ceil-mode) window reads; then a linalg
// pooling op. Average pooling sums in f32 and divides by a constant where the
// divisor is uniform, by index arithmetic where it varies.
// RUN: hnn-opt %s --convert-hnn-to-linalg | FileCheck %s

// Dynamic batch, ceil mode, dilation 2 along W. The windows read
// (6-1)*2 + 3 = 13 rows and (9-1)*2 + 2*2 + 1 = 21 columns.
// CHECK-LABEL: func.func @max_pool_ceil_dilation(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x5x10x18xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x5x10x18xf32>
// CHECK:         %[[PE:.*]] = tensor.empty(%[[N]]) : tensor<?x5x13x21xf32>
// CHECK:         %[[PAD:.*]] = linalg.generic {{.*}} outs(%[[PE]] : tensor<?x5x13x21xf32>)
// CHECK:           arith.cmpi sge
// CHECK:           arith.cmpi sle
// CHECK:           %[[V:.*]] = tensor.extract %[[X]]
// CHECK:           %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:           %[[S:.*]] = arith.select %{{.*}}, %[[V]], %[[NINF]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         %[[OE:.*]] = tensor.empty(%{{.*}}) : tensor<?x5x6x9xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[OE]] : tensor<?x5x6x9xf32>)
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[R:.*]] = linalg.pooling_nchw_max {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PAD]], %[[WIN]] : tensor<?x5x13x21xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<?x5x6x9xf32>)
// CHECK:         return %[[R]]
func.func @max_pool_ceil_dilation(%x: tensor<?x5x10x18xf32>) -> tensor<?x5x6x9xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 2>, ceil_mode} : tensor<?x5x10x18xf32> -> tensor<?x5x6x9xf32>
  return %0 : tensor<?x5x6x9xf32>
}

// No padding: the pooling op reads the input itself; f16 stays f16.
// CHECK-LABEL: func.func @max_pool_no_padding_f16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<1x3x17x33xf16>)
// CHECK-NOT:     linalg.generic
// CHECK:         %[[NINF:.*]] = arith.constant 0xFC00 : f16
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f16)
// CHECK:         %[[R:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %{{.*}} : tensor<1x3x17x33xf16>, tensor<2x2xf16>) outs(%[[INIT]] : tensor<1x3x8x16xf16>)
// CHECK:         return %[[R]]
func.func @max_pool_no_padding_f16(%x: tensor<1x3x17x33xf16>) -> tensor<1x3x8x16xf16> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x3x17x33xf16> -> tensor<1x3x8x16xf16>
  return %0 : tensor<1x3x8x16xf16>
}

// Ceil mode keeps one row and two columns of windows; they read 3 rows and 7
// columns of the padded input.
// CHECK-LABEL: func.func @max_pool_ceil_drop(
// CHECK:         tensor.empty() : tensor<1x1x3x7xf32>
// CHECK:         linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<4> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x1x3x7xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x1x1x2xf32>)
func.func @max_pool_ceil_drop(%x: tensor<1x1x2x7xf32>) -> tensor<1x1x1x2xf32> {
  %0 = hnn.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 4, 4>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x1x2x7xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// count_include_pad in floor mode: every window divides by 9, a constant.
// CHECK-LABEL: func.func @avg_pool_uniform(
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         arith.select %{{.*}}, %{{.*}}, %[[ZERO]] : f32
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<2x3x11x19xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<2x3x5x9xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3x5x9xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[NINE:.*]] = arith.constant 9.000000e+00 : f32
// CHECK-NEXT:      %[[A:.*]] = arith.divf %[[IN]], %[[NINE]] : f32
// CHECK-NEXT:      linalg.yield %[[A]] : f32
// CHECK:         return %[[R]]
func.func @avg_pool_uniform(%x: tensor<2x3x9x17xf32>) -> tensor<2x3x5x9xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x9x17xf32> -> tensor<2x3x5x9xf32>
  return %0 : tensor<2x3x5x9xf32>
}

// Ceil mode with count_include_pad: the last row of windows is clipped to the
// padded input (divisor (min(2*oh - 1 + 3, 17) - (2*oh - 1)) * 3); the
// columns divide by 3 everywhere.
// CHECK-LABEL: func.func @avg_pool_ceil_include_pad(
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} outs(%{{.*}} : tensor<1x2x9x9xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x9x9xf32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[OH:.*]] = linalg.index 2 : index
// CHECK-NOT:       linalg.index 3
// CHECK:           %[[START:.*]] = arith.subi
// CHECK:           %[[END0:.*]] = arith.addi %[[START]]
// CHECK:           %[[C17:.*]] = arith.constant 17 : index
// CHECK:           %[[END:.*]] = arith.minsi %[[END0]], %[[C17]] : index
// CHECK:           %[[ROWS:.*]] = arith.subi %[[END]], %[[START]] : index
// CHECK:           %[[C3:.*]] = arith.constant 3 : index
// CHECK:           %[[CNT:.*]] = arith.muli %[[ROWS]], %[[C3]] : index
// CHECK:           %[[I64:.*]] = arith.index_cast %[[CNT]] : index to i64
// CHECK:           %[[D:.*]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK:           arith.divf %[[IN]], %[[D]] : f32
func.func @avg_pool_ceil_include_pad(%x: tensor<1x2x16x17xf32>) -> tensor<1x2x9x9xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, ceil_mode} : tensor<1x2x16x17xf32> -> tensor<1x2x9x9xf32>
  return %0 : tensor<1x2x9x9xf32>
}

// count_include_pad = false: both counts are clipped to the input.
// CHECK-LABEL: func.func @avg_pool_exclude_pad(
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 3]> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x3x11x11xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<1x3x5x4xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x5x4xf32>)
// CHECK:           linalg.index 2 : index
// CHECK:           arith.minsi
// CHECK:           arith.maxsi
// CHECK:           %[[ROWS:.*]] = arith.subi
// CHECK:           linalg.index 3 : index
// CHECK:           arith.minsi
// CHECK:           arith.maxsi
// CHECK:           %[[COLS:.*]] = arith.subi
// CHECK:           arith.muli %[[ROWS]], %[[COLS]] : index
// CHECK:           arith.divf
func.func @avg_pool_exclude_pad(%x: tensor<1x3x9x11xf32>) -> tensor<1x3x5x4xf32> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 2, 3>, padding = array<i64: 1, 1>, count_include_pad = false} : tensor<1x3x9x11xf32> -> tensor<1x3x5x4xf32>
  return %0 : tensor<1x3x5x4xf32>
}

// bf16 with a dynamic batch: the sum accumulates in f32 and the average is
// truncated back.
// CHECK-LABEL: func.func @avg_pool_bf16_dyn(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x1x5x5xbf16>)
// CHECK:         %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x1x2x2xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x1x2x2xf32>)
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[X]], %{{.*}} : tensor<?x1x5x5xbf16>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<?x1x2x2xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x1x2x2xf32>) outs(%{{.*}} : tensor<?x1x2x2xbf16>)
// CHECK:           %[[A:.*]] = arith.divf
// CHECK:           %[[T:.*]] = arith.truncf %[[A]] : f32 to bf16
// CHECK:           linalg.yield %[[T]] : bf16
// CHECK:         return %[[R]]
func.func @avg_pool_bf16_dyn(%x: tensor<?x1x5x5xbf16>) -> tensor<?x1x2x2xbf16> {
  %0 = hnn.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<?x1x5x5xbf16> -> tensor<?x1x2x2xbf16>
  return %0 : tensor<?x1x2x2xbf16>
}

// An f32 sum over H and W (N x C), then the mean written as N x C x 1 x 1.
// CHECK-LABEL: func.func @global_avg_pool_f16(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<?x7x17x33xf16>)
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x7xf32>)
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<?x7x17x33xf16>) outs(%[[INIT]] : tensor<?x7xf32>)
// CHECK:           %[[W:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK:           arith.addf %[[W]], %{{.*}} : f32
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x7xf32>) outs(%{{.*}} : tensor<?x7x1x1xf16>)
// CHECK:           %[[AREA:.*]] = arith.constant 5.610000e+02 : f32
// CHECK:           %[[M:.*]] = arith.divf %{{.*}}, %[[AREA]] : f32
// CHECK:           arith.truncf %[[M]] : f32 to f16
// CHECK:         return %[[R]]
func.func @global_avg_pool_f16(%x: tensor<?x7x17x33xf16>) -> tensor<?x7x1x1xf16> {
  %0 = hnn.global_avg_pool2d %x : tensor<?x7x17x33xf16> -> tensor<?x7x1x1xf16>
  return %0 : tensor<?x7x1x1xf16>
}
