"""The bench times each page in rounds, the sizes in turn, and reports the median round."""

from bench.run import median_cases


def rounds(*timings):
    return [
        {"cases": {"contacts: default": {"p50_ms": p50, "p95_ms": p95, "queries": 6}}}
        for p50, p95 in timings
    ]


def test_each_timing_is_the_median_of_the_rounds_so_one_slow_spell_does_not_count():
    case = median_cases(rounds((20.0, 30.0), (21.0, 95.0), (19.0, 31.0)))["contacts: default"]
    assert (case["p50_ms"], case["p95_ms"], case["rounds"]) == (20.0, 31.0, 3)
    assert case["queries"] == 6


def test_a_floor_that_could_not_be_measured_in_some_round_is_the_median_of_the_others():
    measured = rounds((20.0, 30.0), (21.0, 32.0), (22.0, 33.0))
    for floor, one in zip((4.0, None, 6.0), measured, strict=True):
        one["cases"]["contacts: default"]["floor_p50_ms"] = floor
    assert median_cases(measured)["contacts: default"]["floor_p50_ms"] == 5.0
