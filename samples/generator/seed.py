"""The seed convenio (FASP, PAE 2017, signed 3 June 2019) rebuilt by hand as data.

The text is the scanned original's text (shared/seed/000_75ab779a66a08885.txt, beside the repository),
typed in as blocks for the common renderer.  The scan's description of its
handwritten signatures is not document text and is left out; the scanned twin
gets ink scribbles instead.

`registro_esperado_semilla` is the expected record, written and checked by
hand against the seed text.  It is deliberately NOT derived from the blocks
below, so that a slip in either one shows up as a mismatch.
"""

from __future__ import annotations

from .model import (
    BloqueFirmas,
    Celda,
    Documento,
    Fila,
    Firmante,
    Pagina,
    Parrafo,
    SaltoPagina,
    Tabla,
)

NOMBRE = "convenio_fasp_2019"
LEMA_2019 = '"2019. Año del Centésimo Aniversario Luctuoso de Emiliano Zapata Salazar, El Caudillo del Sur"'
FECHA_ROW_LABEL = "Fecha comprometida de cumplimiento:"

PREAMBULO = (
    "**CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES, QUE CELEBRAN POR UNA "
    "PARTE LA SECRETARÍA DE FINANZAS REPRESENTADA POR ROBERTO INDA GONZÁLEZ, SUBSECRETARIO DE "
    "PLANEACIÓN Y PRESUPUESTO Y LA SECRETARÍA DE LA CONTRALORÍA REPRESENTADA POR JOSÉ GABRIEL "
    "CARREÑO CAMACHO, SUBSECRETARIO DE CONTROL Y EVALUACIÓN; Y POR LA OTRA PARTE, LA SECRETARÍA "
    "DE SEGURIDAD REPRESENTADA POR VÍCTOR MANUEL AGUILAR TALAVERA, SECRETARIO EJECUTIVO DEL "
    "SISTEMA ESTATAL DE SEGURIDAD PÚBLICA DEL ESTADO DE MÉXICO; A QUIENES EN LO SUCESIVO SE LES "
    'DENOMINARÁ "LA SECRETARÍA", "LA CONTRALORÍA" Y "EL SUJETO EVALUADO", Y ACTUANDO EN CONJUNTO '
    'COMO "LAS PARTES" AL TENOR DE LOS SIGUIENTES:**'
)

ANTECEDENTES = [
    "El Gobierno del Estado de México tiene el objeto de consolidar a la Administración Pública "
    "Estatal en un Gobierno de Resultados, cuyas acciones puedan evaluarse en un entorno de "
    "transparencia, que se traduzca en una gestión gubernamental que mida los logros y alcances "
    "mediante procesos de evaluación, sustentados en indicadores tal y como lo dispone el Plan de "
    "Desarrollo del Estado de México vigente.",
    "En consideración a ello, es sustancial el monitoreo y evaluación de los programas que "
    "conforman el Presupuesto de Egresos del Gobierno del Estado de México, de tal manera que el "
    "Presupuesto basado en Resultados permita consolidar el Sistema Integral de Evaluación del "
    "Desempeño.",
    'Por este motivo, el Gobierno del Estado de México, publicó en fecha 23 de febrero de 2017, los '
    '"Lineamientos Generales para la Evaluación de los Programas Presupuestarios" en el periódico '
    'oficial "Gaceta del Gobierno", que tienen por objeto regular la evaluación de los Programas '
    "Presupuestarios. En cumplimiento de dichos lineamientos, en fecha 26 de abril del 2017, se "
    'emitió el "Programa Anual de Evaluación para el Ejercicio Fiscal 2017 de los Programas '
    'Presupuestarios del Gobierno del Estado de México" (PAE), en el cual los sujetos evaluados '
    "deberán atender los Aspectos Susceptibles de Mejora (ASM) de las evaluaciones practicadas "
    'mediante la celebración de un "Convenio para la Mejora del Desempeño y Resultados '
    'Gubernamentales", asimismo, se dieron a conocer los términos de referencia correspondientes '
    "para el desarrollo de cada tipo de evaluación, ambos publicados en el sitio Web de "
    "Transparencia Fiscal, en el link "
    "http://transparenciafiscal.edomex.gob.mx/marcoprog-programa-anual-evaluaciones.",
    "El Programa Anual de Evaluación 2017, establece el tipo de evaluación Específica al "
    "**Fondo de Aportaciones para la Seguridad Pública (FASP)**.",
    "En consecuencia, el presente instrumento tiene como finalidad dar cumplimiento a lo señalado "
    "en la disposición VIGÉSIMA QUINTA de los Lineamientos Generales para la Evaluación de "
    "Programas Presupuestarios del Gobierno del Estado de México, publicados en el Periódico "
    'Oficial "Gaceta del Gobierno" en fecha 23 de febrero de 2017.',
]

DECLARACIONES: list[tuple[str, list[str]]] = [
    (
        '1. DE "LA SECRETARÍA"',
        [
            "1.1. Que es una Dependencia de la Administración Pública del Estado de México con "
            "atribuciones en materia de planeación, programación, supervisión y evaluación del "
            "desarrollo de la Entidad, de conformidad con lo establecido por los artículos 134 "
            "párrafo segundo de la Constitución Política de los Estados Unidos Mexicanos; 78 de la "
            "Constitución Política del Estado Libre y Soberano de México; 3, 15, 19 fracción III, 23 "
            "y 24 fracciones XXVII y XXXI de la Ley Orgánica de la Administración Pública del Estado "
            "de México y 327 del Código Financiero del Estado de México y Municipios.",
            "1.2. Que el Subsecretario de Planeación y Presupuesto de la Secretaría de Finanzas, "
            "cuenta con las facultades y capacidad legal para celebrar el Convenio, de conformidad "
            "con lo dispuesto por los artículos 3 fracción II, 8 fracciones I, XII y XXIII y 18 "
            "fracciones I, XIV, XV, XVI, XVII, XVIII y XXII del Reglamento Interior de la Secretaría "
            "de Finanzas.",
            "1.3. Que conforme a lo dispuesto en el artículo 24, penúltimo párrafo de la Ley "
            "Orgánica de la Administración Pública del Estado de México, en el que la Secretaría de "
            "Finanzas para el despacho de los asuntos de su competencia se auxiliará de Direcciones "
            "de Áreas; así como a lo establecido en el Manual General de Organización de la "
            "Secretaría de Finanzas, en el que se menciona que la Dirección de Evaluación del "
            "Desempeño de la Secretaría de Finanzas cuenta con funciones para dirigir, coordinar, "
            "planear, diseñar y ejecutar las acciones y estrategias derivadas de las políticas "
            "públicas en materia de evaluación del desempeño en la gestión pública de las "
            "dependencias y entidades públicas del Gobierno del Estado de México, el Subsecretario "
            "de Planeación y Presupuesto de la Secretaría de Finanzas instruyó al Director de "
            'Evaluación del Desempeño firmar los "Convenios para la Mejora del Desempeño y '
            'Resultados Gubernamentales", mediante oficio no. 20704000000000L/0980/2019, de fecha '
            "31 de mayo de 2019.",
            "1.4. Que para efectos del presente instrumento señala como domicilio el ubicado en "
            "calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México. "
            "CP 50060.",
        ],
    ),
    (
        '2. DE "LA CONTRALORÍA"',
        [
            "2.1. Que es una Dependencia de la Administración Pública del Estado de México, con "
            "atribuciones en materia de supervisión y evaluación del desarrollo de los Programas "
            "presupuestarios de las Dependencias de la Administración Pública y organismos "
            "auxiliares de conformidad con lo dispuesto por los artículos 134 párrafo segundo de la "
            "Constitución Política de los Estados Unidos Mexicanos; 78 de la Constitución Política "
            "del Estado Libre y Soberano de México; 19 fracción XIV y 38 Bis fracciones I, VI y VII "
            "de la Ley Orgánica de la Administración Pública del Estado de México y 327 del Código "
            "Financiero del Estado de México y Municipios.",
            "2.2. Que el Subsecretario de Control y Evaluación cuenta con las atribuciones y "
            "capacidad legal para celebrar este instrumento de conformidad con lo dispuesto por los "
            "artículos 3 fracción I y 11 fracciones I, III, XIV, XIX, XX y XXII del Reglamento "
            "Interior de la Secretaría de la Contraloría.",
            "2.3. Que para efectos del presente instrumento señala como domicilio el ubicado en Av. "
            "Primero de Mayo, número 1731, esquina Robert Bosch, colonia Zona Industrial, Toluca de "
            "Lerdo, Estado de México. C.P. 50071.",
        ],
    ),
    (
        '3. DE "EL SUJETO EVALUADO"',
        [
            "3.1. Que la Secretaría de Seguridad es una Dependencia de la Administración Pública del "
            "Estado de México, encargada de planear, formular, conducir, coordinar, ejecutar, "
            "supervisar y evaluar las políticas, programas y acciones en materia de seguridad "
            "pública, en términos de lo dispuesto por los artículos 78 de la Constitución Política "
            "del Estado Libre y Soberano de México; 3, 15, 19 fracción II y 21 Bis de la Ley "
            "Orgánica de la Administración Pública del Estado de México.",
            "3.2. Que el Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública, es un "
            "órgano desconcentrado de la Secretaría de Seguridad y operativo del Sistema Estatal, al "
            "cual le corresponde, entre otras atribuciones; ejecutar y dar seguimiento a los "
            "acuerdos y resoluciones del Consejo Estatal y Nacional de Seguridad Pública, en el "
            "ámbito de su competencia; fungir como enlace con el Sistema Nacional, y supervisar, en "
            "coordinación con las demás instancias competentes la correcta aplicación de los "
            "recursos de los fondos por parte de las instituciones de seguridad pública, de "
            "conformidad con lo establecido por los artículos 59 y 61, fracciones I, II y XVI de la "
            "Ley de Seguridad del Estado de México.",
            "3.3. Que el Secretario Ejecutivo del Sistema Estatal de Seguridad Pública, cuenta con "
            "las atribuciones y capacidad legal para celebrar este instrumento de conformidad con lo "
            "dispuesto en el artículo 61 fracción X, XVI y XVIII de la Ley de Seguridad del Estado "
            "de México.",
            "3.4. Que mediante acuerdo de fecha 9 de diciembre de 2013, publicado en el periódico "
            'oficial "Gaceta del Gobierno" en fecha 13 de enero del 2014, el Consejo Estatal de '
            "Seguridad Pública del Estado de México autorizó al Secretario Ejecutivo del Sistema "
            "Estatal de Seguridad Pública, suscribir el presente Convenio.",
            "3.5. Que, para efectos de este instrumento, señala como domicilio, el ubicado en "
            "Avenida Independencia número 1203, Col. Reforma y Ferrocarriles Nacionales, Toluca de "
            "Lerdo, Estado de México. C.P. 50090.",
        ],
    ),
    (
        '4. DE "LAS PARTES"',
        [
            "4.1. Que reconocen mutuamente la capacidad y el carácter con que comparecen para la "
            "celebración del presente Convenio, así como la personalidad de sus representantes.",
            "4.2. Que se encuentran debidamente facultados para suscribir el presente Convenio, de "
            "conformidad con lo señalado en la Disposición VIGÉSIMA QUINTA del CAPÍTULO IX DEL "
            "SEGUIMIENTO A RESULTADOS Y RECOMENDACIONES DERIVADAS DEL PROCESO DE EVALUACIÓN, de los "
            "Lineamientos Generales para la Evaluación de los Programas Presupuestarios del Gobierno "
            "del Estado de México.",
            "4.3. Que las observaciones, las responsabilidades y el seguimiento de cumplimiento a "
            "los Aspectos Susceptibles de Mejora se rigen bajo el principio de neutralidad, toda vez "
            'que **"LA CONTRALORÍA"** a través de los Órganos Internos de Control de los Sujetos '
            'Evaluados verifica la publicación y veracidad de los reportes y es quien informa a '
            '**"LA SECRETARÍA"** sobre su cumplimiento.',
        ],
    ),
]

OBLIGACIONES: list[tuple[str, list[str]]] = [
    (
        'De **"LA SECRETARÍA"**',
        [
            "a) Promover la integración de la evaluación y de los resultados, al Sistema Integral de "
            "Evaluación del Desempeño (SIED);",
            "b) Vigilar que los Aspectos Susceptibles de Mejora y resultados de la evaluación se "
            "articulen invariablemente a la planeación y proceso presupuestario subsecuente;",
            "c) Dar seguimiento al cumplimiento de los Aspectos Susceptibles de Mejora, conforme al "
            "plazo establecido;",
            "d) Verificar la calidad del cumplimiento de los Aspectos Susceptibles de Mejora;",
            "e) Convocar y acudir a las sesiones en las que se mostrarán los documentos que "
            "acrediten el cumplimiento de los Aspectos Susceptibles de Mejora;",
            "f) Vigilar y supervisar que todos los documentos de la evaluación aplicada estén "
            "publicados en las páginas de internet del sujeto evaluado;",
            "g) Apoyar y/o asesorar a las dependencias; y",
            "h) Dictaminar la procedencia del cumplimiento de los Aspectos Susceptibles de Mejora.",
        ],
    ),
    (
        'De **"LA CONTRALORÍA"**',
        [
            "a) A través del Órgano Interno de Control del sujeto evaluado, supervisar el "
            "cumplimiento de Aspectos Susceptibles de Mejora emitidos con motivo de la evaluación;",
            "b) Acudir a las sesiones en las que se presentará e informará de los documentos que "
            "acrediten el cumplimiento de los Aspectos Susceptibles de Mejora;",
            "c) Verificar la publicación y veracidad de la información, a través del Órgano Interno "
            "de Control del sujeto evaluado;",
            "d) Vigilar el cumplimiento a las disposiciones aplicables; e",
            "e) Iniciar el procedimiento de responsabilidad administrativa por Conducto de los "
            "Órganos Internos de Control, cuando los servidores públicos incumplan con lo dispuesto "
            "en el presente Convenio.",
        ],
    ),
    (
        'De **"EL SUJETO EVALUADO"**',
        [
            "a) Publicar los resultados de la evaluación a través de su página de internet;",
            "b) Determinar fechas compromiso para el cumplimiento de los Aspectos Susceptibles de "
            "Mejora;",
            "c) Dar seguimiento en tiempo y forma a los Aspectos Susceptibles de Mejora derivados "
            "del proceso de evaluación al Programa presupuestario;",
            "d) Acudir a las sesiones para presentar los documentos que acrediten el cumplimiento "
            "de los Aspectos Susceptibles de Mejora;",
            "e) Atender los Aspectos Susceptibles de Mejora en los plazos establecidos; y",
            'f) Enviar a "LA SECRETARÍA" y a "LA CONTRALORÍA" los resultados y documentos finales '
            "con los que se da cumplimiento a los Aspectos Susceptibles de Mejora.",
        ],
    ),
]

# (number, hallazgo paragraphs, actividad paragraphs, date as written)
HALLAZGOS: list[tuple[str, list[str], list[str], str]] = [
    (
        "1",
        [
            "Derivado de la Evaluación Específica al Fondo de Aportaciones para la Seguridad "
            "Pública (FASP), se observa que no existe una metodología para diseñar programas de "
            "prevención del delito."
        ],
        [
            "Llevar a cabo marchas exploratorias o barridos ciudadanos en los territorios a "
            "intervenir, con el fin de detectar factores de riesgo (metodología CPTED, Crime "
            "Prevention Through Environment Design)."
        ],
        "31 de Julio de 2019",
    ),
    (
        "2",
        [
            "Asimismo, se identificó la necesidad de contar con indicadores para conocer los "
            "resultados e impacto de cada uno de los programas implementados, tanto a nivel estatal "
            "como municipal."
        ],
        [
            "Transmitir a las administraciones municipales la metodología implementada por el "
            "Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública, para la "
            "sistematización de los programas Municipales de Prevención Social de la Violencia y la "
            "Delincuencia, a fin de poder construir indicadores de resultados."
        ],
        "31 de Julio de 2019",
    ),
    (
        "3",
        [
            "De igual manera, se encontró que hace falta reforzar la intervención del Fondo, a "
            "través de programas relacionados con la participación ciudadana en términos de "
            "empoderamiento."
        ],
        [
            "Llevar a cabo acciones con la participación activa de la ciudadanía, a fin de aumentar "
            "la conciencia pública y social en torno al tema de violencia de género por medio de "
            "obras de teatro y asesoría psicológica y legal."
        ],
        "31 de Julio de 2019",
    ),
    (
        "4",
        [
            "Además, en materia administrativa, se detectó ineficiencia en los controles de los "
            "procesos de adjudicación, seguimiento y cumplimiento de los proyectos en materia de "
            "prevención del delito."
        ],
        [
            "Implementar controles, a través de una base de datos de seguimiento a los proyectos "
            "concertados, solicitudes de servicio, procesos adquisitivos, proveedores adjudicados, "
            "verificación de fallos y cumplimiento de las estrategias, acciones establecidas y metas "
            "de los proyectos en materia de prevención del delito."
        ],
        "31 de Julio de 2019",
    ),
    (
        "5",
        [
            "Por su parte, se observa que hace falta documentar los comprobables de todas y cada una "
            "de las estrategias y acciones (evidencia fotográfica, video gráfica, entre otras), de "
            "los proyectos realizados."
        ],
        [
            "Revisar el cumplimiento de metas, las acciones realizadas contra el contrato y la "
            "edición fotográfica del cumplimiento de metas, verificando los entregables finales."
        ],
        "31 de Julio de 2019",
    ),
    (
        "6",
        ["También, se observó la falta de indicadores materia de prevención del delito."],
        [
            "Solicitar a las áreas ejecutoras del gasto, la información necesaria para la "
            "elaboración del subsecuente Informe Estatal de Evaluación, en los formatos "
            "determinados por el Secretariado Ejecutivo del Sistema Nacional de Seguridad Pública, "
            "que permitan establecer indicadores confiables para la medición de resultados."
        ],
        "31 de Julio de 2019",
    ),
    (
        "7",
        [
            "Del análisis también se encontró, que los Centros de Justicia para las Mujeres (CJM), "
            "no están correctamente alineados a los protocolos y manuales nacionales."
        ],
        [
            "Establecer una estrategia que alinee a los Centros de Justicia para las Mujeres (CJM), "
            "para que basados en un plan de trabajo se lleve a cabo lo siguiente:",
            "• Implementar mecanismos de evaluación a Ministerios Públicos en cada uno de los CJM.",
            "• En coordinación con la Comisión Ejecutiva de Atención a Víctimas, implementar "
            "mecanismos de protección.",
            "• Concretar la creación de la Policía de Género, en coordinación con la Secretaría de "
            "Seguridad.",
            "• Integrar en cada uno de los CJM, Juzgados en Materia de lo Familiar.",
            "• Impartición de cursos a Ministerios Públicos y Peritos, en materia de violencia "
            "sexual.",
        ],
        "31 de Julio de 2019",
    ),
    (
        "8",
        [
            "Así mismo, se observó que no se tiene evidencia del seguimiento y periodos de tiempo en "
            "que la Fiscalía General de Justicia del Estado de México localiza a las personas "
            "reportadas como desaparecidas."
        ],
        [
            "Realizar acciones coordinadas con la Fiscalía General de Justicia del Estado de México, "
            "con el objeto de actualizar su base de datos en la cual se especifique la situación en "
            "la que se ha resuelto cada caso, para optimizar la metodología de contacto entre las "
            "instituciones y por consiguiente la rapidez de localización."
        ],
        "31 de Julio de 2019",
    ),
    (
        "9",
        [
            "Además, se identificaron deficiencias en el proceso de capacitación del personal de "
            "seguridad pública."
        ],
        [
            "Llevar a cabo las gestiones necesarias con la Secretaría de Seguridad, para que ésta "
            "diseñe e implemente un mecanismo de control que contenga los requerimientos "
            "establecidos en el Programa Rector de Profesionalización."
        ],
        "31 de Julio de 2019",
    ),
    (
        "10",
        ["Finalmente, se identifica una sobrepoblación en los Centros Penitenciarios de Reinserción Social."],
        [
            "Solicitar a la Secretaría de Seguridad, informe sobre la ampliación y optimización de "
            "espacios para reducir las condiciones hacinamiento."
        ],
        "31 de Julio de 2019",
    ),
]

RECOMENDACIONES: list[tuple[str, list[str], list[str], str]] = [
    (
        "1",
        [
            "Derivado del resultado de la evaluación al Fondo, se identificó que el Subprograma de "
            "Sistemas de Videovigilancia no cuenta con presupuesto asignado, y debido a la "
            "importancia de su correcto funcionamiento para el apoyo a otros programas y proyectos "
            "en materia de prevención del delito, se recomienda realizar las gestiones "
            "correspondientes para fortalecerlo."
        ],
        [
            "Realizar las gestiones correspondientes para lograr la asignación de presupuesto al "
            "Subprograma en el ejercicio fiscal subsecuente."
        ],
        "Julio 2019",
    ),
    (
        "2",
        [
            "Asimismo, se recomienda fortalecer las evaluaciones para obtener la Certificación Única "
            "Policial, independientemente del carácter de la certificación, para contar con "
            "policías suficientemente capacitados y evaluados."
        ],
        [
            "Implementar mejoras a las evaluaciones realizadas a la totalidad del estado de fuerza "
            "de cada una de las instituciones de seguridad pública y procuración de justicia."
        ],
        "Septiembre 2019",
    ),
    (
        "3",
        [
            "De igual manera, es necesario que el Subprograma Registro Público Vehicular (REPUVE) "
            "cuente con presupuesto asignado, por lo que se recomienda asignar parte del "
            "financiamiento conjunto FASP para que éste alcance las acciones comprometidas en los "
            "Anexos Técnicos."
        ],
        [
            "Realizar las gestiones correspondientes para lograr la asignación de presupuesto al "
            "Subprograma en el ejercicio fiscal subsecuente."
        ],
        "Julio de 2019",
    ),
]

CLAUSULAS_FINALES = [
    'QUINTA. Cumplimiento. "LA SECRETARÍA" y "LA CONTRALORÍA", determinarán si las acciones y los '
    'compromisos realizados por **"EL SUJETO EVALUADO"** cumplen de manera suficiente y clara con '
    "lo solicitado.",
    "Las fechas de cumplimiento de los Aspectos Susceptibles de Mejora no podrán exceder del mes de "
    "julio y de septiembre del 2019, de acuerdo a las fechas comprometidas.",
    "SEXTA. Incumplimiento de las Partes. En los casos de incumplimiento al presente Convenio, las "
    "sanciones serán las establecidas en la Disposición TRIGÉSIMA CUARTA de los Lineamientos "
    "Generales para la Evaluación de los Programas Presupuestarios del Gobierno del Estado de "
    "México.",
    "SÉPTIMA. Prórroga. En el caso de que existan acciones que no hayan alcanzado la totalidad de "
    "su cumplimiento o estén próximas a hacerlo de acuerdo con las fechas establecidas, "
    '**"EL SUJETO EVALUADO"** podrá solicitar una prórroga a la Dirección de Evaluación del '
    "Desempeño, misma que no deberá ser mayor a 30 días naturales.",
    'OCTAVA. Publicidad. "LAS PARTES" reconocen que el presente instrumento es público.',
    'NOVENA. Modificaciones. "LAS PARTES", convienen expresamente que durante la vigencia del '
    "presente Convenio, solamente podrá modificarse o adicionarse por mutuo consentimiento con la "
    "condición de que los objetivos sean congruentes o complementarios con los que aquí se pactan, "
    "mediante la suscripción de un Adendum o de un Convenio Modificatorio, según sea el caso, mismo "
    "que surtirá sus efectos en la misma fecha en que se formalice con su suscripción y que deberá "
    "formar parte integrante del presente instrumento público.",
    "DÉCIMA. Vigencia. El presente Convenio surtirá efecto a partir del día de su firma y hasta su "
    "total cumplimiento.",
    'DÉCIMA PRIMERA. Interpretación. La interpretación del presente Convenio, corresponde a "LA '
    'SECRETARÍA" y a "LA CONTRALORÍA", en su ámbito de competencia, conforme a lo dispuesto en los '
    "Lineamientos Generales para la Evaluación de los Programas Presupuestarios del Gobierno del "
    "Estado de México.",
    "El presente Convenio se firma por triplicado en la ciudad de Toluca de Lerdo, Estado de México, "
    "el 3 de junio de 2019.",
]

RESPONSABLES_ESCRITOS = [
    ("HUGO AYALA RAMOS", "DIRECTOR DE EVALUACIÓN DEL DESEMPEÑO DE LA SECRETARÍA DE FINANZAS"),
    ("MÁXIMO ALBERTO EVIA RAMÍREZ", "TITULAR DEL ÓRGANO INTERNO DE CONTROL DE LA SECRETARÍA DE SEGURIDAD"),
    (
        "LARISSA LEÓN ARCE",
        "JEFA DE LA UNIDAD DE INFORMACIÓN, PLANEACIÓN, PROGRAMACIÓN Y EVALUACIÓN DE LA SECRETARÍA DE "
        "SEGURIDAD",
    ),
    (
        "ERIKA TORRES MUÑOZ",
        "ENCARGADA DE LA DIRECCIÓN GENERAL DE PLANEACIÓN, SEGUIMIENTO Y EVALUACIÓN, DEL SECRETARIADO "
        "EJECUTIVO DEL SISTEMA ESTATAL DE SEGURIDAD PÚBLICA",
    ),
]


def _heading(text: str) -> Parrafo:
    return Parrafo(text, alineacion="center", negrita=True, espacio_despues_pt=10, mantener_con_siguiente=True)


def _subheading(text: str) -> Parrafo:
    return Parrafo(text, alineacion="left", negrita=True, mantener_con_siguiente=True)


def _clause(text: str) -> Parrafo:
    """A clause paragraph whose "PRIMERA. Objeto." lead-in is bold, as in the original."""
    ordinal, _, rest = text.partition(". ")
    title, _, body = rest.partition(". ")
    if body:
        return Parrafo(f"**{ordinal}. {title}.** {body}")
    return Parrafo(f"**{ordinal}. {title}.**")


def _asm_hallazgos_table() -> Tabla:
    header = Fila(
        [Celda(["No."], negrita=True, alineacion="center", sombreado="D9D9D9"),
         Celda(["Hallazgo"], negrita=True, alineacion="center", sombreado="D9D9D9"),
         Celda(["Actividad comprometida"], negrita=True, alineacion="center", sombreado="D9D9D9")],
        es_encabezado=True,
    )
    rows = [header]
    for numero, hallazgo, actividad, fecha in HALLAZGOS:
        rows.append(Fila([Celda([numero], alineacion="center"),
                          Celda(hallazgo, alineacion="justify"),
                          Celda(actividad, alineacion="justify")]))
        rows.append(Fila([Celda([FECHA_ROW_LABEL], negrita=True, columnas=2),
                          Celda([fecha], alineacion="center")]))
    return Tabla(rows, anchos_cm=[1.3, 7.2, 8.0], reglas="grid", repetir_encabezado=True, tamano_pt=10)


def _asm_recomendaciones_table() -> Tabla:
    header = Fila(
        [Celda([t], negrita=True, alineacion="center", sombreado="D9D9D9")
         for t in ("No.", "Recomendación", "Actividad comprometida", "Fecha comprometida")],
        es_encabezado=True,
    )
    rows = [header]
    for numero, recomendacion, actividad, fecha in RECOMENDACIONES:
        rows.append(Fila([Celda([numero], alineacion="center"),
                          Celda(recomendacion, alineacion="justify"),
                          Celda(actividad, alineacion="justify"),
                          Celda([fecha], alineacion="center")]))
    return Tabla(rows, anchos_cm=[1.2, 6.6, 5.6, 3.1], reglas="grid", repetir_encabezado=True, tamano_pt=10)


def documento_semilla() -> Documento:
    """The seed convenio as blocks, ready for the DOCX renderer."""
    bloques: list = [Parrafo(PREAMBULO, espacio_despues_pt=12), _heading("ANTECEDENTES")]
    bloques += [Parrafo(texto) for texto in ANTECEDENTES]
    bloques.append(_heading("DECLARACIONES"))
    for titulo, declaraciones in DECLARACIONES:
        bloques.append(_subheading(titulo))
        bloques += [Parrafo(texto) for texto in declaraciones]
    bloques.append(_heading("CLÁUSULAS"))
    bloques.append(
        Parrafo(
            '**PRIMERA. Objeto.** El presente Convenio tiene por objeto establecer los compromisos de '
            '**"EL SUJETO EVALUADO"** que permitirán atender los Aspectos Susceptibles de Mejora que se '
            "derivan de la **Evaluación Específica al Fondo de Aportaciones para la Seguridad Pública "
            "(FASP)**, correspondiente al PAE 2017."
        )
    )
    bloques.append(Parrafo("**SEGUNDA. Obligaciones y responsabilidades.**", mantener_con_siguiente=True))
    for titulo, incisos in OBLIGACIONES:
        bloques.append(Parrafo(titulo, alineacion="left", mantener_con_siguiente=True))
        bloques += [Parrafo(texto, sangria_cm=1.0, primera_linea_cm=-0.6, espacio_despues_pt=3) for texto in incisos]
    bloques.append(
        Parrafo(
            '**TERCERA. Responsables.** Con la firma del presente Convenio "**LAS PARTES**" designan a '
            "los servidores públicos responsables de acudir a las sesiones en las que se tendrá que "
            "presentar los documentos que acrediten el cumplimiento de los Aspectos Susceptibles de "
            "Mejora (ASM) derivados de la **Evaluación Específica al Fondo de Aportaciones para la "
            "Seguridad Pública (FASP)**."
        )
    )
    bloques.append(
        Parrafo(
            "Las sesiones se llevarán a cabo en las instalaciones de la Dirección de Evaluación del "
            'Desempeño de "**LA SECRETARÍA**".'
        )
    )
    bloques.append(Parrafo("**CUARTA. De los Aspectos Susceptibles de Mejora.**", mantener_con_siguiente=True))
    bloques.append(Parrafo("**a) De los hallazgos:**", mantener_con_siguiente=True))
    bloques.append(_asm_hallazgos_table())
    bloques.append(Parrafo("**b) De las recomendaciones:**", mantener_con_siguiente=True))
    bloques.append(_asm_recomendaciones_table())
    bloques += [_clause(texto) if texto[:6].isupper() and ". " in texto[:20] else Parrafo(texto)
                for texto in CLAUSULAS_FINALES]
    bloques.append(
        BloqueFirmas(
            [
                Firmante(
                    ["ROBERTO INDA GONZÁLEZ", "SUBSECRETARIO DE PLANEACIÓN Y PRESUPUESTO DE LA SECRETARÍA DE FINANZAS"],
                    nombre_para_firma="ROBERTO INDA GONZÁLEZ",
                ),
                Firmante(
                    ["Hugo Ayala Ramos"],
                    nota="Por instrucciones de fecha 31 de mayo de 2019, mediante oficio no. "
                    "20704000000000L/0980/2019, que se relaciona en la declaración 1.3 del presente Convenio.",
                    nombre_para_firma="Hugo Ayala Ramos",
                ),
                Firmante(
                    ["JOSÉ GABRIEL CARREÑO CAMACHO", "SUBSECRETARIO DE CONTROL Y EVALUACIÓN DE LA SECRETARÍA DE LA CONTRALORÍA"],
                    nombre_para_firma="JOSÉ GABRIEL CARREÑO CAMACHO",
                ),
                Firmante(
                    ["VÍCTOR MANUEL AGUILAR TALAVERA", "SECRETARIO EJECUTIVO DEL SISTEMA ESTATAL DE SEGURIDAD PÚBLICA"],
                    nombre_para_firma="VÍCTOR MANUEL AGUILAR TALAVERA",
                ),
            ]
        )
    )
    bloques.append(SaltoPagina())
    bloques.append(
        Parrafo(
            'De conformidad a la cláusula **TERCERA** del presente Convenio "**LAS PARTES**" designan '
            "como responsables para acudir a las sesiones de cumplimiento de los Aspectos Susceptibles "
            "de Mejora (ASM) a los servidores públicos:",
            espacio_despues_pt=6,
        )
    )
    bloques.append(
        BloqueFirmas(
            [Firmante([nombre, cargo], nombre_para_firma=nombre) for nombre, cargo in RESPONSABLES_ESCRITOS],
            columnas=1,
            espacio_firma_pt=30,
        )
    )
    bloques.append(
        Parrafo(
            "La presente hoja de firmas corresponde al Convenio para la Mejora del Desempeño y "
            'Resultados Gubernamentales del "Fondo de Aportaciones para la Seguridad Pública (FASP)", '
            "celebrado entre la Secretaría de Finanzas, la Secretaría de la Contraloría y la Secretaría "
            "de Seguridad, el 3 de junio de 2019.",
            tamano_pt=8,
        )
    )
    pagina = Pagina(
        papel="carta", fuente="Arial", tamano_pt=11, interlineado=1.15, margen_cm=(2.5, 2.5, 2.2, 2.5), encabezado=LEMA_2019
    )
    rasgos = {
        "ambito": "estatal",
        "layout_hallazgos": "fila_fecha",
        "layout_recomendaciones": "columna_fecha",
        "reglas": "grid",
        "encabezado_repetido": True,
        "papel": "carta",
        "fuente": "Arial",
        "anexos": 0,
    }
    return Documento(nombre=NOMBRE, pagina=pagina, bloques=bloques, rasgos=rasgos)


def registro_esperado_semilla() -> dict:
    """The seed's expected record (without `documento`), typed by hand from the seed text."""
    fecha_julio = {"fecha_comprometida": "2019-07-31", "fecha_texto": "31 de Julio de 2019", "precision_fecha": "dia"}
    return {
        "titulo": "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES",
        "fecha_firma": "2019-06-03",
        "lugar_firma": "Toluca de Lerdo, Estado de México",
        "evaluacion": {
            "tipo": "Específica",
            "programa": "Fondo de Aportaciones para la Seguridad Pública",
            "siglas": "FASP",
            "pae": 2017,
        },
        "partes": [
            {
                "rol": "LA SECRETARÍA",
                "dependencia": "Secretaría de Finanzas",
                "representante": "Roberto Inda González",
                "cargo": "Subsecretario de Planeación y Presupuesto",
                "domicilio": "calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México. CP 50060",
                "codigo_postal": "50060",
            },
            {
                "rol": "LA CONTRALORÍA",
                "dependencia": "Secretaría de la Contraloría",
                "representante": "José Gabriel Carreño Camacho",
                "cargo": "Subsecretario de Control y Evaluación",
                "domicilio": "Av. Primero de Mayo, número 1731, esquina Robert Bosch, colonia Zona Industrial, "
                "Toluca de Lerdo, Estado de México. C.P. 50071",
                "codigo_postal": "50071",
            },
            {
                "rol": "EL SUJETO EVALUADO",
                "dependencia": "Secretaría de Seguridad",
                "representante": "Víctor Manuel Aguilar Talavera",
                "cargo": "Secretario Ejecutivo del Sistema Estatal de Seguridad Pública del Estado de México",
                "domicilio": "Avenida Independencia número 1203, Col. Reforma y Ferrocarriles Nacionales, "
                "Toluca de Lerdo, Estado de México. C.P. 50090",
                "codigo_postal": "50090",
            },
        ],
        "hallazgos": [
            {
                "numero": 1,
                "hallazgo": "Derivado de la Evaluación Específica al Fondo de Aportaciones para la Seguridad Pública "
                "(FASP), se observa que no existe una metodología para diseñar programas de prevención del delito.",
                "actividad_comprometida": "Llevar a cabo marchas exploratorias o barridos ciudadanos en los territorios "
                "a intervenir, con el fin de detectar factores de riesgo (metodología CPTED, Crime Prevention Through "
                "Environment Design).",
                **fecha_julio,
            },
            {
                "numero": 2,
                "hallazgo": "Asimismo, se identificó la necesidad de contar con indicadores para conocer los resultados "
                "e impacto de cada uno de los programas implementados, tanto a nivel estatal como municipal.",
                "actividad_comprometida": "Transmitir a las administraciones municipales la metodología implementada "
                "por el Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública, para la sistematización de los "
                "programas Municipales de Prevención Social de la Violencia y la Delincuencia, a fin de poder construir "
                "indicadores de resultados.",
                **fecha_julio,
            },
            {
                "numero": 3,
                "hallazgo": "De igual manera, se encontró que hace falta reforzar la intervención del Fondo, a través "
                "de programas relacionados con la participación ciudadana en términos de empoderamiento.",
                "actividad_comprometida": "Llevar a cabo acciones con la participación activa de la ciudadanía, a fin "
                "de aumentar la conciencia pública y social en torno al tema de violencia de género por medio de obras "
                "de teatro y asesoría psicológica y legal.",
                **fecha_julio,
            },
            {
                "numero": 4,
                "hallazgo": "Además, en materia administrativa, se detectó ineficiencia en los controles de los procesos "
                "de adjudicación, seguimiento y cumplimiento de los proyectos en materia de prevención del delito.",
                "actividad_comprometida": "Implementar controles, a través de una base de datos de seguimiento a los "
                "proyectos concertados, solicitudes de servicio, procesos adquisitivos, proveedores adjudicados, "
                "verificación de fallos y cumplimiento de las estrategias, acciones establecidas y metas de los "
                "proyectos en materia de prevención del delito.",
                **fecha_julio,
            },
            {
                "numero": 5,
                "hallazgo": "Por su parte, se observa que hace falta documentar los comprobables de todas y cada una de "
                "las estrategias y acciones (evidencia fotográfica, video gráfica, entre otras), de los proyectos "
                "realizados.",
                "actividad_comprometida": "Revisar el cumplimiento de metas, las acciones realizadas contra el contrato "
                "y la edición fotográfica del cumplimiento de metas, verificando los entregables finales.",
                **fecha_julio,
            },
            {
                "numero": 6,
                "hallazgo": "También, se observó la falta de indicadores materia de prevención del delito.",
                "actividad_comprometida": "Solicitar a las áreas ejecutoras del gasto, la información necesaria para la "
                "elaboración del subsecuente Informe Estatal de Evaluación, en los formatos determinados por el "
                "Secretariado Ejecutivo del Sistema Nacional de Seguridad Pública, que permitan establecer indicadores "
                "confiables para la medición de resultados.",
                **fecha_julio,
            },
            {
                "numero": 7,
                "hallazgo": "Del análisis también se encontró, que los Centros de Justicia para las Mujeres (CJM), no "
                "están correctamente alineados a los protocolos y manuales nacionales.",
                "actividad_comprometida": "Establecer una estrategia que alinee a los Centros de Justicia para las "
                "Mujeres (CJM), para que basados en un plan de trabajo se lleve a cabo lo siguiente:\n"
                "• Implementar mecanismos de evaluación a Ministerios Públicos en cada uno de los CJM.\n"
                "• En coordinación con la Comisión Ejecutiva de Atención a Víctimas, implementar mecanismos de "
                "protección.\n"
                "• Concretar la creación de la Policía de Género, en coordinación con la Secretaría de Seguridad.\n"
                "• Integrar en cada uno de los CJM, Juzgados en Materia de lo Familiar.\n"
                "• Impartición de cursos a Ministerios Públicos y Peritos, en materia de violencia sexual.",
                **fecha_julio,
            },
            {
                "numero": 8,
                "hallazgo": "Así mismo, se observó que no se tiene evidencia del seguimiento y periodos de tiempo en que "
                "la Fiscalía General de Justicia del Estado de México localiza a las personas reportadas como "
                "desaparecidas.",
                "actividad_comprometida": "Realizar acciones coordinadas con la Fiscalía General de Justicia del Estado "
                "de México, con el objeto de actualizar su base de datos en la cual se especifique la situación en la "
                "que se ha resuelto cada caso, para optimizar la metodología de contacto entre las instituciones y por "
                "consiguiente la rapidez de localización.",
                **fecha_julio,
            },
            {
                "numero": 9,
                "hallazgo": "Además, se identificaron deficiencias en el proceso de capacitación del personal de "
                "seguridad pública.",
                "actividad_comprometida": "Llevar a cabo las gestiones necesarias con la Secretaría de Seguridad, para "
                "que ésta diseñe e implemente un mecanismo de control que contenga los requerimientos establecidos en "
                "el Programa Rector de Profesionalización.",
                **fecha_julio,
            },
            {
                "numero": 10,
                "hallazgo": "Finalmente, se identifica una sobrepoblación en los Centros Penitenciarios de Reinserción "
                "Social.",
                "actividad_comprometida": "Solicitar a la Secretaría de Seguridad, informe sobre la ampliación y "
                "optimización de espacios para reducir las condiciones hacinamiento.",
                **fecha_julio,
            },
        ],
        "recomendaciones": [
            {
                "numero": 1,
                "recomendacion": "Derivado del resultado de la evaluación al Fondo, se identificó que el Subprograma de "
                "Sistemas de Videovigilancia no cuenta con presupuesto asignado, y debido a la importancia de su "
                "correcto funcionamiento para el apoyo a otros programas y proyectos en materia de prevención del "
                "delito, se recomienda realizar las gestiones correspondientes para fortalecerlo.",
                "actividad_comprometida": "Realizar las gestiones correspondientes para lograr la asignación de "
                "presupuesto al Subprograma en el ejercicio fiscal subsecuente.",
                "fecha_comprometida": "2019-07-31",
                "fecha_texto": "Julio 2019",
                "precision_fecha": "mes",
            },
            {
                "numero": 2,
                "recomendacion": "Asimismo, se recomienda fortalecer las evaluaciones para obtener la Certificación "
                "Única Policial, independientemente del carácter de la certificación, para contar con policías "
                "suficientemente capacitados y evaluados.",
                "actividad_comprometida": "Implementar mejoras a las evaluaciones realizadas a la totalidad del estado "
                "de fuerza de cada una de las instituciones de seguridad pública y procuración de justicia.",
                "fecha_comprometida": "2019-09-30",
                "fecha_texto": "Septiembre 2019",
                "precision_fecha": "mes",
            },
            {
                "numero": 3,
                "recomendacion": "De igual manera, es necesario que el Subprograma Registro Público Vehicular (REPUVE) "
                "cuente con presupuesto asignado, por lo que se recomienda asignar parte del financiamiento conjunto "
                "FASP para que éste alcance las acciones comprometidas en los Anexos Técnicos.",
                "actividad_comprometida": "Realizar las gestiones correspondientes para lograr la asignación de "
                "presupuesto al Subprograma en el ejercicio fiscal subsecuente.",
                "fecha_comprometida": "2019-07-31",
                "fecha_texto": "Julio de 2019",
                "precision_fecha": "mes",
            },
        ],
        "responsables": [
            {"nombre": "Hugo Ayala Ramos", "cargo": "Director de Evaluación del Desempeño de la Secretaría de Finanzas"},
            {
                "nombre": "Máximo Alberto Evia Ramírez",
                "cargo": "Titular del Órgano Interno de Control de la Secretaría de Seguridad",
            },
            {
                "nombre": "Larissa León Arce",
                "cargo": "Jefa de la Unidad de Información, Planeación, Programación y Evaluación de la Secretaría de "
                "Seguridad",
            },
            {
                "nombre": "Erika Torres Muñoz",
                "cargo": "Encargada de la Dirección General de Planeación, Seguimiento y Evaluación, del Secretariado "
                "Ejecutivo del Sistema Estatal de Seguridad Pública",
            },
        ],
        "prorroga_max_dias": 30,
    }
