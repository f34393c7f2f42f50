"""cx: why customers are dissatisfied, where (channel, team) and since when."""

__all__ = ["__version__"]
__version__ = "0.1.0"
