"""PyTorch twin of the `vision` workload (lesson 09): a 40×40 conv trunk that keeps its map, a class
head, a sigmoid box head and a mask decoder (nearest 2× upsampling + 3×3 conv, twice, then 1×1), NCHW."""
import torch
from torch import nn
from torch.nn import functional as F
from common import run


def conv(cin, cout, k=3):
    return nn.Conv2d(cin, cout, k, padding=k // 2)


class Vision(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(conv(1, 8), nn.ReLU(), nn.MaxPool2d(2), conv(8, 16), nn.ReLU(), nn.MaxPool2d(2))
        # tfjs flattens NHWC, PyTorch NCHW: the same 1600 features in another order, same cost.
        self.digit = nn.Sequential(nn.Flatten(), nn.Linear(1600, 32), nn.ReLU(), nn.Linear(32, 10))
        self.box = nn.Sequential(nn.Flatten(), nn.Linear(1600, 32), nn.ReLU(), nn.Linear(32, 4))
        self.mask = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"), conv(16, 8), nn.ReLU(),
            nn.Upsample(scale_factor=2, mode="nearest"), conv(8, 8), nn.ReLU(), conv(8, 1, 1))

    def forward(self, x):
        shared = self.trunk(x)
        return [self.digit(shared), self.box(shared), self.mask(shared)]


def batch(n):
    g = torch.Generator().manual_seed(1)
    x = torch.rand((n, 1, 40, 40), generator=g)
    return x, [torch.randint(0, 10, (n,), generator=g), torch.rand((n, 4), generator=g),
               torch.randint(0, 2, (n, 1, 40, 40), generator=g).float()]


def loss(outputs, labels):
    digit, box, mask = outputs
    classes, boxes, masks = labels
    return (F.cross_entropy(digit, classes) + F.smooth_l1_loss(torch.sigmoid(box), boxes)
            + F.binary_cross_entropy_with_logits(mask, masks))


run("vision", Vision(), batch, loss)
