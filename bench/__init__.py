"""Benchmarks that print ratios against their baselines (README, *Benchmarks*)."""
