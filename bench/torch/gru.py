"""PyTorch twin of the `gru` workload: embedding 5000×64 + GRU(64) over length 40, heads of 4 and 2."""
import torch
from torch import nn
from common import run, classes, cross_entropy


class TextModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(5000, 64)
        self.gru = nn.GRU(64, 64, batch_first=True)
        self.heads = nn.ModuleList([nn.Linear(64, 4), nn.Linear(64, 2)])

    def forward(self, x):
        _, last = self.gru(self.embedding(x))
        shared = last[0]
        return [head(shared) for head in self.heads]


run("gru", TextModel(), lambda n: classes(n, (40,), (4, 2), vocab=5000), cross_entropy)
