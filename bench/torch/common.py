"""Shared harness for the PyTorch twins of bench/workloads.ts: trains a model on one fixed batch
with Adam(1e-3) and prints one JSON line with samples/s per repeat and the BLAS torch loaded.

Usage of every twin: python3 bench/torch/<workload>.py <steps> <repeats> <batch> [threads]
threads defaults to 1 (not torch's default of all cores), so both sides of the benchmark compute
with the same number of threads unless told otherwise."""
import json
import sys
import time

import torch


def requested_threads(position):
    """The thread count given as argument `position` (1 when absent); torch uses exactly that many."""
    threads = int(sys.argv[position]) if len(sys.argv) > position else 1
    if threads < 1:
        raise SystemExit(f"threads must be 1 or more, got {threads}")
    return threads


# Set at import, before a twin builds its model (the model is built in the argument list of run()),
# so the initial weights depend on the seed and not on whatever ran before.
torch.set_num_threads(requested_threads(4))
torch.manual_seed(1)


def loaded_blas():
    """The BLAS/LAPACK shared libraries mapped into this process (what torch really calls)."""
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if any(key in path for key in ("blas", "lapack", "mkl")):
                names.add(path)
    return sorted(names)


def config_blas():
    for line in torch.__config__.show().splitlines():
        if "BLAS_INFO" in line or "LAPACK_INFO" in line:
            return line.strip()
    return "unknown"


def run(name, model, batch, loss_fn):
    steps, repeats, batch_size = (int(a) for a in sys.argv[1:4])
    x, labels = batch(batch_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    first = step()
    # same warm-up rule as bench/run-tfjs.ts: a third of the timed steps (at least 5), and 3 s (at most 1,000 steps)
    done, warmup_begin = 1, time.perf_counter()
    while done < max(5, round(steps / 3)) or (time.perf_counter() - warmup_begin < 3 and done < 1000):
        step()
        done += 1
    rates = []
    last = first
    for _ in range(repeats):
        begin = time.perf_counter()
        for _ in range(steps):
            last = step()
        rates.append(steps * batch_size / (time.perf_counter() - begin))
    print(json.dumps({
        "workload": name, "backend": "pytorch", "steps": steps, "batchSize": batch_size,
        "samplesPerSecond": rates, "firstLoss": first, "lastLoss": last,
        "threads": torch.get_num_threads(), "torch": torch.__version__,
        "blasLoaded": loaded_blas(), "blasConfig": config_blas(),
    }))


def classes(batch_size, shape, ks, vocab=0):
    g = torch.Generator().manual_seed(1)
    if vocab:
        x = torch.randint(0, vocab, (batch_size, *shape), generator=g)
    else:
        x = torch.rand((batch_size, *shape), generator=g)
    return x, [torch.randint(0, k, (batch_size,), generator=g) for k in ks]


def cross_entropy(outputs, labels):
    return sum(torch.nn.functional.cross_entropy(o, y) for o, y in zip(outputs, labels))
