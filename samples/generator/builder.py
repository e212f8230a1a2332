"""Content builder (work in progress)."""


def draw_convenio(rng, nombre):
    raise NotImplementedError
