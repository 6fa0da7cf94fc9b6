"""PyTorch twin of the `lenet` workload: MultiMNIST 36×36 LeNet with two 10-way heads (NHWC data
is NCHW here, as PyTorch expects)."""
import torch
from torch import nn
from common import run, classes, cross_entropy


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Conv2d(1, 10, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(10, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(720, 50), nn.ReLU())
        self.heads = nn.ModuleList([nn.Linear(50, 10), nn.Linear(50, 10)])

    def forward(self, x):
        shared = self.trunk(x)
        return [head(shared) for head in self.heads]


run("lenet", LeNet(), lambda n: classes(n, (1, 36, 36), (10, 10)), cross_entropy)
