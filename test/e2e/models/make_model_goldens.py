#!/usr/bin/env python3
"""PyTorch twins of the example model files, for the weights round trip.

For examples/models/{mlp,cnn}_fashion_mnist.yaml this builds the same network
as a torch.nn.Module whose state_dict keys are the parameter names hnn gives
(module attribute names = layer names), fills it with seeded random weights
(and non-trivial BatchNorm running statistics), saves the state_dict with
safetensors' own writer, a batch of inputs, and PyTorch's outputs (eval mode,
float64 on the stored float32 values). The test compiles the model file with
hnnc, binds the PyTorch-written weights by name and compares.

    /path/to/venv/bin/python test/e2e/models/make_model_goldens.py
"""
import pathlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return self.head(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Stage(nn.Module):
    def __init__(self, cin, width):
        super().__init__()
        self.conv = nn.Conv2d(cin, width, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(width)

    def forward(self, x):
        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.stage1 = Stage(1, 32)
        self.stage2 = Stage(32, 64)
        self.fc = nn.Linear(64 * 7 * 7, 128)
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.flatten(self.stage2(self.stage1(x)), 1)
        return self.head(F.relu(self.fc(x)))


def make(name, model, batch, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for key, t in model.state_dict().items():
            if key.endswith("num_batches_tracked"):
                continue
            if key.endswith("running_var"):
                t.copy_(torch.rand(t.shape, generator=g) + 0.5)
            else:
                t.copy_(torch.randn(t.shape, generator=g) * (0.5 if t.dim() == 1 else 0.1))
    model.eval()
    state = {k: v.contiguous() for k, v in model.state_dict().items()
             if not k.endswith("num_batches_tracked")}
    save_file(state, str(DATA / f"{name}.safetensors"))
    x = torch.rand(batch, 1, 28, 28, generator=g)
    with torch.no_grad():
        y = model.double()(x.double()).float()
    np.save(DATA / f"{name}.image.npy", x.numpy())
    np.save(DATA / f"{name}.logits.npy", y.numpy())


def main():
    DATA.mkdir(exist_ok=True)
    make("mlp", MLP(), 5, 1)
    make("cnn", CNN(), 3, 2)


if __name__ == "__main__":
    main()
