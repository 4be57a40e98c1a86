#!/usr/bin/env python3
"""Test vectors for src/core/analytics from the real Python packages LogonTracer uses.

How to run (outside the repository's dependencies; nothing here is needed at run time):

    python3 -m venv /tmp/lt-venv
    /tmp/lt-venv/bin/pip install changefinder==0.03 hmmlearn numpy
    /tmp/lt-venv/bin/python scripts/analytics-vectors/make-vectors.py

(pip normalises 0.03 to "0.3"; it is the release whose update() returns a number. Checked with
changefinder 0.3, hmmlearn 0.3.3, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0, Python 3.11.)

Writes src/core/analytics/vectors/{changefinder,hmm,pagerank}.json (kept small: < 200 KB).
Deterministic: every random choice comes from numpy Generators with fixed seeds.
"""
import json
import math
import os
import sys

import numpy as np
import changefinder
from hmmlearn import hmm

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "core", "analytics", "vectors")


def versions():
    import hmmlearn
    import importlib.metadata as md
    return {
        "python": sys.version.split()[0],
        "changefinder": md.version("changefinder"),
        "hmmlearn": hmmlearn.__version__,
        "numpy": np.__version__,
    }


# ---------------------------------------------------------------- ChangeFinder (changefinder 0.03)

def make_cf(r, order, smooth, first, second):
    """A 0.03 ChangeFinder whose random initial mu/sigma are overwritten after construction."""
    cf = changefinder.ChangeFinder(r=r, order=order, smooth=smooth)
    cf._sdar_first._mu, cf._sdar_first._sigma = first
    cf._sdar_second._mu, cf._sdar_second._sigma = second
    return cf


def as_float(v):
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        raise ValueError("non-finite value in a vector")
    return v


def finite_or_none(v):
    """0.03 with order > 1 can reach sigma < 0 (c[order] is never updated) and then NaN: kept as null."""
    v = float(v)
    return None if (math.isnan(v) or math.isinf(v)) else v


def changefinder_vectors():
    rng = np.random.default_rng(20240601)
    cases = []

    # The spec's vector (mu = sigma = 0.5 in both stages), unrounded.
    warm = [0, 1, 0, 0, 2, 1, 0, 0, 1, 3, 0, 0]
    user = [0, 0, 0, 1, 0, 0, 0, 0, 9, 0, 0, 0]
    cf = make_cf(0.04, 1, 5, (0.5, 0.5), (0.5, 0.5))
    xs = warm + user
    cases.append({"name": "spec-5.1", "r": 0.04, "order": 1, "smooth": 5,
                  "first": {"mu": 0.5, "sigma": 0.5}, "second": {"mu": 0.5, "sigma": 0.5},
                  "input": xs, "output": [as_float(cf.update(x)) for x in xs]})

    # Random series: bursts of logons over quiet hours, LogonTracer's parameters and others.
    params = [(0.04, 1, 5)] * 8 + [(0.1, 1, 7), (0.02, 1, 3), (0.04, 2, 5), (0.04, 3, 5), (0.1, 2, 4)]
    for i, (r, order, smooth) in enumerate(params):
        n = int(rng.integers(20, 160))
        base = rng.poisson(rng.uniform(0.2, 4.0), n).astype(float)
        bursts = rng.random(n) < 0.05
        base[bursts] += rng.integers(5, 60, int(bursts.sum()))
        if i % 4 == 3:
            base = np.round(base / 3.0, 3)  # non-integer input, like the average series
        first = (float(rng.random()), float(rng.random()))
        second = (float(rng.random()), float(rng.random()))
        cf = make_cf(r, order, smooth, first, second)
        xs = [float(x) for x in base]
        cases.append({"name": f"random-{i}", "r": r, "order": order, "smooth": smooth,
                      "first": {"mu": first[0], "sigma": first[1]},
                      "second": {"mu": second[0], "sigma": second[1]},
                      "input": xs, "output": [finite_or_none(cf.update(x)) for x in xs]})

    # LogonTracer's adetection, with every per-user model started from the same mu/sigma.
    users, hours = 16, 168
    counts = np.zeros((5, users, hours))
    for u in range(users):
        for layer in range(5):
            lam = rng.uniform(0.0, 1.5)
            counts[layer, u] = rng.poisson(lam, hours)
        if u % 3 == 0:
            h = int(rng.integers(30, hours))
            counts[1, u, h] += int(rng.integers(10, 40))
    count_sum = np.sum(counts, axis=0)
    count_average = count_sum.mean(axis=0)
    init = (float(rng.random()), float(rng.random()))
    detect, maxes = [], []
    for udata in count_sum:
        cf = make_cf(0.04, 1, 5, init, init)
        for i in count_average:
            cf.update(i)
        ret = []
        for i in udata:
            score = cf.update(i)
            ret.append(round(score, 2))  # LogonTracer's rounding of a numpy float64
        detect.append([as_float(v) for v in ret])
        maxes.append(as_float(max(ret)))
    adetection = {"init": {"mu": init[0], "sigma": init[1]},
                  "series": [[float(v) for v in row] for row in count_sum],
                  "average": [float(v) for v in count_average],
                  "detect": detect, "max": maxes}

    # round(np.float64(x), 2) on values close to half-way points.
    xs = []
    for k in range(400):
        base = float(rng.integers(0, 3000)) / 1000.0 + 0.005
        xs.extend([base, np.nextafter(base, 0), np.nextafter(base, 10), float(rng.uniform(-5, 30))])
    rounding = [[float(x), float(round(np.float64(x), 2))] for x in xs]

    return {"versions": versions(), "cases": cases, "adetection": adetection, "round2": rounding}


# ---------------------------------------------------------------- hmmlearn CategoricalHMM

START = [0.8271864303776253, 0.08900627798842721, 0.08380729163394741]
TRANS = [[0.9285081369926951, 0.07136798980400684, 0.00012387320329814935],
         [0.0006043833074369117, 0.2571094573062053, 0.7422861593863578],
         [0.28926271838930206, 0.3862413613108813, 0.32449592029981655]]
EMIT = [[0.0, 1.4535768490755837e-264, 4.3793736402588983e-23, 1.0, 0.0],
        [0.002604292119448158, 0.011030434995414156, 0.9839241435478312, 0.0024411293373065124, 1.789768455253447e-104],
        [2.785027113671527e-125, 0.01219694312118351, 0.003717164547703703, 0.9831959539051414, 0.000889938425971406]]


def shipped_model():
    m = hmm.CategoricalHMM(n_components=3, n_iter=10000)
    m.n_features = 5
    m.startprob_ = np.array(START)
    m.transmat_ = np.array(TRANS)
    m.emissionprob_ = np.array(EMIT)
    return m


def hmm_vectors():
    rng = np.random.default_rng(4776)
    model = shipped_model()
    decode = []

    def add(seq):
        X = np.array(seq, dtype=int).reshape(-1, 1)
        logprob, path = model.decode(X, algorithm="viterbi")
        pred = model.predict(X)
        assert list(pred) == list(path)
        decode.append({"symbols": [int(s) for s in seq], "path": [int(s) for s in path],
                       "logprob": as_float(logprob) if np.isfinite(logprob) else None})

    # All 125 length-3 sequences.
    for a in range(5):
        for b in range(5):
            for c in range(5):
                add([a, b, c])
    # ~200 random sequences: uniform symbols, Kerberos-like runs, sampled from the model itself.
    for i in range(210):
        n = int(rng.integers(1, 40))
        kind = i % 3
        if kind == 0:
            seq = rng.integers(0, 5, n)
        elif kind == 1:
            seq = rng.choice(5, n, p=[0.05, 0.25, 0.35, 0.3, 0.05])
        else:
            X, _ = model.sample(n, random_state=int(rng.integers(0, 2**31)))
            seq = X[:, 0]
        add([int(s) for s in seq])

    # Baum-Welch from fixed initial parameters on a small data set sampled from the shipped model
    # (plus noise symbols so that no emission is 0 in the data).
    seqs = []
    for i in range(40):
        n = int(rng.integers(3, 16))
        X, _ = model.sample(n, random_state=int(rng.integers(0, 2**31)))
        s = X[:, 0].copy()
        flip = rng.random(n) < 0.1
        s[flip] = rng.integers(0, 5, int(flip.sum()))
        seqs.append([int(v) for v in s])
    data = np.concatenate([np.array(s) for s in seqs]).reshape(-1, 1)
    lengths = [len(s) for s in seqs]

    def normalised(a):
        a = np.asarray(a, dtype=float)
        return a / a.sum(axis=-1, keepdims=True)

    init_start = normalised(rng.random(3) + 0.2)
    init_trans = normalised(rng.random((3, 3)) + 0.2)
    init_emit = normalised(rng.random((3, 5)) + 0.2)
    fits = []
    for n_iter, tol in [(1, 0.01), (3, -np.inf), (10, -np.inf), (500, 0.01)]:
        m = hmm.CategoricalHMM(n_components=3, n_iter=n_iter, tol=tol, init_params="")
        m.n_features = 5
        m.startprob_ = init_start.copy()
        m.transmat_ = init_trans.copy()
        m.emissionprob_ = init_emit.copy()
        m.fit(data, lengths)
        fits.append({"nIter": n_iter, "tol": None if not np.isfinite(tol) else tol,
                     "iterations": int(m.monitor_.iter),
                     "converged": bool(m.monitor_.converged),
                     "lastLogLikelihood": as_float(m.monitor_.history[-1]),
                     "startProb": m.startprob_.tolist(), "transMat": m.transmat_.tolist(),
                     "emissionProb": m.emissionprob_.tolist(),
                     "score": as_float(m.score(data, lengths))})
    learn = {"sequences": seqs,
             "init": {"startProb": init_start.tolist(), "transMat": init_trans.tolist(),
                      "emissionProb": init_emit.tolist()},
             "fits": fits}
    return {"versions": versions(), "decode": decode, "learn": learn}


# ---------------------------------------------------------------- LogonTracer's pagerank

def logontracer_pagerank(rows, admins, hmm_flags, cf, ntml):
    """LogonTracer's pagerank(), with the DataFrame replaced by a list of (ipaddress, username) rows."""
    graph = {}
    nodes = []
    for host, user in rows:
        nodes.append(host)
        nodes.append(user)
    for node in sorted(set(nodes)):  # the reference iterates a set; sorted for a stable file
        links = []
        for host, user in rows:
            if node in host:
                links.append(user)
            if node in user:
                links.append(host)
        graph[node] = links
    numloops = 30
    ranks, d = {}, {}
    npages = len(graph)
    for page in graph:
        if page in admins:
            df = 0.6
        elif "@" in page[-1]:
            df = 0.85
        else:
            df = 0.8
        if page in hmm_flags:
            df -= 0.2
        if page in ntml:
            df -= 0.1
        if page in cf:
            df -= cf[page] / 200
        d[page] = df
        ranks[page] = 1.0 / npages
    for _ in range(numloops):
        newranks = {}
        for page in graph:
            newrank = (1 - d[page]) / npages
            for node in graph:
                if page in graph[node]:
                    newrank = newrank + d[node] * ranks[node] / len(graph[node])
            newranks[page] = newrank
        ranks = newranks
    max_v, min_v = max(ranks.values()), min(ranks.values())
    nranks = {k: (v - min_v) / (max_v - min_v) for k, v in ranks.items()}
    return ranks, nranks, d


def pagerank_vectors():
    rng = np.random.default_rng(4624)
    cases = []

    def add(name, rows, admins, hmm_flags, cf, ntml):
        raw, norm, d = logontracer_pagerank(rows, admins, hmm_flags, cf, ntml)
        cases.append({"name": name, "rows": [list(r) for r in rows], "admins": sorted(admins),
                      "hmm": sorted(hmm_flags), "ntlm": sorted(ntml), "cf": cf,
                      "damping": d, "raw": raw, "normalised": norm})

    add("spec-5.3", [("10.0.0.1", "alice@"), ("10.0.0.1", "alice@"), ("10.0.0.1", "bob@"), ("10.0.0.2", "alice@")],
        {"bob@"}, set(), {"alice@": 12.0, "bob@": 5.0}, set())
    # Substring collisions the reference links on purpose-free: 10.0.0.1 / 10.0.0.10, admin@ / sysadmin@,
    # host alice / user alice@.
    add("substring-collisions",
        [("10.0.0.1", "admin@"), ("10.0.0.10", "sysadmin@"), ("alice", "alice@"), ("10.0.0.10", "bob@"),
         ("10.0.0.1", "bob@"), ("srv", "admin@"), ("alice", "carol@")],
        {"admin@"}, {"bob@"}, {"alice@": 3.5, "bob@": 20.0}, set())
    for i in range(6):
        nh, nu = int(rng.integers(2, 12)), int(rng.integers(2, 15))
        hosts = [f"10.0.{i}.{100 + k}" for k in range(nh)]
        users = [f"u{i}x{100 + k}@" for k in range(nu)]
        rows = []
        for _ in range(int(rng.integers(3, 40))):
            rows.append((hosts[int(rng.integers(0, nh))], users[int(rng.integers(0, nu))]))
        used_users = sorted({u for _, u in rows})
        admins = {u for u in used_users if rng.random() < 0.2}
        hmm_flags = {u for u in used_users if rng.random() < 0.3}
        ntml = {u for u in used_users if rng.random() < 0.1}
        cf = {u: float(np.round(rng.uniform(0, 40), 2)) for u in used_users}
        add(f"random-{i}", rows, admins, hmm_flags, cf, ntml)
    return {"versions": versions(), "cases": cases}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    np.seterr(all="ignore")
    write("changefinder.json", changefinder_vectors())
    write("hmm.json", hmm_vectors())
    write("pagerank.json", pagerank_vectors())
