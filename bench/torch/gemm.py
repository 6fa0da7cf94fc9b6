"""Prints PyTorch's GEMM rate (512×512×512 float32), its thread count and the BLAS it loaded, as JSON.

Usage: python3 bench/torch/gemm.py [threads]   (threads defaults to 1)"""
import json
import time

import torch
from common import loaded_blas, config_blas, requested_threads

threads = requested_threads(1)
torch.set_num_threads(threads)
a, b = torch.randn(512, 512), torch.randn(512, 512)
torch.mm(a, b)  # first call loads and warms the BLAS
rates = []
for _ in range(7):
    begin = time.perf_counter()
    torch.mm(a, b)
    rates.append(2 * 512 ** 3 / ((time.perf_counter() - begin) * 1e9))
print(json.dumps({
    "backend": "pytorch", "threads": torch.get_num_threads(), "gemmGflops": sorted(rates)[3],
    "torch": torch.__version__, "blasLoaded": loaded_blas(), "blasConfig": config_blas(),
}))
