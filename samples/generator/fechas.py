"""Date and number wording in the styles convenios use, and the reverse reading.

`escribir_fecha` turns a drawn date into one of the genre's wordings and
says what the expected record must hold for it (ISO date, precision).
`leer_fecha` reads any of those wordings back; the builder uses it as a
self-check on every date it writes, and the tests pin the mapping.
Month-only wordings mean the last day of the month, with precision "mes".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"]
MESES_ABREVIADOS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
DIAS_SEMANA = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

# Style name -> example for 31 July 2019.
ESTILOS_DIA = {
    "dia_Mes": "31 de Julio de 2019",
    "dia_mes": "31 de julio de 2019",
    "dia_mes_del": "31 de julio del 2019",
    "semana_dia_mes": "miércoles, 31 de julio de 2019",
    "numerica": "31/07/2019",
    "abreviada": "31-jul-2019",
}
ESTILOS_MES = {
    "Mes_anio": "Julio 2019",
    "mes_de_anio": "julio de 2019",
    "Mes_de_anio": "Julio de 2019",
    "mes_del_anio": "julio del 2019",
}


@dataclass(frozen=True)
class FechaEscrita:
    """A date as written in a document, and what the record says about it."""

    texto: str
    iso: str
    precision: str  # "dia" or "mes"


def fin_de_mes(anio: int, mes: int) -> date:
    return date(anio, mes, calendar.monthrange(anio, mes)[1])


def escribir_fecha(fecha: date, estilo: str) -> FechaEscrita:
    """Write `fecha` in `estilo`; a month style ignores the day and means the month's end."""
    mes = MESES[fecha.month - 1]
    if estilo in ESTILOS_MES:
        final = fin_de_mes(fecha.year, fecha.month)
        texto = {
            "Mes_anio": f"{mes.capitalize()} {fecha.year}",
            "mes_de_anio": f"{mes} de {fecha.year}",
            "Mes_de_anio": f"{mes.capitalize()} de {fecha.year}",
            "mes_del_anio": f"{mes} del {fecha.year}",
        }[estilo]
        return FechaEscrita(texto, final.isoformat(), "mes")
    texto = {
        "dia_Mes": f"{fecha.day} de {mes.capitalize()} de {fecha.year}",
        "dia_mes": f"{fecha.day} de {mes} de {fecha.year}",
        "dia_mes_del": f"{fecha.day} de {mes} del {fecha.year}",
        "semana_dia_mes": f"{DIAS_SEMANA[fecha.weekday()]}, {fecha.day} de {mes} de {fecha.year}",
        "numerica": f"{fecha.day:02d}/{fecha.month:02d}/{fecha.year}",
        "abreviada": f"{fecha.day:02d}-{MESES_ABREVIADOS[fecha.month - 1]}-{fecha.year}",
    }[estilo]
    return FechaEscrita(texto, fecha.isoformat(), "dia")


_MONTH_NUMBER = {nombre: numero for numero, nombre in enumerate(MESES, start=1)}
_MONTH_NUMBER.update({abreviado: numero for numero, abreviado in enumerate(MESES_ABREVIADOS, start=1)})
_FULL = re.compile(r"^(?:[a-záéíóú]+,\s*)?(\d{1,2})\s+de\s+([a-z]+)\s+del?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SHORT = re.compile(r"^(\d{1,2})-([a-z]{3})-(\d{4})$")
_MONTH_ONLY = re.compile(r"^([a-z]+)\s+(?:del?\s+)?(\d{4})$")


def leer_fecha(texto: str) -> FechaEscrita:
    """Read back any wording `escribir_fecha` produces; ValueError for anything else."""
    clean = texto.strip().lower()
    if match := _FULL.match(clean):
        day, month, year = int(match[1]), _MONTH_NUMBER[match[2]], int(match[3])
        return FechaEscrita(texto, date(year, month, day).isoformat(), "dia")
    if match := _NUMERIC.match(clean):
        return FechaEscrita(texto, date(int(match[3]), int(match[2]), int(match[1])).isoformat(), "dia")
    if match := _SHORT.match(clean):
        return FechaEscrita(texto, date(int(match[3]), _MONTH_NUMBER[match[2]], int(match[1])).isoformat(), "dia")
    if (match := _MONTH_ONLY.match(clean)) and match[1] in _MONTH_NUMBER:
        return FechaEscrita(texto, fin_de_mes(int(match[2]), _MONTH_NUMBER[match[1]]).isoformat(), "mes")
    raise ValueError(f"not a date wording of the genre: {texto!r}")


# --- numbers in words (for "a los tres días del mes de junio de dos mil diecinueve") ---

_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
          "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
          "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
          "veintisiete", "veintiocho", "veintinueve"]
_TENS = {30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta", 90: "noventa"}
_HUNDREDS = {100: "ciento", 200: "doscientos", 300: "trescientos", 400: "cuatrocientos", 500: "quinientos",
             600: "seiscientos", 700: "setecientos", 800: "ochocientos", 900: "novecientos"}


def numero_en_letras(numero: int) -> str:
    """Cardinal number in Spanish words, 0..9999 ("dos mil diecinueve")."""
    if not 0 <= numero <= 9999:
        raise ValueError("only 0..9999 are needed by the genre")
    if numero < 30:
        return _UNITS[numero]
    if numero < 100:
        tens, unit = divmod(numero, 10)
        return _TENS[tens * 10] + (f" y {_UNITS[unit]}" if unit else "")
    if numero < 1000:
        hundreds, rest = divmod(numero, 100)
        if numero == 100:
            return "cien"
        return _HUNDREDS[hundreds * 100] + (f" {numero_en_letras(rest)}" if rest else "")
    thousands, rest = divmod(numero, 1000)
    head = "mil" if thousands == 1 else f"{numero_en_letras(thousands)} mil"
    return head + (f" {numero_en_letras(rest)}" if rest else "")


def numero_antes_de_sustantivo(numero: int) -> str:
    """The apocopated form used before a masculine noun: "veintiún días", "treinta y un días"."""
    words = numero_en_letras(numero)
    if words.endswith("veintiuno"):
        return words[: -len("veintiuno")] + "veintiún"
    if words.endswith("uno"):
        return words[: -len("uno")] + "un"
    return words


def fecha_en_letras(fecha: date) -> str:
    """The notarial formula: "a los tres días del mes de junio de dos mil diecinueve"."""
    mes = MESES[fecha.month - 1]
    anio = numero_en_letras(fecha.year)
    if fecha.day == 1:
        return f"al primer día del mes de {mes} de {anio}"
    return f"a los {numero_antes_de_sustantivo(fecha.day)} días del mes de {mes} de {anio}"
