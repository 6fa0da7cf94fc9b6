"""PyTorch twin of the `cnn` workload: small CNN on 28×28 with one 10-way head."""
import torch
from torch import nn
from common import run, classes, cross_entropy


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return [self.net(x)]


run("cnn", SmallCnn(), lambda n: classes(n, (1, 28, 28), (10,)), cross_entropy)
