"""Document model shared by the content builder, the seed and the DOCX renderer.

A drawn convenio is a `Documento`: page setup plus a flat list of blocks
(paragraphs, tables, signature blocks, page breaks, annex boxes).  The
renderer only knows these types, so the seed and the random builder go
through exactly the same rendering path.

Inline bold is written as ``**text**`` inside paragraph text; it is the one
piece of markup the renderer understands (the genre bolds party aliases and
program names in running text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Alignment = Literal["left", "center", "right", "justify"]
Rules = Literal["grid", "horizontal", "none"]


@dataclass
class Parrafo:
    """One paragraph of running text (``**bold**`` markup allowed)."""

    texto: str
    alineacion: Alignment = "justify"
    negrita: bool = False
    sangria_cm: float = 0.0
    # Negative for a hanging indent, as used by "a) ..." lettered lists.
    primera_linea_cm: float = 0.0
    espacio_despues_pt: float = 6.0
    tamano_pt: float | None = None
    mantener_con_siguiente: bool = False


@dataclass
class Celda:
    """One table cell: its paragraphs in order (bullet items start with "• ")."""

    parrafos: list[str]
    negrita: bool = False
    alineacion: Alignment = "left"
    # How many grid columns the cell covers (merged cells in date rows).
    columnas: int = 1
    sombreado: str | None = None


@dataclass
class Fila:
    celdas: list[Celda]
    es_encabezado: bool = False


@dataclass
class Tabla:
    """A table; `anchos_cm` fixes the grid, `reglas` which borders are drawn."""

    filas: list[Fila]
    anchos_cm: list[float]
    reglas: Rules = "grid"
    repetir_encabezado: bool = False
    tamano_pt: float | None = None


@dataclass
class Firmante:
    """One signature slot: optional caption, the lines under the signature rule, optional note."""

    lineas: list[str]
    leyenda: str | None = None
    nota: str | None = None
    # The exact line the scanner looks up to place an ink scribble above it.
    nombre_para_firma: str | None = None


@dataclass
class BloqueFirmas:
    """Signature slots laid out two per row in a border-less table."""

    firmantes: list[Firmante]
    columnas: int = 2
    espacio_firma_pt: float = 42.0


@dataclass
class SaltoPagina:
    pass


@dataclass
class RecuadrosAnexo:
    """Empty photo placeholders of an annex page (they hold no fields)."""

    pies: list[str]
    alto_cm: float = 7.0


Bloque = Union[Parrafo, Tabla, BloqueFirmas, SaltoPagina, RecuadrosAnexo]

PAPER_SIZES_CM: dict[str, tuple[float, float]] = {
    "carta": (21.59, 27.94),
    "oficio": (21.6, 34.0),
    "legal": (21.59, 35.56),
}


@dataclass
class Pagina:
    """Page setup, header and footer of the whole document."""

    papel: str = "carta"
    fuente: str = "Arial"
    tamano_pt: float = 11.0
    interlineado: float = 1.0
    margen_cm: tuple[float, float, float, float] = (2.5, 2.5, 2.5, 2.5)  # top, right, bottom, left
    encabezado: str | None = None
    # "pagina" -> "Página N de M"; "direccion" -> `texto_pie`; None -> no footer.
    pie: Literal["pagina", "direccion"] | None = None
    texto_pie: str | None = None


@dataclass
class Documento:
    """Everything needed to render one convenio, and what the scanner needs to know."""

    nombre: str
    pagina: Pagina
    bloques: list[Bloque] = field(default_factory=list)
    # Descriptive facts for the manifest (layout of the ASM tables, rules, ...).
    rasgos: dict[str, object] = field(default_factory=dict)

    def firmantes(self) -> list[str]:
        """Lines the scanner signs over (signature names, in document order)."""
        nombres = []
        for bloque in self.bloques:
            if isinstance(bloque, BloqueFirmas):
                nombres += [f.nombre_para_firma for f in bloque.firmantes if f.nombre_para_firma]
        return nombres
