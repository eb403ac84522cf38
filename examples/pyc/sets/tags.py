"""A module whose code holds a set constant: `in {...}` is compiled to a frozenset."""


def is_tag(word):
    return word in {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"}
