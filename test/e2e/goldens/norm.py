"""Normalization and softmax: batch_norm in training (output and both updated
running statistics) and inference, layer_norm over one and two trailing
dimensions, group_norm, softmax/log_softmax along every kind of dimension,
and a dynamic batch for each op."""
import torch
import torch.nn.functional as F

from goldens import Case, randn, uniform


def batch_norm_train(eps, momentum):
    def fn(x, w, b, rm, rv):
        rm, rv = rm.clone(), rv.clone()  # updated in place by F.batch_norm
        y = F.batch_norm(x, rm, rv, w, b, training=True, momentum=momentum, eps=eps)
        return y, rm, rv
    return fn


def batch_norm_eval(eps):
    def fn(x, w, b, rm, rv):
        y = F.batch_norm(x, rm.clone(), rv.clone(), w, b, training=False, eps=eps)
        return y, rm, rv
    return fn


def channel_args(c):
    return [randn(c), randn(c), randn(c), uniform(0.5, 2.0, c)]


CASES = [
    # Dynamic batch (2 here); off-center, scaled input; eps and momentum set.
    Case("batch_norm_train", [lambda g: torch.randn(2, 3, 17, 33, generator=g) * 3 + 5]
         + channel_args(3), batch_norm_train(1e-3, 0.2)),
    # N x C input, defaults.
    Case("batch_norm_train_2d", [randn(4, 5)] + channel_args(5), batch_norm_train(1e-5, 0.1)),
    # N x C x L, one channel, dynamic batch (3 here), momentum 1.
    Case("batch_norm_train_1d", [randn(3, 1, 33)] + channel_args(1), batch_norm_train(1e-5, 1.0)),
    # Inference: running statistics used and returned unchanged; dynamic batch.
    Case("batch_norm_eval", [randn(2, 3, 5, 7)] + channel_args(3), batch_norm_eval(1e-5)),
    # Dynamic batch (2 here), normalized over the last dimension.
    Case("layer_norm_last", [randn(2, 17, 33, scale=2.0), randn(33), randn(33)],
         lambda x, w, b: F.layer_norm(x, (33,), w, b, eps=1e-5)),
    Case("layer_norm_two", [randn(2, 17, 33), randn(17, 33), randn(17, 33)],
         lambda x, w, b: F.layer_norm(x, (17, 33), w, b, eps=1e-6)),
    # The whole (rank-1) input is normalized.
    Case("layer_norm_whole", [randn(33), randn(33), randn(33)],
         lambda x, w, b: F.layer_norm(x, (33,), w, b, eps=1e-5)),
    # Dynamic batch (2 here), 3 groups of 2 channels.
    Case("group_norm", [randn(2, 6, 9, 11), randn(6), randn(6)],
         lambda x, w, b: F.group_norm(x, 3, w, b, eps=1e-3)),
    # One group per channel (instance norm), N x C x L.
    Case("group_norm_per_channel", [randn(2, 9, 7), randn(9), randn(9)],
         lambda x, w, b: F.group_norm(x, 9, w, b, eps=1e-5)),
    # One group (all channels together), odd sizes.
    Case("group_norm_one", [randn(1, 5, 3, 3, scale=4.0), randn(5), randn(5)],
         lambda x, w, b: F.group_norm(x, 1, w, b, eps=1e-5)),
    # Dynamic batch (3 here), along the last and the batch dimension; large
    # logits test the max subtraction.
    Case("softmax_dyn", [randn(3, 10, scale=30.0)],
         lambda x: (F.softmax(x, 1), F.log_softmax(x, 1), F.softmax(x, 0),
                    F.log_softmax(x, -2))),
    # Rank 1, along dim 0.
    Case("softmax_rank1", [randn(17, scale=3.0)],
         lambda x: (F.softmax(x, 0), F.log_softmax(x, 0))),
    # First, middle, last and negative dimensions of a 3-D input.
    Case("softmax_dims", [randn(2, 17, 33, scale=4.0)],
         lambda x: (F.softmax(x, 0), F.softmax(x, 1), F.softmax(x, -1),
                    F.log_softmax(x, -3), F.log_softmax(x, 1), F.log_softmax(x, -1))),
]
