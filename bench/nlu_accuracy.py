"""Train an NLU-only model on data/nlu and score it on the held-out set tests/nlu/heldout.yml.

Run from the repository root with the app env (Rasa itself runs in the bot env):
    .venv/bin/python bench/nlu_accuracy.py [--config config.yml] [--work /tmp/nlu_bench]
Prints intent accuracy, macro F1, the worst intents, the top confusions and entity F1.
"""

import argparse
import json
import os
import re
import resource
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
REGEX_ENTITIES = {"id_number", "phone_number"}


def _rasa(*args: str, cache: Path | None = None) -> float:
    """Run one rasa command in the bot env; return its duration in seconds."""
    # PYTHONPATH: config.yml names the project's own NLU components (bot.components.…)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1",
               PYTHONPATH=str(ROOT))
    if cache is not None:
        env["RASA_CACHE_DIRECTORY"] = str(cache)
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    done = subprocess.run([str(RASA), *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"rasa {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    seconds = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu_before
    print(f"rasa {args[0]}: {seconds:.0f} s wall, {cpu:.0f} s CPU (CPU is the steadier figure"
          " when other processes share the cores)")
    return seconds


def train(config: Path, out: Path) -> tuple[Path, float]:
    # An empty training cache: a cached run would neither train nor show the training time.
    with tempfile.TemporaryDirectory(prefix="nlu-bench-cache-") as cache:
        seconds = _rasa("train", "nlu", "--config", str(config), "--nlu", "data/nlu",
                        "--out", str(out), "--fixed-model-name", "nlu-bench", cache=Path(cache))
    return out / "nlu-bench.tar.gz", seconds


def evaluate(model: Path, results: Path) -> None:
    _rasa("test", "nlu", "--model", str(model), "--nlu", str(HELDOUT), "--out", str(results),
          "--successes")


def _entity_rows(results: Path) -> dict[str, tuple[str, dict]]:
    """Best report row per entity over the extractors (each entity has one real owner)."""
    best: dict[str, tuple[str, dict]] = {}
    for path in sorted(results.glob("*Extractor_report.json")) + sorted(
            results.glob("DIETClassifier_report.json")):
        extractor = path.name.removesuffix("_report.json")
        report = json.loads(path.read_text(encoding="utf-8"))
        for entity, row in report.items():
            if not isinstance(row, dict) or "f1-score" not in row or "avg" in entity:
                continue
            if entity not in best or row["f1-score"] > best[entity][1]["f1-score"]:
                best[entity] = (extractor, row)
    return best


def fallback_threshold(config: Path) -> float | None:
    """FallbackClassifier threshold of the pipeline, if it has one."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8")).get("pipeline", [])
    for component in pipeline:
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return None


def print_fallback_effect(results: Path, configured: float) -> None:
    """`rasa test nlu` undoes fallback predictions; count them as misses here."""
    predictions = []
    for name in ("intent_successes.json", "intent_errors.json"):
        predictions += json.loads((results / name).read_text(encoding="utf-8"))
    print("FallbackClassifier threshold -> accuracy (fallbacks, of which were right):")
    for threshold in sorted({0.3, 0.4, 0.5, 0.6, configured}):
        top = [p["intent_prediction"] for p in predictions]
        falls = [p for p, t in zip(predictions, top, strict=True) if t["confidence"] < threshold]
        right = sum(1 for p, t in zip(predictions, top, strict=True)
                    if p["intent"] == t["name"] and t["confidence"] >= threshold)
        lost = sum(1 for p in falls if p["intent"] == p["intent_prediction"]["name"])
        mark = "  <- config" if threshold == configured else ""
        print(f"  {threshold:.2f} -> {right / len(predictions):.3f} ({len(falls)}, {lost}){mark}")


def _heldout_examples() -> list[str]:
    blocks = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))["nlu"]
    return [ln.strip()[2:] for b in blocks if "intent" in b for ln in b["examples"].splitlines()
            if ln.strip()]


def print_regex_entity_scores() -> None:
    """`rasa test nlu` skips regex extractors: score data/nlu/regexes.yml on the held-out set."""
    blocks = yaml.safe_load((ROOT / "data" / "nlu" / "regexes.yml").read_text(encoding="utf-8"))
    patterns = {b["regex"]: b["examples"].strip()[2:] for b in blocks["nlu"]}
    annotation = re.compile(r"\[([^\]]+)\]\(([a-z_]+)\)|\[([^\]]+)\]\{[^}]+\}")
    gold, found, hits = Counter(), Counter(), Counter()
    for example in _heldout_examples():
        plain = annotation.sub(lambda m: m.group(1) or m.group(3), example)
        truth = {(m.group(1), m.group(2)) for m in annotation.finditer(example) if m.group(2)}
        for entity, pattern in patterns.items():
            predicted = {(m.group(0), entity) for m in re.finditer(pattern, plain)}
            expected = {t for t in truth if t[1] == entity}
            gold[entity] += len(expected)
            found[entity] += len(predicted)
            hits[entity] += len(predicted & expected)
    for entity in sorted(patterns):
        precision = hits[entity] / found[entity] if found[entity] else 0.0
        recall = hits[entity] / gold[entity] if gold[entity] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {entity:13s} {f1:.3f} ({precision:.3f}, {recall:.3f}, {gold[entity]})"
              " via data/nlu/regexes.yml")


def print_report(results: Path, train_seconds: float, model: Path) -> None:
    report = json.loads((results / "intent_report.json").read_text(encoding="utf-8"))
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "support" in v
               and k not in ("micro avg", "macro avg", "weighted avg")}
    print(f"model {model.stat().st_size / 1e6:.1f} MB, NLU training {train_seconds:.0f} s wall")
    print(f"held-out examples: {report['macro avg']['support']}")
    print(f"intent accuracy: {report['accuracy']:.3f}")
    print(f"intent macro F1: {report['macro avg']['f1-score']:.3f}")
    print("worst intents (F1, precision, recall, support):")
    worst = sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])[:6]
    for name, row in worst:
        print(f"  {name:22s} {row['f1-score']:.3f} {row['precision']:.3f} {row['recall']:.3f}"
              f" {row['support']}")
    errors = json.loads((results / "intent_errors.json").read_text(encoding="utf-8"))
    pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    print("top confusions (true -> predicted: count):")
    for (true, predicted), count in pairs.most_common(8):
        print(f"  {true} -> {predicted}: {count}")
    print("entity F1 (precision, recall, support) by the extractor that owns the entity:")
    for entity, (extractor, row) in sorted(_entity_rows(results).items()):
        if entity in REGEX_ENTITIES:
            continue
        print(f"  {entity:13s} {row['f1-score']:.3f} ({row['precision']:.3f}, {row['recall']:.3f},"
              f" {row['support']}) via {extractor}")
    print_regex_entity_scores()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nlu_bench"))
    args = parser.parse_args()
    model, seconds = train(args.config.resolve(), args.work / "models")
    results = args.work / "results"
    evaluate(model, results)
    print_report(results, seconds, model)
    threshold = fallback_threshold(args.config)
    if threshold is not None:
        print_fallback_effect(results, threshold)


if __name__ == "__main__":
    main()
