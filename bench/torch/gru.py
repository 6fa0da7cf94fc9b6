"""PyTorch twin of the `gru` workload: embedding 5000×64 + GRU(64) over passages padded to 40 (true
lengths 10 + (7i mod 31), ids 1…4999 then 0), packed with pack_padded_sequence so the state stops at
each passage's end, as mtlkit's masked fusedGru does; heads of 4 and 2 classes."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence
from common import run, classes, cross_entropy


class TextModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(5000, 64, padding_idx=0)
        self.gru = nn.GRU(64, 64, batch_first=True)
        self.heads = nn.ModuleList([nn.Linear(64, 4), nn.Linear(64, 2)])

    def forward(self, x):
        lengths = (x != 0).sum(dim=1).cpu()
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True, enforce_sorted=False)
        _, last = self.gru(packed)
        shared = last[0]
        return [head(shared) for head in self.heads]


def padded_batch(n):
    x, labels = classes(n, (40,), (4, 2), vocab=5000)
    lengths = torch.tensor([10 + (7 * i) % 31 for i in range(n)])
    real = torch.arange(40)[None, :] < lengths[:, None]
    return torch.where(real, x % 4999 + 1, torch.zeros_like(x)), labels


run("gru", TextModel(), padded_batch, cross_entropy)
