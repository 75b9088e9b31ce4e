// hnn's CPU schedule: transform-dialect sequences applied by the
// hnn-apply-schedule pass (see docs/cpu-pipeline.md).
//
// Cache tiles (64x256x256) keep the A panel in L1 and the B panel in L2;
// register tiles depend on the vector ISA (entry points below).
module attributes {transform.with_named_sequence} {

  // Entry points, one per vector ISA: they only choose the register tiles.
  // AVX-512 (32 zmm): matmul 8 rows x 32 columns = 16 accumulators; an
  // ow x f = 8 x 32 convolution tile likewise.
  transform.named_sequence @hnn_tensor_schedule(%root: !transform.any_op {transform.readonly}) {
    %mr = transform.param.constant 8 : i64 -> !transform.param<i64>
    %nr = transform.param.constant 32 : i64 -> !transform.param<i64>
    transform.include @tile_and_vectorize failures(propagate) (%root, %mr, %nr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    transform.yield
  }

  // AVX2 (16 ymm): 4 x 16 = 8 accumulators, leaving registers for operands.
  transform.named_sequence @hnn_tensor_schedule_avx2(%root: !transform.any_op {transform.readonly}) {
    %mr = transform.param.constant 4 : i64 -> !transform.param<i64>
    %nr = transform.param.constant 16 : i64 -> !transform.param<i64>
    transform.include @tile_and_vectorize failures(propagate) (%root, %mr, %nr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> ()
    transform.yield
  }

  // Before bufferization: tile matmuls and convolutions for threads, caches
  // and an mr x nr register tile, then vectorize.
  transform.named_sequence @tile_and_vectorize(%root: !transform.any_op {transform.readonly},
      %mr: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}) {
    %mms = transform.structured.match ops{["linalg.matmul"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %mms : !transform.any_op {
    ^bb0(%mm: !transform.any_op):
      // A matmul the sequence cannot tile stays as it is (correct loops).
      transform.sequence %mm : !transform.any_op failures(suppress) {
      ^bb1(%m: !transform.any_op):
        // The outer tiles are independent: a forall, run by OpenMP threads.
        %t1, %l1 = transform.structured.tile_using_forall %m tile_sizes [64, 256]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
        %t2, %l2 = transform.structured.tile_using_for %t1 tile_sizes [0, 0, 256]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
        %t3, %l3:3 = transform.structured.tile_using_for %t2 tile_sizes [%mr, %nr, 1]
            : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
        transform.annotate %t3 "__hnn_register_tile" : !transform.any_op
        // With a dynamic batch the rows of the last tile are unknown: peel
        // the row loop, so that its main part has full mr-row tiles (static,
        // vectorized below) and only the remainder rows stay scalar.
        %rows = transform.cast %l3#0 : !transform.any_op to !transform.op<"scf.for">
        %main, %rest = transform.loop.peel %rows
            : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
      }
    }
    // The fused KAN kernels (passes/HNNToLinalgKANFused.cpp) come already
    // split into cache blocks: their contraction tiles get the matmul's
    // register tile, their basis tiles one row and two features (every basis)
    // per vector.
    %kan_mm = transform.structured.match ops{["linalg.generic"]} attributes {__hnn_kan_tile} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %kan_mm : !transform.any_op {
    ^bb0(%g: !transform.any_op):
      transform.sequence %g : !transform.any_op failures(suppress) {
      ^bb1(%one: !transform.any_op):
        %t, %l:3 = transform.structured.tile_using_for %one tile_sizes [%mr, %nr, 1]
            : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
        transform.annotate %t "__hnn_register_tile" : !transform.any_op
      }
    }
    %kan_bases = transform.structured.match ops{["linalg.generic"]} attributes {__hnn_kan_tile_basis} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %kan_bases : !transform.any_op {
    ^bb0(%g: !transform.any_op):
      transform.sequence %g : !transform.any_op failures(suppress) {
      ^bb1(%one: !transform.any_op):
        %t, %l:2 = transform.structured.tile_using_for %one tile_sizes [1, 2]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
        // An odd number of features leaves one: peeled, so that every tile
        // has a static size (the tiles keep the op's marker).
        %features = transform.cast %l#1 : !transform.any_op to !transform.op<"scf.for">
        %main, %rest = transform.loop.peel %features
            : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
      }
    }
    // Tile sizes of the form min(step, bound - iv) fold to constants once the
    // loops' ranges are known; then every register tile that became static
    // is vectorized (a peeled remainder fails silently and stays scalar).
    %tfuncs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %tfuncs {
      transform.apply_patterns.scf.for_loop_canonicalization
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %tiles = transform.structured.match ops{["linalg.matmul", "linalg.generic"]}
        attributes {__hnn_register_tile} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles : !transform.any_op {
    ^bb0(%tile: !transform.any_op):
      transform.sequence %tile : !transform.any_op failures(suppress) {
      ^bb1(%one: !transform.any_op):
        transform.structured.vectorize %one : !transform.any_op
      }
    }
    %basis_tiles = transform.structured.match ops{["linalg.generic"]}
        attributes {__hnn_kan_tile_basis} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %basis_tiles : !transform.any_op {
    ^bb0(%tile: !transform.any_op):
      transform.sequence %tile : !transform.any_op failures(suppress) {
      ^bb1(%one: !transform.any_op):
        transform.structured.vectorize %one : !transform.any_op
      }
    }

    // NHWC convolutions: (n, oh, ow, f, kh, kw, c). Batch and output channels
    // are independent tiles for the threads; an ow x f = mr x nr register tile
    // with kh = oh = 1 decomposes to a 1-D convolution whose vectorized form
    // is an outer-product FMA per (kw, c).
    %convs = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %convs : !transform.any_op {
    ^bb0(%conv: !transform.any_op):
      transform.sequence %conv : !transform.any_op failures(suppress) {
      ^bb1(%c: !transform.any_op):
        %t1, %l1 = transform.structured.tile_using_forall %c tile_sizes [1, 0, 0, 64]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
        %t2, %l2:5 = transform.structured.tile_using_for %t1 tile_sizes [0, 1, %mr, %nr, 1, 0, 1]
            : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
        %d = transform.structured.decompose %t2 : (!transform.any_op) -> !transform.any_op
        transform.structured.vectorize %d : !transform.any_op
      }
    }

    // KAN basis evaluation (… × features × bases, all parallel): the leading
    // rows across the threads, then 16 features at a time in vector lanes
    // (masked at the end of a row), one basis at a time.
    %kan = transform.structured.match ops{["linalg.generic"]} attributes {__hnn_kan_basis} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %kan : !transform.any_op {
    ^bb0(%basis: !transform.any_op):
      transform.sequence %basis : !transform.any_op failures(suppress) {
      ^bb1(%g: !transform.any_op):
        %k1, %kl1 = transform.structured.tile_using_forall %g tile_sizes [1]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
        %k2, %kl2 = transform.structured.tile_using_for %k1 tile_sizes [0, 1]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
        transform.structured.vectorize %k2 : !transform.any_op
      }
    }

    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }

  // After bufferization: hoist the accumulators out of the reduction loop and
  // lower the contraction to broadcast + FMA outer products.
  transform.named_sequence @hnn_buffer_schedule(%root: !transform.any_op {transform.readonly}) {
    %funcs = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    // Alias folding (so that hoisting sees through subviews) runs only inside
    // the tiled parallel loops, where hoisting happens: elsewhere, on a
    // transfer through a unit-dim expand_shape, upstream MLIR 22's patterns
    // rewrite without end.
    %tiled = transform.structured.match ops{["scf.forall"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %tiled {
      transform.apply_patterns.memref.fold_memref_alias_ops
    } : !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %funcs : !transform.any_op
    %hoisted = transform.structured.hoist_redundant_vector_transfers %funcs
        : (!transform.any_op) -> !transform.any_op
    // Convolutions need a second round: their transfers only become
    // loop-invariant once the first round has simplified the indexing.
    %tiled2 = transform.structured.match ops{["scf.forall"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %tiled2 {
      transform.apply_patterns.memref.fold_memref_alias_ops
    } : !transform.any_op
    transform.apply_patterns to %hoisted {
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %hoisted : !transform.any_op
    %hoisted2 = transform.structured.hoist_redundant_vector_transfers %hoisted
        : (!transform.any_op) -> !transform.any_op
    // Layout transposes around the kernels are memory-bound passes: their
    // outermost loop is split across the threads. Done on buffers after
    // hoisting: views of a kernel's output in another parallel loop would
    // stop the accumulators from being hoisted.
    %transposes = transform.structured.match ops{["linalg.transpose"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.foreach %transposes : !transform.any_op {
    ^bb0(%op: !transform.any_op):
      transform.sequence %op : !transform.any_op failures(suppress) {
      ^bb1(%o: !transform.any_op):
        %t, %l = transform.structured.tile_using_forall %o tile_sizes [1]
            : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
      }
    }

    %funcs2 = transform.structured.match ops{["func.func"]} in %root
        : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs2 {
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.vector.lower_multi_reduction lowering_strategy = "innerreduction"
      transform.apply_patterns.vector.lower_contraction lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
    } : !transform.any_op
    // Separately: together with the leading-unit-dim patterns above, shape
    // cast lowering rewrites back and forth without end (on convolutions).
    transform.apply_patterns to %funcs2 {
      transform.apply_patterns.vector.lower_shape_cast
      transform.apply_patterns.vector.lower_broadcast
    } : !transform.any_op
    transform.yield
  }
}
