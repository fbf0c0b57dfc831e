from tests.statistics.world import small_world, snapshot  # noqa: F401
