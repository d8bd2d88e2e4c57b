from concurrent.futures import ThreadPoolExecutor

from grading import engine
from tests.engine.families import fixture_index
from tests.engine.test_calibration import LEVEL_CASES


def test_grading_from_many_threads_at_once_gives_the_same_results():
    texts = [case["text"] for case in LEVEL_CASES]
    alone = [engine.grade(text, fixture_index()).as_dict() for text in texts]
    engine.text.clear_caches()  # make the threads stem for real, not read the cache
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda text: engine.grade(text, fixture_index()).as_dict(), texts * 4))
    assert together == alone * 4
