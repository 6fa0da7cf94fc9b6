"""PyTorch twin of the `mmoe` workload: 8 experts 128→64, two softmax gates, towers 64→32→1.

The same maths as mtlkit's `mmoe` (which runs its 8 experts as one [128, 8·64] matmul and its gates as
one [128, 2·8] matmul); this reference keeps the usual separate nn.Linear experts and gates."""
import torch
from torch import nn
from common import run


class Mmoe(nn.Module):
    def __init__(self):
        super().__init__()
        self.experts = nn.ModuleList([nn.Sequential(nn.Linear(128, 64), nn.ReLU()) for _ in range(8)])
        self.gates = nn.ModuleList([nn.Linear(128, 8) for _ in range(2)])
        self.towers = nn.ModuleList([nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1)) for _ in range(2)])

    def forward(self, x):
        stacked = torch.stack([expert(x) for expert in self.experts], 1)
        outputs = []
        for gate, tower in zip(self.gates, self.towers):
            weights = torch.softmax(gate(x), dim=1).unsqueeze(2)
            outputs.append(tower((stacked * weights).sum(1)))
        return outputs


def batch(n):
    g = torch.Generator().manual_seed(1)
    return torch.randn((n, 128), generator=g), [torch.randint(0, 2, (n, 1), generator=g).float() for _ in range(2)]


def loss(outputs, labels):
    return sum(nn.functional.binary_cross_entropy_with_logits(o, y) for o, y in zip(outputs, labels))


run("mmoe", Mmoe(), batch, loss)
