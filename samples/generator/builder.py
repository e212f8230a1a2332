"""Content builder: draw one random convenio as a document model plus its expected record.

`draw_convenio` first decides the facts (who signs, what was evaluated, the
findings and their dates, how the office words and lays things out), then
writes the blocks from those facts, and returns the record built from the
same facts.  The record is therefore right by construction: nothing is read
back from rendered text.  Every choice comes from the `random.Random`
passed in, so a document is fully determined by its seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import vocab
from .fechas import (
    ESTILOS_DIA,
    ESTILOS_MES,
    MESES,
    FechaEscrita,
    escribir_fecha,
    fecha_en_letras,
    leer_fecha,
    numero_en_letras,
)
from .model import (
    PAPER_SIZES_CM,
    BloqueFirmas,
    Celda,
    Documento,
    Fila,
    Firmante,
    Pagina,
    Parrafo,
    RecuadrosAnexo,
    SaltoPagina,
    Tabla,
)

TITULO = "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"
ROMANOS = ["I", "II", "III", "IV", "V"]


# --- facts ------------------------------------------------------------------


@dataclass
class Persona:
    nombre: str  # title case, particles lower case: the record's form
    genero: str  # "m" or "f"
    titulo: str | None = None  # "LIC.", "MTRA." ... shown in the document only

    def escrito(self) -> str:
        """The name as the preamble and signature pages write it (upper case, with title)."""
        return f"{self.titulo} {self.nombre.upper()}" if self.titulo else self.nombre.upper()


@dataclass
class Parte:
    funcion: str  # "coordinadora", "contralora", "planeacion", "evaluada": which obligations it takes
    rol: str
    articulo: str
    dependencia: str
    persona: Persona
    cargo: str
    materia: str
    naturaleza: str
    domicilio: str | None
    codigo_postal: str | None


@dataclass
class Asm:
    """One row of an ASM table: finding or recommendation, commitment, due date."""

    numero: int
    texto: list[str]
    actividad: list[str]
    fecha: FechaEscrita


@dataclass
class Hechos:
    """Everything decided about one convenio before any text is written."""

    ambito: str
    municipio: str | None
    partes: list[Parte]
    tipo: str
    programa: str
    siglas: str | None
    pae: int
    fecha_firma: date
    lugar_firma: str
    hallazgos: list[Asm]
    recomendaciones: list[Asm]
    responsables: list[tuple[Persona, str]]
    prorroga_dias: int | None
    sujeto: dict = field(default_factory=dict)


# --- drawing people and places -------------------------------------------------


def draw_persona(rng: random.Random, usados: set[str]) -> Persona:
    """A person with a compound or simple given name and two surnames, never repeated in a document."""
    while True:
        genero = rng.choice("mf")
        nombres = rng.choice(vocab.NOMBRES_MASCULINOS if genero == "m" else vocab.NOMBRES_FEMENINOS)
        primero = rng.choice(vocab.APELLIDOS)
        segundo = rng.choice(vocab.APELLIDOS_CON_PARTICULA) if rng.random() < 0.15 else rng.choice(vocab.APELLIDOS)
        if rng.random() < 0.08:
            primero = rng.choice(vocab.APELLIDOS_CON_PARTICULA)
        nombre = f"{nombres} {primero} {segundo}"
        if nombre not in usados and primero != segundo:
            usados.add(nombre)
            return Persona(nombre, genero)


def _cargo(rng: random.Random, cargos: list[tuple[str, str]], persona: Persona) -> str:
    masculino, femenino = rng.choice(cargos)
    return masculino if persona.genero == "m" else femenino


def draw_domicilio(rng: random.Random, municipio: str, codigo_postal: str) -> tuple[str, str]:
    """A street address ending in a postal code written the way offices vary it."""
    tipo, calle = rng.choice(vocab.CALLES)
    numero = rng.choice([str(rng.randint(1, 1999)), "s/n"])
    numero_texto = "s/n" if numero == "s/n" else rng.choice([f"número {numero}", f"No. {numero}", f"núm. {numero}"])
    colonia = rng.choice(vocab.COLONIAS)
    colonia_texto = rng.choice([f"colonia {colonia}", f"Col. {colonia}"])
    separador = rng.choice([", ", " "]) if numero_texto != "s/n" else " "
    calle_texto = f"{tipo} {calle}{separador}{numero_texto}"
    return f"{calle_texto}, {colonia_texto}, {municipio}, Estado de México", codigo_postal


def _con_codigo_postal(rng: random.Random, domicilio: str, codigo_postal: str) -> str:
    etiqueta = rng.choice(["CP", "C.P.", "C.P.", "C. P.", "Código Postal"])
    separador = rng.choice([". ", ", "])
    return f"{domicilio}{separador}{etiqueta} {codigo_postal}"


# --- drawing the facts -------------------------------------------------------


def _draw_parte(rng: random.Random, institucion: dict, funcion: str, usados: set[str], municipio: str,
                codigo_postal: str, con_domicilio: bool, rol: str | None = None) -> Parte:
    persona = draw_persona(rng, usados)
    if rng.random() < 0.25:
        persona.titulo = rng.choice(vocab.TITULOS[persona.genero])
    cargo = _cargo(rng, institucion["cargos"], persona)
    domicilio = postal = None
    if con_domicilio:
        if institucion.get("domicilios"):
            base, postal = rng.choice(institucion["domicilios"])
        else:
            base, postal = draw_domicilio(rng, municipio, codigo_postal)
        domicilio = _con_codigo_postal(rng, base, postal)
    return Parte(
        funcion=funcion,
        rol=rol or rng.choice(institucion["alias"]),
        articulo=institucion["articulo"],
        dependencia=institucion["dependencia"],
        persona=persona,
        cargo=cargo,
        materia=institucion.get("materia", "la ejecución del programa evaluado"),
        naturaleza=institucion.get("naturaleza", "una unidad administrativa de la Administración Pública Municipal"),
        domicilio=domicilio,
        codigo_postal=postal,
    )


def _draw_due_dates(rng: random.Random, firma: date, count: int, estilo: str | None = None) -> list[FechaEscrita]:
    """Due dates after signing, in one office style (sometimes mixed, sometimes all equal).

    `estilo` forces a wording from fechas.ESTILOS_DIA / ESTILOS_MES, or "mezcla" for mixed wordings.
    """
    estilos_dia, estilos_mes = list(ESTILOS_DIA), list(ESTILOS_MES)
    mezcla = estilo == "mezcla" if estilo else rng.random() < 0.2
    estilo_documento = estilo if estilo and estilo != "mezcla" else rng.choice(estilos_dia * 2 + estilos_mes)
    misma_fecha = rng.random() < 0.35
    fija = firma + timedelta(days=rng.randint(30, 300))
    fechas = []
    for _ in range(count):
        dia = fija if misma_fecha else firma + timedelta(days=rng.randint(20, 330))
        estilo = rng.choice(estilos_dia + estilos_mes) if mezcla else estilo_documento
        escrita = escribir_fecha(dia, estilo)
        # Self-check: what we write must read back to what we record.
        assert leer_fecha(escrita.texto) == escrita, escrita
        fechas.append(escrita)
    return fechas


def _asm_pool(rng: random.Random, temas: list[str]) -> list[tuple[str, list[str], str]]:
    pool = list(vocab.ASM_GENERALES)
    for tema in temas:
        pool += vocab.ASM_POR_TEMA.get(tema, [])
    rng.shuffle(pool)
    return pool


def _fill(text: str, contexto: dict) -> str:
    return text.format(**contexto)


def _draw_hallazgo_text(rng: random.Random, problema: str, indice: int, total: int, contexto: dict) -> list[str]:
    if indice == 0:
        conector = vocab.CONECTORES_HALLAZGO[0]
    elif indice == total - 1 and total > 2:
        conector = vocab.CONECTOR_FINAL
    else:
        conector = rng.choice(vocab.CONECTORES_HALLAZGO[1:])
    parrafos = [f"{_fill(conector, contexto)} {_fill(problema, contexto)}."]
    extras = rng.sample(vocab.AMPLIACIONES, 3)
    if rng.random() < 0.3:
        parrafos[0] += " " + extras[0]
    if rng.random() < 0.12:
        # A second paragraph: long cells that wrap over many lines.
        parrafos.append(f"{extras[1]} {extras[2]}")
    return parrafos


def _draw_actividad_text(rng: random.Random, actividades: list[str], contexto: dict) -> list[str]:
    actividades = [_fill(a, contexto) for a in actividades]
    forma = rng.random()
    if forma < 0.2:
        # Bullet items, each its own paragraph with a literal "• ".
        items = actividades + rng.sample(vocab.VIÑETAS_ACTIVIDAD, rng.randint(1, 3))
        intro = rng.choice(["Para su atención se llevará a cabo lo siguiente:",
                            "Establecer un plan de trabajo que contemple lo siguiente:",
                            "Se realizarán las siguientes acciones:"])
        return [intro] + [f"• {item}" for item in items]
    if forma < 0.45 and len(actividades) > 1:
        return actividades
    return [actividades[0]]


def draw_hechos(rng: random.Random, cuotas: dict | None = None) -> Hechos:
    """Decide every fact of one convenio; `cuotas` forces some choices (see `draw_convenio`)."""
    cuotas = cuotas or {}
    usados: set[str] = set()
    ambito = cuotas.get("ambito") or ("estatal" if rng.random() < 0.6 else "municipal")
    pae = rng.randint(2016, 2024)
    anio_firma = min(2025, pae + rng.choice([1, 1, 1, 2]))
    fecha_firma = date(anio_firma, rng.randint(2, 11), rng.randint(1, 28))
    con_domicilio = rng.random() < 0.85
    four_parties = rng.random() < 0.35

    if ambito == "estatal":
        municipio = "Toluca de Lerdo"
        codigo_postal = rng.choice(["50000", "50010", "50040", "50070", "50090", "50120", "50130", "50150"])
        sujeto = rng.choice(vocab.SUJETOS_ESTATALES)
        partes = [
            _draw_parte(rng, vocab.SECRETARIA_FINANZAS, "coordinadora", usados, municipio, codigo_postal, con_domicilio),
            _draw_parte(rng, vocab.SECRETARIA_CONTRALORIA, "contralora", usados, municipio, codigo_postal, con_domicilio),
        ]
        if four_parties:
            # The evaluated agency's planning unit signs too; it declares no address.
            partes.append(_draw_parte(rng, vocab.UIPPE_ESTATAL, "planeacion", usados, municipio, codigo_postal, False))
        evaluada = _draw_parte(rng, sujeto, "evaluada", usados, municipio, codigo_postal,
                               con_domicilio and rng.random() < 0.9)
        lugar_firma = rng.choice(["Toluca de Lerdo, Estado de México"] * 4 + ["Toluca, Estado de México",
                                                                              "Metepec, Estado de México"])
    else:
        municipio, codigo_postal = rng.choice(vocab.MUNICIPIOS)
        sujeto = rng.choice(vocab.SUJETOS_MUNICIPALES)
        partes = []
        if four_parties or rng.random() < 0.5:
            partes.append(_draw_parte(rng, vocab.TESORERIA_MUNICIPAL, "coordinadora", usados, municipio, codigo_postal,
                                      con_domicilio))
        partes.append(_draw_parte(rng, vocab.CONTRALORIA_MUNICIPAL, "contralora", usados, municipio, codigo_postal,
                                  con_domicilio))
        if four_parties or len(partes) == 1:
            partes.insert(0 if len(partes) == 1 else 1,
                          _draw_parte(rng, vocab.UIPPE_MUNICIPAL, "planeacion", usados, municipio, codigo_postal,
                                      con_domicilio))
        evaluada = _draw_parte(rng, sujeto, "evaluada", usados, municipio, codigo_postal, con_domicilio)
        lugar_firma = rng.choice([f"{municipio}, Estado de México", f"{municipio}, Estado de México",
                                  f"{municipio}, México"])
    if evaluada.rol in {p.rol for p in partes}:
        evaluada.rol = "EL SUJETO EVALUADO"
    partes.append(evaluada)

    tipo = cuotas.get("tipo") or rng.choice(list(vocab.TIPOS_EVALUACION))
    programa, siglas = rng.choice(sujeto["programas"])
    contexto = {
        "programa_corto": f"{'Fondo' if programa.startswith('Fondo') else 'Programa'}"
                          + (f" ({siglas})" if siglas else ""),
        "evaluacion": vocab.TIPOS_EVALUACION[tipo],
        "sujeto": f"{evaluada.articulo} {evaluada.dependencia}",
    }
    pool = _asm_pool(rng, sujeto["temas"])
    n_hallazgos = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    if "sin_recomendaciones" in cuotas:
        n_recomendaciones = 0 if cuotas["sin_recomendaciones"] else rng.randint(1, 6)
    else:
        n_recomendaciones = rng.choice([0, 0, 1, 2, 2, 3, 3, 4, 5, 6])
    fechas = _draw_due_dates(rng, fecha_firma, n_hallazgos + n_recomendaciones, cuotas.get("estilo_fechas"))
    hallazgos = []
    for indice in range(n_hallazgos):
        problema, actividades, _ = pool[indice % len(pool)]
        hallazgos.append(Asm(indice + 1, _draw_hallazgo_text(rng, problema, indice, n_hallazgos, contexto),
                             _draw_actividad_text(rng, actividades, contexto), fechas[indice]))
    recomendaciones = []
    for indice in range(n_recomendaciones):
        _, actividades, recomendacion = pool[(n_hallazgos + indice) % len(pool)]
        apertura = rng.choice(["Derivado del resultado de la evaluación, se recomienda",
                               "Se recomienda", "Asimismo, se recomienda", "Es necesario"])
        texto = [f"{apertura} {_fill(recomendacion, contexto)}."]
        recomendaciones.append(Asm(indice + 1, texto, _draw_actividad_text(rng, actividades, contexto),
                                   fechas[n_hallazgos + indice]))

    cargos_responsables = vocab.RESPONSABLES_ESTATALES if ambito == "estatal" else vocab.RESPONSABLES_MUNICIPALES
    responsables = []
    for cargos in rng.sample(cargos_responsables, rng.randint(2, min(5, len(cargos_responsables)))):
        persona = draw_persona(rng, usados)
        plantilla = cargos[0] if persona.genero == "m" else cargos[1]
        cargo = plantilla.format(de_dependencia=f"{_de_articulo(evaluada.articulo)} {evaluada.dependencia}")
        responsables.append((persona, cargo))

    con_prorroga = cuotas["prorroga"] if "prorroga" in cuotas else rng.random() < 0.8
    prorroga = rng.choice([10, 15, 20, 30, 30, 30, 45, 60]) if con_prorroga else None
    return Hechos(ambito, municipio if ambito == "municipal" else None, partes, tipo, programa, siglas, pae,
                  fecha_firma, lugar_firma, hallazgos, recomendaciones, responsables, prorroga, sujeto)


def _de_articulo(articulo: str) -> str:
    """ "de" + article with Spanish contraction: de + el = del."""
    return {"el": "del", "la": "de la", "los": "de los", "las": "de las"}[articulo]


# --- the expected record -----------------------------------------------------


def registro_de(hechos: Hechos) -> dict:
    """The expected record (without `documento`), straight from the facts."""

    def asm(item: Asm, clave: str) -> dict:
        return {
            "numero": item.numero,
            clave: "\n".join(item.texto),
            "actividad_comprometida": "\n".join(item.actividad),
            "fecha_comprometida": item.fecha.iso,
            "fecha_texto": item.fecha.texto,
            "precision_fecha": item.fecha.precision,
        }

    return {
        "titulo": TITULO,
        "fecha_firma": hechos.fecha_firma.isoformat(),
        "lugar_firma": hechos.lugar_firma,
        "evaluacion": {"tipo": hechos.tipo, "programa": hechos.programa, "siglas": hechos.siglas, "pae": hechos.pae},
        "partes": [
            {
                "rol": parte.rol,
                "dependencia": parte.dependencia,
                "representante": parte.persona.nombre,
                "cargo": parte.cargo,
                "domicilio": parte.domicilio,
                "codigo_postal": parte.codigo_postal,
            }
            for parte in hechos.partes
        ],
        "hallazgos": [asm(item, "hallazgo") for item in hechos.hallazgos],
        "recomendaciones": [asm(item, "recomendacion") for item in hechos.recomendaciones],
        "responsables": [{"nombre": persona.nombre, "cargo": cargo} for persona, cargo in hechos.responsables],
        "prorroga_max_dias": hechos.prorroga_dias,
    }


# --- writing the document ----------------------------------------------------


@dataclass
class Estilo:
    """How this office words and lays out its convenios."""

    verbo: str
    coma_antes_de_verbo: bool
    cargo_primero: bool
    union: str  # "y" or ";"
    alias_en_linea: bool
    titulo_aparte: bool
    encabezado_clausula: str  # "punto", "guion", "clausula"
    numeracion_declaraciones: str  # "arabiga", "romana"
    numeracion_asm: str  # "1", "1.", "1)", "prefijo"
    layout_hallazgos: str
    layout_recomendaciones: str
    reglas: str
    encabezado_repetido: bool
    sombreado: str | None
    fecha_fila_combinada: bool
    alineacion_celdas: str
    cierre: str
    firmas_en_pagina_nueva: bool
    leyendas_firma: bool
    recomendaciones_vacias: str  # "leyenda" or "omitir"
    anexos: int


def draw_estilo(rng: random.Random, cuotas: dict | None = None) -> Estilo:
    cuotas = cuotas or {}
    layout = cuotas.get("layout_hallazgos") or rng.choice(["fila_fecha", "columna_fecha"])
    otro = "columna_fecha" if layout == "fila_fecha" else "fila_fecha"
    return Estilo(
        verbo=rng.choice(["REPRESENTADA POR", "REPRESENTADA POR", "REPRESENTADA EN ESTE ACTO POR"]),
        coma_antes_de_verbo=rng.random() < 0.5,
        cargo_primero=rng.random() < 0.35,
        union=rng.choice(["y", ";"]),
        alias_en_linea=rng.random() < 0.25,
        titulo_aparte=rng.random() < 0.25,
        encabezado_clausula=rng.choice(["punto", "punto", "guion", "clausula"]),
        numeracion_declaraciones=rng.choice(["arabiga", "arabiga", "romana"]),
        numeracion_asm=rng.choice(["1", "1", "1.", "1)", "prefijo"] if rng.random() < 0.1 else ["1", "1", "1.", "1)"]),
        layout_hallazgos=layout,
        # As in the seed, an office sometimes lays the two tables out differently.
        layout_recomendaciones=otro if rng.random() < 0.25 else layout,
        reglas=cuotas.get("reglas") or rng.choices(["grid", "horizontal", "none"], weights=[70, 25, 5])[0],
        encabezado_repetido=cuotas["encabezado_repetido"] if "encabezado_repetido" in cuotas else rng.random() < 0.6,
        sombreado=rng.choice([None, "D9D9D9", "BFBFBF", "DEEAF6"]),
        fecha_fila_combinada=rng.random() < 0.6,
        alineacion_celdas=rng.choice(["justify", "left"]),
        cierre=cuotas.get("cierre") or rng.choice(["corto", "corto", "largo"]),
        firmas_en_pagina_nueva=rng.random() < 0.4,
        leyendas_firma=rng.random() < 0.5,
        recomendaciones_vacias=rng.choice(["leyenda", "omitir"]),
        anexos=rng.choices([0, 1, 2], weights=[75, 15, 10])[0],
    )


def _entidad(parte: Parte) -> str:
    return f"{parte.articulo} {parte.dependencia}".upper()


def _representada(parte: Parte, verbo: str) -> str:
    """Participle agrees with the institution: "LA SECRETARÍA ... REPRESENTADA", "EL INSTITUTO ... REPRESENTADO"."""
    if parte.articulo == "el":
        return verbo.replace("REPRESENTADA", "REPRESENTADO")
    if parte.articulo == "los":
        return verbo.replace("REPRESENTADA", "REPRESENTADOS")
    return verbo


def _intro_parte(parte: Parte, estilo: Estilo) -> str:
    persona = parte.persona
    verbo = _representada(parte, estilo.verbo)
    coma = "," if estilo.coma_antes_de_verbo else ""
    alias = f', EN LO SUCESIVO "{parte.rol}",' if estilo.alias_en_linea else coma
    if estilo.cargo_primero:
        articulo_cargo = "EL" if persona.genero == "m" else "LA"
        return f"{_entidad(parte)}{alias} {verbo} {articulo_cargo} {parte.cargo.upper()}, {persona.escrito()}"
    return f"{_entidad(parte)}{alias} {verbo} {persona.escrito()}, {parte.cargo.upper()}"


def _preambulo(hechos: Hechos, estilo: Estilo, rng: random.Random) -> str:
    otras, evaluada = hechos.partes[:-1], hechos.partes[-1]
    intros = [_intro_parte(parte, estilo) for parte in otras]
    if estilo.union == "y":
        primeras = ", ".join(intros[:-1]) + (" Y " if len(intros) > 1 else "") + intros[-1]
    else:
        primeras = "; ".join(intros[:-1]) + ("; " if len(intros) > 1 else "") + intros[-1]
    apertura = f"{TITULO}{rng.choice([',', ''])} QUE CELEBRAN"
    if hechos.municipio:
        apertura += f", EN EL ÁMBITO DEL H. AYUNTAMIENTO DE {hechos.municipio.upper()}, ESTADO DE MÉXICO,"
    otra = rng.choice(["; Y POR LA OTRA PARTE, ", "; Y POR LA OTRA, ", " Y POR LA OTRA PARTE "])
    texto = f"{apertura} POR UNA PARTE {primeras}{otra}{_intro_parte(evaluada, estilo)}"
    if estilo.alias_en_linea:
        texto += '; QUIENES ACTUANDO EN CONJUNTO SE DENOMINARÁN "LAS PARTES", AL TENOR DE LOS SIGUIENTES:'
    else:
        aliases = [f'"{parte.rol}"' for parte in hechos.partes]
        lista = ", ".join(aliases[:-1]) + " Y " + aliases[-1]
        respectivamente = rng.choice([", RESPECTIVAMENTE", ""])
        texto += (f"; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ {lista}{respectivamente}, Y ACTUANDO EN "
                  f'CONJUNTO COMO "LAS PARTES"{rng.choice([",", ""])} AL TENOR DE LOS SIGUIENTES:')
    return texto


def _programa_completo(hechos: Hechos) -> str:
    return f"{hechos.programa} ({hechos.siglas})" if hechos.siglas else hechos.programa


def _evaluacion_al_programa(hechos: Hechos) -> str:
    """ "Evaluación Específica al Fondo ... (FASP)" / "Evaluación de Diseño al Programa presupuestario "X"". """
    evaluacion = vocab.TIPOS_EVALUACION[hechos.tipo]
    if hechos.siglas or hechos.programa.startswith(("Fondo", "Programa")):
        return f"{evaluacion} al {_programa_completo(hechos)}"
    return f'{evaluacion} al Programa presupuestario "{hechos.programa}"'


def _antecedentes(hechos: Hechos, rng: random.Random) -> list[str]:
    gobierno = (f"el H. Ayuntamiento de {hechos.municipio}" if hechos.municipio else "el Gobierno del Estado de México")
    publicacion = date(hechos.pae - rng.choice([0, 1]), rng.randint(1, 3), rng.randint(1, 28))
    emision = date(hechos.pae, rng.randint(3, 5), rng.randint(1, 28))
    evaluacion = vocab.TIPOS_EVALUACION[hechos.tipo]
    tipo_frase = evaluacion.replace("Evaluación ", "evaluación " if rng.random() < 0.5 else "Evaluación ")
    if hechos.siglas:
        objeto = f"**{_programa_completo(hechos)}**"
    elif hechos.programa.startswith(("Fondo", "Programa")):
        objeto = f"**{hechos.programa}**"
    else:
        objeto = f'Programa presupuestario **"{hechos.programa}"**'
    parrafos = [
        f"{gobierno[0].upper()}{gobierno[1:]} tiene el objeto de consolidar una administración pública orientada a "
        "resultados, cuyas acciones puedan evaluarse en un entorno de transparencia, mediante procesos de evaluación "
        "sustentados en indicadores, tal y como lo dispone el Plan de Desarrollo vigente.",
        f"Por este motivo, {gobierno} publicó en fecha {publicacion.day} de {MESES[publicacion.month - 1]} de "
        f'{publicacion.year}, los "Lineamientos Generales para la Evaluación de los Programas Presupuestarios", que '
        f"tienen por objeto regular la evaluación de los Programas presupuestarios. En cumplimiento de dichos "
        f"lineamientos, en fecha {emision.day} de {MESES[emision.month - 1]} {rng.choice(['de', 'del'])} "
        f'{emision.year}, se emitió el "Programa Anual de Evaluación para el Ejercicio Fiscal {hechos.pae}" (PAE), en '
        "el cual los sujetos evaluados deberán atender los Aspectos Susceptibles de Mejora (ASM) de las evaluaciones "
        'practicadas mediante la celebración de un "Convenio para la Mejora del Desempeño y Resultados '
        'Gubernamentales".',
        f"El Programa Anual de Evaluación {hechos.pae}, establece el tipo de {tipo_frase} al {objeto}.",
        "En consecuencia, el presente instrumento tiene como finalidad dar cumplimiento a lo señalado en los "
        "Lineamientos Generales para la Evaluación de los Programas Presupuestarios.",
    ]
    if rng.random() < 0.5:
        parrafos.insert(1, "En consideración a ello, es sustancial el monitoreo y evaluación de los programas que "
                           "conforman el Presupuesto de Egresos, de tal manera que el Presupuesto basado en Resultados "
                           "permita consolidar el Sistema de Evaluación del Desempeño.")
    return parrafos


def _articulos(rng: random.Random) -> str:
    return (f"los artículos {rng.randint(3, 40)}, {rng.randint(41, 80)} fracción {rng.choice(ROMANOS)} y "
            f"{rng.randint(81, 140)} de la {rng.choice(['Ley Orgánica Municipal del Estado de México', 'Ley Orgánica de la Administración Pública del Estado de México', 'Ley de Planeación del Estado de México y Municipios'])}")


def _declaraciones(hechos: Hechos, estilo: Estilo, rng: random.Random) -> list[Parrafo]:
    bloques = [_titulo_seccion("DECLARACIONES")]
    frase_domicilio = rng.choice([
        "Que para efectos del presente instrumento señala como domicilio el ubicado en",
        "Que, para efectos de este instrumento, señala como domicilio, el ubicado en",
        "Que para los efectos legales del presente Convenio señala como domicilio el ubicado en",
    ])
    grupos = [(parte.rol, parte) for parte in hechos.partes] + [("LAS PARTES", None)]
    for numero, (rol, parte) in enumerate(grupos, start=1):
        marca = str(numero) if estilo.numeracion_declaraciones == "arabiga" else ROMANOS[numero - 1]
        bloques.append(Parrafo(f'{marca}. DE "{rol}"', alineacion="left", negrita=True, mantener_con_siguiente=True))
        if parte is None:
            textos = [
                "Que reconocen mutuamente la capacidad y el carácter con que comparecen para la celebración del "
                "presente Convenio, así como la personalidad de sus representantes.",
                "Que se encuentran debidamente facultados para suscribir el presente Convenio, de conformidad con lo "
                "señalado en los Lineamientos Generales para la Evaluación de los Programas Presupuestarios.",
            ]
        else:
            articulo_cargo = "el" if parte.persona.genero == "m" else "la"
            textos = [
                f"Que es {parte.naturaleza}, con atribuciones en materia de {parte.materia}, de conformidad con lo "
                f"dispuesto por {_articulos(rng)}.",
                f"Que {articulo_cargo} {parte.cargo} cuenta con las facultades y capacidad legal para celebrar el "
                f"presente Convenio, de conformidad con lo dispuesto por {_articulos(rng)}.",
            ]
            if parte.domicilio:
                textos.append(f"{frase_domicilio} {parte.domicilio}.")
        for sub, texto in enumerate(textos, start=1):
            bloques.append(Parrafo(f"{marca}.{sub}. {texto}"))
    return bloques


def _titulo_seccion(texto: str) -> Parrafo:
    return Parrafo(texto, alineacion="center", negrita=True, espacio_despues_pt=10, mantener_con_siguiente=True)


def _clausula(estilo: Estilo, ordinal: str, nombre: str, cuerpo: str) -> Parrafo:
    if estilo.encabezado_clausula == "guion":
        cabeza = f"{ordinal}.- {nombre.upper()}."
    elif estilo.encabezado_clausula == "clausula":
        cabeza = f"CLÁUSULA {ordinal}. {nombre.upper()}."
    else:
        cabeza = f"{ordinal}. {nombre}."
    return Parrafo(f"**{cabeza}** {cuerpo}".rstrip(), mantener_con_siguiente=not cuerpo)


OBLIGACIONES = {
    "coordinadora": [
        "Promover la integración de la evaluación y de sus resultados al Sistema de Evaluación del Desempeño;",
        "Dar seguimiento al cumplimiento de los Aspectos Susceptibles de Mejora, conforme al plazo establecido;",
        "Verificar la calidad del cumplimiento de los Aspectos Susceptibles de Mejora;",
        "Convocar y acudir a las sesiones en las que se mostrarán los documentos que acrediten el cumplimiento;",
        "Dictaminar la procedencia del cumplimiento de los Aspectos Susceptibles de Mejora.",
    ],
    "contralora": [
        "Supervisar el cumplimiento de los Aspectos Susceptibles de Mejora emitidos con motivo de la evaluación;",
        "Acudir a las sesiones en las que se presentarán los documentos que acrediten el cumplimiento;",
        "Verificar la publicación y veracidad de la información;",
        "Iniciar, en su caso, el procedimiento de responsabilidad administrativa correspondiente.",
    ],
    "planeacion": [
        "Integrar la información de los avances en la atención de los Aspectos Susceptibles de Mejora;",
        "Coordinar las sesiones de seguimiento con las áreas involucradas;",
        "Resguardar la evidencia documental del cumplimiento.",
    ],
    "evaluada": [
        "Publicar los resultados de la evaluación a través de su página de internet;",
        "Determinar fechas compromiso para el cumplimiento de los Aspectos Susceptibles de Mejora;",
        "Atender los Aspectos Susceptibles de Mejora en los plazos establecidos;",
        "Acudir a las sesiones para presentar los documentos que acrediten el cumplimiento;",
        "Enviar los resultados y documentos finales con los que se da cumplimiento a los Aspectos Susceptibles de Mejora.",
    ],
}


def _numero_asm(estilo: Estilo, numero: int, prefijo: str) -> str:
    return {"1": f"{numero}", "1.": f"{numero}.", "1)": f"{numero})", "prefijo": f"{prefijo}-{numero}"}[
        estilo.numeracion_asm]


def _tabla_asm(items: list[Asm], estilo: Estilo, layout: str, encabezado_texto: str, prefijo: str,
               ancho_util_cm: float, rng: random.Random, tamano_pt: float) -> Tabla:
    numero = rng.choice(vocab.ENCABEZADOS_NUMERO)
    actividad = rng.choice(vocab.ENCABEZADOS_ACTIVIDAD)
    sombreado = estilo.sombreado

    def header(texto: str) -> Celda:
        return Celda([texto], negrita=True, alineacion="center", sombreado=sombreado)

    filas = []
    if layout == "columna_fecha":
        fecha = rng.choice(vocab.ENCABEZADOS_FECHA)
        filas.append(Fila([header(numero), header(encabezado_texto), header(actividad), header(fecha)], es_encabezado=True))
        fracciones = [0.075, 0.37, 0.37, 0.185]
        for item in items:
            filas.append(Fila([
                Celda([_numero_asm(estilo, item.numero, prefijo)], alineacion="center"),
                Celda(item.texto, alineacion=estilo.alineacion_celdas),
                Celda(item.actividad, alineacion=estilo.alineacion_celdas),
                Celda([item.fecha.texto], alineacion="center"),
            ]))
    else:
        etiqueta = rng.choice(vocab.ETIQUETAS_FILA_FECHA)
        filas.append(Fila([header(numero), header(encabezado_texto), header(actividad)], es_encabezado=True))
        fracciones = [0.08, 0.44, 0.48]
        for item in items:
            filas.append(Fila([
                Celda([_numero_asm(estilo, item.numero, prefijo)], alineacion="center"),
                Celda(item.texto, alineacion=estilo.alineacion_celdas),
                Celda(item.actividad, alineacion=estilo.alineacion_celdas),
            ]))
            if estilo.fecha_fila_combinada:
                filas.append(Fila([Celda([etiqueta], negrita=True, columnas=2), Celda([item.fecha.texto], alineacion="center")]))
            else:
                filas.append(Fila([Celda([etiqueta], negrita=True), Celda([""]), Celda([item.fecha.texto], alineacion="center")]))
    anchos = [round(ancho_util_cm * f, 2) for f in fracciones]
    return Tabla(filas, anchos, reglas=estilo.reglas, repetir_encabezado=estilo.encabezado_repetido, tamano_pt=tamano_pt)


def _clausulas(hechos: Hechos, estilo: Estilo, rng: random.Random, ancho_util_cm: float, tamano_pt: float) -> list:
    evaluada = hechos.partes[-1]
    coordinadora = hechos.partes[0]
    evaluacion_programa = _evaluacion_al_programa(hechos)
    ordinales = iter(vocab.ORDINALES)
    bloques: list = [_titulo_seccion("CLÁUSULAS")]
    bloques.append(_clausula(estilo, next(ordinales), "Objeto",
        f'El presente Convenio tiene por objeto establecer los compromisos de **"{evaluada.rol}"** que permitirán '
        f"atender los Aspectos Susceptibles de Mejora que se derivan de la **{evaluacion_programa}**, correspondiente "
        f"al PAE {hechos.pae}."))
    bloques.append(_clausula(estilo, next(ordinales), "Obligaciones y responsabilidades", ""))
    for parte in hechos.partes:
        bloques.append(Parrafo(f'De **"{parte.rol}"**', alineacion="left", mantener_con_siguiente=True))
        for letra, texto in zip("abcdefgh", OBLIGACIONES[parte.funcion]):
            bloques.append(Parrafo(f"{letra}) {texto}", sangria_cm=1.0, primera_linea_cm=-0.6, espacio_despues_pt=3))
    bloques.append(_clausula(estilo, next(ordinales), "Responsables",
        'Con la firma del presente Convenio "**LAS PARTES**" designan a los servidores públicos responsables de acudir '
        "a las sesiones en las que se tendrán que presentar los documentos que acrediten el cumplimiento de los "
        f"Aspectos Susceptibles de Mejora (ASM) derivados de la **{evaluacion_programa}**."))
    bloques.append(_clausula(estilo, next(ordinales), "De los Aspectos Susceptibles de Mejora", ""))
    bloques.append(Parrafo("**a) De los hallazgos:**", mantener_con_siguiente=True))
    bloques.append(_tabla_asm(hechos.hallazgos, estilo, estilo.layout_hallazgos,
                              rng.choice(vocab.ENCABEZADOS_HALLAZGO), "H", ancho_util_cm, rng, tamano_pt))
    if hechos.recomendaciones:
        bloques.append(Parrafo("**b) De las recomendaciones:**", mantener_con_siguiente=True))
        bloques.append(_tabla_asm(hechos.recomendaciones, estilo, estilo.layout_recomendaciones,
                                  rng.choice(vocab.ENCABEZADOS_RECOMENDACION), "R", ancho_util_cm, rng, tamano_pt))
    elif estilo.recomendaciones_vacias == "leyenda":
        bloques.append(Parrafo("**b) De las recomendaciones:**", mantener_con_siguiente=True))
        bloques.append(Parrafo(rng.choice([
            "No se emitieron recomendaciones derivadas de la evaluación.",
            "Derivado de la evaluación no se identificaron recomendaciones, por lo que no se establecen compromisos "
            "en este apartado.",
        ])))
    bloques.append(_clausula(estilo, next(ordinales), "Cumplimiento",
        f'"{coordinadora.rol}" y "{hechos.partes[1].rol}" determinarán si las acciones y los compromisos realizados '
        f'por **"{evaluada.rol}"** cumplen de manera suficiente y clara con lo solicitado.'))
    bloques.append(_clausula(estilo, next(ordinales), "Incumplimiento de las Partes",
        "En los casos de incumplimiento al presente Convenio, las sanciones serán las establecidas en los "
        "Lineamientos Generales para la Evaluación de los Programas Presupuestarios y demás normatividad aplicable."))
    if hechos.prorroga_dias is not None:
        dias = hechos.prorroga_dias
        unidad = "hábiles" if rng.random() < 0.2 else "naturales"
        cantidad = rng.choice([f"{dias} días {unidad}", f"{numero_en_letras(dias)} ({dias}) días {unidad}"])
        bloques.append(_clausula(estilo, next(ordinales), "Prórroga",
            "En el caso de que existan acciones que no hayan alcanzado la totalidad de su cumplimiento o estén "
            f'próximas a hacerlo de acuerdo con las fechas establecidas, **"{evaluada.rol}"** podrá solicitar una '
            f"prórroga por escrito, misma que no deberá ser mayor a {cantidad}."))
    finales = [
        ("Publicidad", '"LAS PARTES" reconocen que el presente instrumento es público.'),
        ("Modificaciones", 'El presente Convenio solamente podrá modificarse o adicionarse por mutuo consentimiento de '
                           '"LAS PARTES", mediante la suscripción de un Convenio Modificatorio.'),
        ("Vigencia", "El presente Convenio surtirá efecto a partir del día de su firma y hasta su total cumplimiento."),
        ("Interpretación", f'La interpretación del presente Convenio corresponde a "{coordinadora.rol}" y a '
                           f'"{hechos.partes[1].rol}", en su ámbito de competencia.'),
    ]
    for nombre, cuerpo in finales:
        if rng.random() < 0.85:
            bloques.append(_clausula(estilo, next(ordinales), nombre, cuerpo))
    bloques.append(Parrafo(_cierre(hechos, estilo, rng)))
    return bloques


def _cierre(hechos: Hechos, estilo: Estilo, rng: random.Random) -> str:
    ejemplares = "triplicado" if len(hechos.partes) == 3 else "cuadruplicado"
    ciudad = rng.choice(["la ciudad de ", "la ciudad de ", ""])
    firma = hechos.fecha_firma
    if estilo.cierre == "largo":
        apertura = rng.choice([
            "Leído que fue el presente Convenio y enteradas las partes de su contenido y alcance legal, lo firman",
            "Enteradas las partes del contenido y alcance legal del presente instrumento, lo firman de conformidad",
        ])
        return f"{apertura} por {ejemplares} en {ciudad}{hechos.lugar_firma}, {fecha_en_letras(firma)}."
    de = rng.choice(["de", "de", "del"])
    return (f"El presente Convenio se firma por {ejemplares} en {ciudad}{hechos.lugar_firma}, el {firma.day} de "
            f"{MESES[firma.month - 1]} {de} {firma.year}.")


def _firmas(hechos: Hechos, estilo: Estilo) -> BloqueFirmas:
    firmantes = []
    for parte in hechos.partes:
        nombre = parte.persona.escrito()
        firmantes.append(Firmante(
            [nombre, parte.cargo.upper()],
            leyenda=f'POR "{parte.rol}"' if estilo.leyendas_firma else None,
            nombre_para_firma=nombre,
        ))
    return BloqueFirmas(firmantes)


def _pagina_responsables(hechos: Hechos, rng: random.Random) -> list:
    ordinal = "TERCERA"
    bloques: list = [Parrafo(rng.choice([
        f'De conformidad a la cláusula **{ordinal}** del presente Convenio "**LAS PARTES**" designan como responsables '
        "para acudir a las sesiones de cumplimiento de los Aspectos Susceptibles de Mejora (ASM) a los servidores "
        "públicos:",
        f'Con fundamento en la cláusula **{ordinal}** del presente Convenio, "**LAS PARTES**" designan como '
        "responsables de acudir a las sesiones de seguimiento de los Aspectos Susceptibles de Mejora a los siguientes "
        "servidores públicos:",
    ]))]
    firmantes = []
    for persona, cargo in hechos.responsables:
        nombre = persona.nombre.upper()
        firmantes.append(Firmante([nombre, cargo.upper()], nombre_para_firma=nombre))
    bloques.append(BloqueFirmas(firmantes, columnas=rng.choice([1, 1, 2]), espacio_firma_pt=30))
    if rng.random() < 0.6:
        partes = ", ".join(f"{p.articulo} {p.dependencia}" for p in hechos.partes[:-1])
        firma = hechos.fecha_firma
        bloques.append(Parrafo(
            "La presente hoja de firmas corresponde al Convenio para la Mejora del Desempeño y Resultados "
            f'Gubernamentales del "{_programa_completo(hechos)}", celebrado entre {partes} y '
            f"{hechos.partes[-1].articulo} {hechos.partes[-1].dependencia}, el {firma.day} de "
            f"{MESES[firma.month - 1]} de {firma.year}.",
            tamano_pt=8,
        ))
    return bloques


def _anexos(count: int, rng: random.Random, papel: str) -> list:
    bloques: list = []
    alto = 6.0 if papel == "carta" else 7.5
    for numero in range(count):
        bloques.append(SaltoPagina())
        bloques.append(_titulo_seccion("ANEXO FOTOGRÁFICO" if numero == 0 else "ANEXO FOTOGRÁFICO (CONTINUACIÓN)"))
        bloques.append(Parrafo("Evidencia de las acciones realizadas para la atención de los Aspectos Susceptibles "
                               "de Mejora.", alineacion="center"))
        pies = [f"Fotografía {numero * 4 + i + 1}. {rng.choice(vocab.PIES_FOTO)}" for i in range(4)]
        bloques.append(RecuadrosAnexo(pies, alto_cm=alto))
    return bloques


def _draw_pagina(rng: random.Random, hechos: Hechos, cuotas: dict | None = None) -> Pagina:
    cuotas = cuotas or {}
    papel = cuotas.get("papel") or rng.choices(["carta", "oficio", "legal"], weights=[55, 30, 15])[0]
    fuente = cuotas.get("fuente") or rng.choices(["Arial", "Liberation Sans", "Times New Roman"], weights=[55, 20, 25])[0]
    margen = rng.choice([2.0, 2.5, 2.5, 3.0])
    lema = rng.choice(vocab.LEMAS[hechos.fecha_firma.year])
    pie = rng.choices([None, "pagina", "direccion"], weights=[50, 35, 15])[0]
    texto_pie = None
    if pie == "direccion":
        if hechos.municipio:
            texto_pie = f"Palacio Municipal, Plaza de la Constitución No. 1, Col. Centro, {hechos.municipio}, Estado de México."
        else:
            texto_pie = "Calle Colorín No. 101, Col. Lomas Altas, Toluca de Lerdo, Estado de México. Tel. (722) 276 00 40"
    return Pagina(
        papel=papel,
        fuente=fuente,
        tamano_pt=rng.choice([10.0, 11.0, 11.0, 12.0]),
        interlineado=rng.choice([1.0, 1.0, 1.15]),
        margen_cm=(rng.choice([2.0, 2.5, 3.0]), margen, rng.choice([2.0, 2.5]), margen),
        encabezado=f'"{lema}"' if rng.random() < 0.7 else lema,
        pie=pie,
        texto_pie=texto_pie,
    )


# Dimensions a split cycles through so that even 12 documents cover each value
# (key -> values, repeated to keep rough proportions).  Cycle lengths differ
# (2, 3, 4, 5, 6, 7) so that two dimensions do not move in lockstep, e.g.
# rule style and repeated header rows.
CICLOS_DE_COBERTURA: dict[str, list] = {
    "ambito": ["estatal", "municipal", "estatal", "municipal", "estatal"],
    "tipo": list(vocab.TIPOS_EVALUACION),
    "layout_hallazgos": ["fila_fecha", "columna_fecha"],
    "reglas": ["grid", "horizontal", "grid", "grid", "horizontal", "grid", "none"],
    "encabezado_repetido": [True, False, True],
    "papel": ["carta", "oficio", "carta", "legal", "carta"],
    "fuente": ["Arial", "Times New Roman", "Arial", "Liberation Sans"],
    "cierre": ["corto", "largo", "corto", "corto", "largo"],
    "prorroga": [True, True, False],
    "sin_recomendaciones": [False, False, False, True, False, False, True],
    "estilo_fechas": [*ESTILOS_DIA, *ESTILOS_MES, "mezcla"],
}


def cuotas_para(indice: int, desfases: dict[str, int]) -> dict:
    """The forced choices of the `indice`-th document of a split (desfases shift each cycle)."""
    return {clave: valores[(indice + desfases.get(clave, 0)) % len(valores)]
            for clave, valores in CICLOS_DE_COBERTURA.items()}


def draw_convenio(rng: random.Random, nombre: str, cuotas: dict | None = None) -> tuple[Documento, dict]:
    """Draw one convenio: the document to render and its expected record (without `documento`).

    `cuotas` (from `cuotas_para`) pins the coverage dimensions; without it
    every choice is drawn with the genre's rough frequencies.
    """
    hechos = draw_hechos(rng, cuotas)
    estilo = draw_estilo(rng, cuotas)
    pagina = _draw_pagina(rng, hechos, cuotas)
    ancho_util_cm = PAPER_SIZES_CM[pagina.papel][0] - pagina.margen_cm[1] - pagina.margen_cm[3]
    tamano_tabla = max(8.0, pagina.tamano_pt - rng.choice([1, 1.5, 2]))

    bloques: list = []
    if estilo.titulo_aparte:
        bloques.append(_titulo_seccion(TITULO))
    bloques.append(Parrafo(_preambulo(hechos, estilo, rng), negrita=True, espacio_despues_pt=12))
    bloques.append(_titulo_seccion("ANTECEDENTES"))
    bloques += [Parrafo(texto) for texto in _antecedentes(hechos, rng)]
    bloques += _declaraciones(hechos, estilo, rng)
    bloques += _clausulas(hechos, estilo, rng, ancho_util_cm, tamano_tabla)
    if estilo.firmas_en_pagina_nueva:
        bloques.append(SaltoPagina())
    bloques.append(_firmas(hechos, estilo))
    bloques.append(SaltoPagina())
    bloques += _pagina_responsables(hechos, rng)
    bloques += _anexos(estilo.anexos, rng, pagina.papel)

    estilos_fecha = sorted({_estilo_de(item.fecha) for item in hechos.hallazgos + hechos.recomendaciones})
    rasgos = {
        "ambito": hechos.ambito,
        "layout_hallazgos": estilo.layout_hallazgos,
        "layout_recomendaciones": estilo.layout_recomendaciones if hechos.recomendaciones else "",
        "reglas": estilo.reglas,
        "encabezado_repetido": estilo.encabezado_repetido,
        "estilo_fechas": ";".join(estilos_fecha),
        "cierre": estilo.cierre,
        "anexos": estilo.anexos,
    }
    return Documento(nombre=nombre, pagina=pagina, bloques=bloques, rasgos=rasgos), registro_de(hechos)


def _estilo_de(fecha: FechaEscrita) -> str:
    """Name of the wording a date uses, for the manifest."""
    texto = fecha.texto
    if fecha.precision == "mes":
        return "mes"
    if "/" in texto:
        return "numerica"
    if "-" in texto:
        return "abreviada"
    if "," in texto:
        return "semana"
    return "dia_del" if " del " in texto else "dia"
