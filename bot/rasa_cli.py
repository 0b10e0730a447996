"""The `rasa` command with faster model loading, for `rasa run` and `rasa test`.

To create a TensorFlow model's variables before loading the saved weights, Rasa trains one step
on one example, and tracing the whole training graph for that step is most of the start-up time.
Here that step runs eagerly; the weights are then loaded and prediction stays compiled as usual,
so predictions are unchanged. Tied to the pinned Rasa version: elsewhere Rasa runs unpatched.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import rasa
import tensorflow as tf
from rasa.utils.tensorflow import models
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

PATCHED_VERSION = "3.6.21"
log = logging.getLogger(__name__)


def _load_eagerly(
    cls: type[models.RasaModel],
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> models.RasaModel:
    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True
    )
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    model.load_weights(model_file_name)
    model.run_eagerly = bool(config.get(RUN_EAGERLY))
    if not finetune_mode and predict_data_example:
        model.run_inference(predict_data_example)
    return model


def patch() -> bool:
    if rasa.__version__ != PATCHED_VERSION:
        log.warning("Rasa %s is not %s: loading models the slow way", rasa.__version__,
                    PATCHED_VERSION)
        return False
    models.RasaModel.load = classmethod(_load_eagerly)
    return True


if __name__ == "__main__":
    from rasa.__main__ import main

    patch()
    sys.argv[0] = "rasa"
    sys.exit(main())
