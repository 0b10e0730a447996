"""Train an NLU-only model on data/nlu and score it on the held-out set tests/nlu/heldout.yml.

Run from the repository root with the app env (Rasa itself runs in the bot env):
    .venv/bin/python bench/nlu_accuracy.py [--config config.yml] [--work /tmp/nlu_bench]
Prints intent accuracy, macro F1, the worst intents, the top confusions and entity F1.
"""

import argparse
import json
import os
import subprocess
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
ENTITY_REPORTS = ("DIETClassifier_report.json", "RegexEntityExtractor_report.json")


def _rasa(*args: str) -> float:
    """Run one rasa command in the bot env; return its duration in seconds."""
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    started = time.perf_counter()
    subprocess.run([str(RASA), *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def train(config: Path, out: Path) -> tuple[Path, float]:
    seconds = _rasa("train", "nlu", "--config", str(config), "--nlu", "data/nlu",
                    "--out", str(out), "--fixed-model-name", "nlu-bench")
    return out / "nlu-bench.tar.gz", seconds


def evaluate(model: Path, results: Path) -> None:
    _rasa("test", "nlu", "--model", str(model), "--nlu", str(HELDOUT), "--out", str(results))


def _entity_scores(results: Path) -> dict[str, dict]:
    scores = {}
    for name in ENTITY_REPORTS:
        path = results / name
        if path.exists():
            report = json.loads(path.read_text(encoding="utf-8"))
            scores[name.removesuffix("_report.json")] = report
    return scores


def print_report(results: Path, train_seconds: float, model: Path) -> None:
    report = json.loads((results / "intent_report.json").read_text(encoding="utf-8"))
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "support" in v
               and k not in ("micro avg", "macro avg", "weighted avg")}
    print(f"training time (NLU only): {train_seconds:.0f} s, model {model.stat().st_size / 1e6:.1f} MB")
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
    for extractor, rep in _entity_scores(results).items():
        rows = {k: v for k, v in rep.items() if isinstance(v, dict) and "f1-score" in v}
        macro = rows.get("macro avg", {}).get("f1-score", float("nan"))
        per = ", ".join(f"{k} {v['f1-score']:.2f}" for k, v in rows.items()
                        if "avg" not in k)
        print(f"entity F1 {extractor}: macro {macro:.3f} ({per})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nlu_bench"))
    args = parser.parse_args()
    model, seconds = train(args.config.resolve(), args.work / "models")
    results = args.work / "results"
    evaluate(model, results)
    print_report(results, seconds, model)


if __name__ == "__main__":
    main()
