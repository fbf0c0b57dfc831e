from pathlib import Path

import pytest

from acquis.law.corpus import DATA_DIR, Corpus, load_default_corpus


@pytest.fixture(scope="session")
def data_dir() -> Path:
    # The vendored copy under data/law/, never /work/shared.
    return DATA_DIR


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_default_corpus()
