"""PyTorch twin of the `mlp` workload: hard sharing 784-256-256, two 10-way heads."""
import torch
from torch import nn
from common import run, classes, cross_entropy


class HardSharing(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU())
        self.heads = nn.ModuleList([nn.Linear(256, 10), nn.Linear(256, 10)])

    def forward(self, x):
        shared = self.trunk(x)
        return [head(shared) for head in self.heads]


run("mlp", HardSharing(), lambda n: classes(n, (784,), (10, 10)), cross_entropy)
