"""PyTorch twin of the `two-tower` workload: user and movie embeddings (943×32, 1682×32), the in-batch
softmax over the batch's movies (cross-entropy of u·mᵀ against the diagonal, mean over the batch), and a
rating MLP 64→256→128→1 on [u; m] with an MSE loss — the model of lesson 11 at MovieLens-100k sizes."""
import torch
from torch import nn
from common import run


class TwoTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.users = nn.Embedding(943, 32)
        self.movies = nn.Embedding(1682, 32)
        nn.init.uniform_(self.users.weight, -0.05, 0.05)
        nn.init.uniform_(self.movies.weight, -0.05, 0.05)
        self.rating = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 1))

    def forward(self, x):
        u, m = self.users(x[:, 0]), self.movies(x[:, 1])
        return [u, m, self.rating(torch.cat([u, m], 1))]


def batch(n):
    g = torch.Generator().manual_seed(1)
    users = torch.randint(0, 943, (n, 1), generator=g)
    movies = torch.randint(0, 1682, (n, 1), generator=g)
    return torch.cat([users, movies], 1), [torch.randint(1, 6, (n, 1), generator=g).float()]


def loss(outputs, labels):
    u, m, rating = outputs
    scores = u @ m.T
    retrieval = nn.functional.cross_entropy(scores, torch.arange(scores.shape[0]))
    return retrieval + nn.functional.mse_loss(rating, labels[0])


run("two-tower", TwoTower(), batch, loss)
