"""Vocabulary of the genre as data: people, institutions, programs, places, ASM text.

Everything here is written in the casing the expected record uses (names
and cargos in title case with Spanish particles lower case, acronyms upper).
The builder upper-cases where the document does (preamble, signatures), so
the record is right by construction.  Institutions and programs are real
kinds of Mexican public bodies; people, addresses and findings are invented.
"""

from __future__ import annotations

# --- people -----------------------------------------------------------------

NOMBRES_MASCULINOS = [
    "José Luis", "Juan Carlos", "Miguel Ángel", "José de Jesús", "Luis Fernando", "Jorge", "Roberto",
    "Francisco Javier", "Alejandro", "Víctor Manuel", "Héctor", "Raúl", "Óscar", "Jesús", "Martín",
    "Juan Pablo", "José Antonio", "Carlos Alberto", "Ernesto", "Rodrigo", "Arturo", "Andrés", "Iván",
    "Gerardo", "Sergio Iván", "Juan de Dios", "José María", "Ángel", "Emilio", "Ramón", "Guillermo",
    "Salvador", "Édgar", "Marco Antonio", "Hugo", "Rubén Darío", "Juan", "Felipe de Jesús", "Efraín",
]
NOMBRES_FEMENINOS = [
    "María de la Luz", "María Guadalupe", "Ana Laura", "Laura", "Verónica", "Adriana", "María Fernanda",
    "Claudia", "Patricia", "Gabriela", "María del Carmen", "Rosa María", "Leticia", "Norma Angélica",
    "Sofía", "Mónica", "Alejandra", "María de los Ángeles", "Erika", "Larissa", "Diana", "Araceli",
    "Beatriz", "María José", "Ana Karen", "Lucía", "Itzel", "Xóchitl", "Yolanda", "Elena", "Martha Elena",
    "María de Lourdes", "Ximena", "Paulina", "Ruth", "Irma", "Brenda", "Dulce María", "Rocío",
]
APELLIDOS = [
    "González", "Hernández", "García", "Martínez", "López", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
    "Flores", "Gómez", "Díaz", "Reyes", "Morales", "Jiménez", "Cruz", "Ortiz", "Gutiérrez", "Chávez",
    "Ruiz", "Álvarez", "Castillo", "Vázquez", "Mendoza", "Romero", "Núñez", "Muñoz", "Velázquez",
    "Salinas", "Ibáñez", "Peña", "Carreño", "Talavera", "Arce", "Becerril", "Colín", "Albarrán", "Mercado",
    "Estrada", "Nava", "Olvera", "Quiroz", "Zúñiga", "Maldonado", "Garduño", "Escobar", "Villegas",
    "Bernal", "Carbajal", "Solís", "Valdés", "Orihuela", "Cárdenas", "Sotelo", "Arriaga", "Domínguez",
]
# Surnames with particles: their particles stay lower case in the record.
APELLIDOS_CON_PARTICULA = [
    "de la Cruz", "del Valle", "de los Santos", "de la Rosa", "del Río", "de León", "de la Vega",
    "del Castillo", "de la Garza", "de los Reyes", "de Jesús", "del Moral",
]
# Academic titles offices put before a name; never part of the name in the record.
TITULOS = {"m": ["LIC.", "MTRO.", "DR.", "ING.", "C.P.", "ARQ."], "f": ["LIC.", "MTRA.", "DRA.", "ING.", "C.P."]}

# --- state institutions -----------------------------------------------------

# Each cargo is (masculine, feminine).
SECRETARIA_FINANZAS = {
    "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
    "articulo": "la",
    "dependencia": "Secretaría de Finanzas",
    "alias": ["LA SECRETARÍA", "LA SECRETARÍA", "LA SECRETARÍA DE FINANZAS"],
    "cargos": [
        ("Subsecretario de Planeación y Presupuesto", "Subsecretaria de Planeación y Presupuesto"),
        ("Director General de Planeación y Gasto Público", "Directora General de Planeación y Gasto Público"),
        ("Subsecretario de Planeación, Presupuesto y Evaluación", "Subsecretaria de Planeación, Presupuesto y Evaluación"),
    ],
    "materia": "planeación, programación, presupuestación y evaluación del desarrollo de la Entidad",
    "domicilios": [
        ("calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México", "50060"),
        ("Lerdo Poniente número 300, Puerta 250, colonia Centro, Toluca de Lerdo, Estado de México", "50000"),
    ],
}
SECRETARIA_CONTRALORIA = {
    "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
    "articulo": "la",
    "dependencia": "Secretaría de la Contraloría",
    "alias": ["LA CONTRALORÍA", "LA CONTRALORÍA", "LA SECRETARÍA DE LA CONTRALORÍA"],
    "cargos": [
        ("Subsecretario de Control y Evaluación", "Subsecretaria de Control y Evaluación"),
        ("Director General de Control y Evaluación", "Directora General de Control y Evaluación"),
    ],
    "materia": "supervisión, control y evaluación de la gestión pública de las dependencias y organismos auxiliares",
    "domicilios": [
        ("Av. Primero de Mayo, número 1731, esquina Robert Bosch, colonia Zona Industrial, Toluca de Lerdo, "
         "Estado de México", "50071"),
        ("Avenida Primero de Mayo No. 1731, Col. Zona Industrial, Toluca de Lerdo, Estado de México", "50071"),
    ],
}

# Evaluated state agencies and the programs or funds evaluated in them.
# A program is (name, acronym or None).
SUJETOS_ESTATALES = [
    {
        "articulo": "el", "dependencia": "Instituto de Salud del Estado de México", "siglas": "ISEM",
        "alias": ["EL SUJETO EVALUADO", "EL ISEM", "EL INSTITUTO"],
        "cargos": [("Director General del Instituto de Salud del Estado de México", "Directora General del Instituto de Salud del Estado de México"),
                   ("Coordinador de Administración y Finanzas del ISEM", "Coordinadora de Administración y Finanzas del ISEM")],
        "naturaleza": "un Organismo Público Descentralizado con personalidad jurídica y patrimonio propios",
        "materia": "la prestación de los servicios de salud a la población sin seguridad social",
        "programas": [("Fondo de Aportaciones para los Servicios de Salud", "FASSA"),
                      ("Salud para la población infantil y adolescente", None),
                      ("Prevención médica para la comunidad", None)],
        "temas": ["salud"],
    },
    {
        "articulo": "la", "dependencia": "Secretaría de Educación", "siglas": None,
        "alias": ["EL SUJETO EVALUADO", "LA SECRETARÍA DE EDUCACIÓN"],
        "cargos": [("Subsecretario de Educación Básica", "Subsecretaria de Educación Básica"),
                   ("Secretario de Educación", "Secretaria de Educación")],
        "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
        "materia": "la planeación, organización y evaluación del sistema educativo estatal",
        "programas": [("Fondo de Aportaciones para la Nómina Educativa y Gasto Operativo", "FONE"),
                      ("Educación básica", None), ("Fondo de Aportaciones Múltiples", "FAM")],
        "temas": ["educacion"],
    },
    {
        "articulo": "los", "dependencia": "Servicios Educativos Integrados al Estado de México", "siglas": "SEIEM",
        "alias": ["EL SUJETO EVALUADO", "SEIEM"],
        "cargos": [("Director General de Servicios Educativos Integrados al Estado de México",
                    "Directora General de Servicios Educativos Integrados al Estado de México")],
        "naturaleza": "un Organismo Público Descentralizado de carácter estatal",
        "materia": "la operación de los servicios de educación básica y normal transferidos",
        "programas": [("Fondo de Aportaciones para la Nómina Educativa y Gasto Operativo", "FONE")],
        "temas": ["educacion"],
    },
    {
        "articulo": "el", "dependencia": "Sistema para el Desarrollo Integral de la Familia del Estado de México",
        "siglas": "DIFEM",
        "alias": ["EL SUJETO EVALUADO", "EL DIFEM"],
        "cargos": [("Director General del DIFEM", "Directora General del DIFEM"),
                   ("Director de Administración y Finanzas del DIFEM", "Directora de Administración y Finanzas del DIFEM")],
        "naturaleza": "un Organismo Público Descentralizado con personalidad jurídica y patrimonio propios",
        "materia": "la asistencia social y la protección de niñas, niños, adolescentes y familias",
        "programas": [("Fondo de Aportaciones Múltiples", "FAM"), ("Desarrollo Integral de la Familia", None),
                      ("Alimentación para la población infantil", None)],
        "temas": ["dif"],
    },
    {
        "articulo": "la", "dependencia": "Secretaría del Campo", "siglas": None,
        "alias": ["EL SUJETO EVALUADO", "LA SECRETARÍA DEL CAMPO"],
        "cargos": [("Secretario del Campo", "Secretaria del Campo"),
                   ("Subsecretario de Desarrollo Agropecuario", "Subsecretaria de Desarrollo Agropecuario")],
        "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
        "materia": "el desarrollo agrícola, pecuario y acuícola de la Entidad",
        "programas": [("Desarrollo agrícola", None), ("Fomento a productores rurales", None),
                      ("Programa de Concurrencia con las Entidades Federativas", "PCEF")],
        "temas": ["campo"],
    },
    {
        "articulo": "la", "dependencia": "Secretaría de Movilidad", "siglas": None,
        "alias": ["EL SUJETO EVALUADO", "LA SECRETARÍA DE MOVILIDAD"],
        "cargos": [("Secretario de Movilidad", "Secretaria de Movilidad"),
                   ("Director General de Movilidad Zona I", "Directora General de Movilidad Zona I")],
        "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
        "materia": "la planeación y regulación del transporte público y la movilidad",
        "programas": [("Modernización de la movilidad y el transporte terrestre", None)],
        "temas": ["movilidad"],
    },
    {
        "articulo": "la", "dependencia": "Comisión del Agua del Estado de México", "siglas": "CAEM",
        "alias": ["EL SUJETO EVALUADO", "LA CAEM", "LA COMISIÓN"],
        "cargos": [("Vocal Ejecutivo de la Comisión del Agua del Estado de México",
                    "Vocal Ejecutiva de la Comisión del Agua del Estado de México")],
        "naturaleza": "un Organismo Público Descentralizado con personalidad jurídica y patrimonio propios",
        "materia": "la planeación, construcción y operación de la infraestructura hidráulica",
        "programas": [("Manejo eficiente y sustentable del agua", None), ("Agua potable", None),
                      ("Programa de Agua Potable, Drenaje y Tratamiento", "PROAGUA")],
        "temas": ["agua"],
    },
    {
        "articulo": "la", "dependencia": "Comisión Estatal de Agua y Saneamiento", "siglas": "CEAS",
        "alias": ["EL SUJETO EVALUADO", "LA CEAS"],
        "cargos": [("Director General de la Comisión Estatal de Agua y Saneamiento",
                    "Directora General de la Comisión Estatal de Agua y Saneamiento")],
        "naturaleza": "un Organismo Público Descentralizado de la Administración Pública Estatal",
        "materia": "el abastecimiento de agua potable, el alcantarillado y el saneamiento",
        "programas": [("Programa de Agua Potable, Drenaje y Tratamiento", "PROAGUA"),
                      ("Drenaje y alcantarillado", None)],
        "temas": ["agua"],
    },
    {
        "articulo": "la", "dependencia": "Secretaría de Seguridad", "siglas": None,
        "alias": ["EL SUJETO EVALUADO"],
        "cargos": [("Secretario Ejecutivo del Sistema Estatal de Seguridad Pública",
                    "Secretaria Ejecutiva del Sistema Estatal de Seguridad Pública")],
        "naturaleza": "una Dependencia de la Administración Pública del Estado de México",
        "materia": "la seguridad pública, la prevención del delito y la reinserción social",
        "programas": [("Fondo de Aportaciones para la Seguridad Pública", "FASP"),
                      ("Prevención social de la violencia y la delincuencia", None)],
        "temas": ["seguridad"],
    },
    {
        "articulo": "el", "dependencia": "Colegio de Educación Profesional Técnica del Estado de México",
        "siglas": "CONALEP",
        "alias": ["EL SUJETO EVALUADO", "EL CONALEP", "EL COLEGIO"],
        "cargos": [("Director General del CONALEP Estado de México", "Directora General del CONALEP Estado de México")],
        "naturaleza": "un Organismo Público Descentralizado del Gobierno del Estado de México",
        "materia": "la educación profesional técnica y la capacitación para el trabajo",
        "programas": [("Fondo de Aportaciones para la Educación Tecnológica y de Adultos", "FAETA")],
        "temas": ["educacion"],
    },
    {
        "articulo": "la", "dependencia": "Coordinación General de Protección Civil del Estado de México", "siglas": None,
        "alias": ["EL SUJETO EVALUADO", "LA COORDINACIÓN"],
        "cargos": [("Coordinador General de Protección Civil", "Coordinadora General de Protección Civil")],
        "naturaleza": "un órgano desconcentrado de la Secretaría General de Gobierno",
        "materia": "la prevención y atención de emergencias y desastres",
        "programas": [("Protección Civil", None)],
        "temas": ["proteccion_civil"],
    },
]

# A fourth state party: the evaluated agency's planning unit.
UIPPE_ESTATAL = {
    "naturaleza": "la unidad administrativa del sujeto evaluado responsable de la planeación y la evaluación",
    "articulo": "la",
    "dependencia": "Unidad de Información, Planeación, Programación y Evaluación",
    "alias": ["LA UIPPE", "LA UNIDAD"],
    "cargos": [("Jefe de la UIPPE", "Jefa de la UIPPE"),
               ("Jefe de la Unidad de Información, Planeación, Programación y Evaluación",
                "Jefa de la Unidad de Información, Planeación, Programación y Evaluación")],
    "materia": "la integración de la información, planeación, programación y evaluación del sujeto evaluado",
}

# --- municipal institutions -------------------------------------------------

MUNICIPIOS = [
    ("Metepec", "52140"), ("Toluca", "50000"), ("Naucalpan de Juárez", "53000"), ("Zinacantepec", "51350"),
    ("Lerma", "52000"), ("Tlalnepantla de Baz", "54000"), ("Texcoco", "56100"), ("Ixtapan de la Sal", "51900"),
    ("Valle de Bravo", "51200"), ("Atlacomulco", "50450"), ("Huixquilucan", "52760"), ("San Mateo Atenco", "52100"),
    ("Tenancingo", "52400"), ("Almoloya de Juárez", "50900"), ("Coacalco de Berriozábal", "55700"),
    ("Tultitlán", "54900"), ("Jilotepec", "54240"), ("El Oro", "50600"),
]
TESORERIA_MUNICIPAL = {
    "articulo": "la", "dependencia": "Tesorería Municipal", "alias": ["LA TESORERÍA"],
    "cargos": [("Tesorero Municipal", "Tesorera Municipal")],
    "materia": "la recaudación de los ingresos municipales y la erogación del gasto público municipal",
}
CONTRALORIA_MUNICIPAL = {
    "articulo": "la", "dependencia": "Contraloría Municipal", "alias": ["LA CONTRALORÍA"],
    "cargos": [("Contralor Municipal", "Contralora Municipal"),
               ("Titular del Órgano Interno de Control Municipal", "Titular del Órgano Interno de Control Municipal")],
    "materia": "el control, vigilancia y evaluación de la gestión pública municipal",
}
UIPPE_MUNICIPAL = {
    "articulo": "la", "dependencia": "Unidad de Información, Planeación, Programación y Evaluación",
    "alias": ["LA UIPPE"],
    "cargos": [("Jefe de la UIPPE", "Jefa de la UIPPE"), ("Titular de la UIPPE", "Titular de la UIPPE"),
               ("Jefe de la Unidad de Información, Planeación, Programación y Evaluación",
                "Jefa de la Unidad de Información, Planeación, Programación y Evaluación")],
    "materia": "la planeación, programación y evaluación del desempeño municipal",
}
SUJETOS_MUNICIPALES = [
    {"articulo": "la", "dependencia": "Dirección de Desarrollo Social", "alias": ["EL SUJETO EVALUADO", "LA DIRECCIÓN"],
     "cargos": [("Director de Desarrollo Social", "Directora de Desarrollo Social")],
     "programas": [("Fondo de Aportaciones para la Infraestructura Social Municipal y de las Demarcaciones "
                    "Territoriales del Distrito Federal", "FISMDF"), ("Desarrollo comunitario", None)],
     "temas": ["social"]},
    {"articulo": "la", "dependencia": "Dirección de Obras Públicas", "alias": ["EL SUJETO EVALUADO", "LA DIRECCIÓN"],
     "cargos": [("Director de Obras Públicas", "Directora de Obras Públicas")],
     "programas": [("Fondo de Aportaciones para la Infraestructura Social Municipal y de las Demarcaciones "
                    "Territoriales del Distrito Federal", "FISMDF")],
     "temas": ["obra"]},
    {"articulo": "la", "dependencia": "Dirección de Servicios Públicos", "alias": ["EL SUJETO EVALUADO", "LA DIRECCIÓN"],
     "cargos": [("Director de Servicios Públicos", "Directora de Servicios Públicos")],
     "programas": [("Alumbrado público", None), ("Gestión integral de residuos sólidos", None)],
     "temas": ["alumbrado"]},
    {"articulo": "la", "dependencia": "Dirección de Seguridad Pública", "alias": ["EL SUJETO EVALUADO", "LA DIRECCIÓN"],
     "cargos": [("Director de Seguridad Pública", "Directora de Seguridad Pública"),
                ("Comisario de Seguridad Pública", "Comisaria de Seguridad Pública")],
     "programas": [("Fondo de Aportaciones para el Fortalecimiento de los Municipios y de las Demarcaciones "
                    "Territoriales del Distrito Federal", "FORTAMUNDF"), ("Seguridad pública", None)],
     "temas": ["seguridad"]},
    {"articulo": "la", "dependencia": "Coordinación Municipal de Protección Civil", "alias": ["EL SUJETO EVALUADO", "LA COORDINACIÓN"],
     "cargos": [("Coordinador Municipal de Protección Civil", "Coordinadora Municipal de Protección Civil")],
     "programas": [("Protección Civil", None)],
     "temas": ["proteccion_civil"]},
    {"articulo": "el", "dependencia": "Sistema Municipal para el Desarrollo Integral de la Familia",
     "alias": ["EL SUJETO EVALUADO", "EL SMDIF"],
     "cargos": [("Director General del Sistema Municipal DIF", "Directora General del Sistema Municipal DIF")],
     "programas": [("Desarrollo Integral de la Familia", None), ("Alimentación y nutrición familiar", None)],
     "temas": ["dif"]},
    {"articulo": "el", "dependencia": "Organismo Público Descentralizado de Agua Potable, Alcantarillado y Saneamiento",
     "alias": ["EL SUJETO EVALUADO", "EL ORGANISMO"],
     "cargos": [("Director General del Organismo de Agua Potable", "Directora General del Organismo de Agua Potable")],
     "programas": [("Manejo eficiente y sustentable del agua", None)],
     "temas": ["agua"]},
]

# --- responsables (the designated attendees) ---------------------------------

RESPONSABLES_ESTATALES = [
    ("Director de Evaluación del Desempeño de la Secretaría de Finanzas",
     "Directora de Evaluación del Desempeño de la Secretaría de Finanzas"),
    ("Titular del Órgano Interno de Control {de_dependencia}", "Titular del Órgano Interno de Control {de_dependencia}"),
    ("Jefe de la Unidad de Información, Planeación, Programación y Evaluación {de_dependencia}",
     "Jefa de la Unidad de Información, Planeación, Programación y Evaluación {de_dependencia}"),
    ("Jefe de la UIPPE {de_dependencia}", "Jefa de la UIPPE {de_dependencia}"),
    ("Director General de Planeación y Evaluación {de_dependencia}",
     "Directora General de Planeación y Evaluación {de_dependencia}"),
    ("Encargado de la Dirección de Seguimiento y Evaluación {de_dependencia}",
     "Encargada de la Dirección de Seguimiento y Evaluación {de_dependencia}"),
    ("Subdirector de Evaluación de Programas Sociales de la Secretaría de Finanzas",
     "Subdirectora de Evaluación de Programas Sociales de la Secretaría de Finanzas"),
    ("Director de Control y Evaluación de la Secretaría de la Contraloría",
     "Directora de Control y Evaluación de la Secretaría de la Contraloría"),
]
RESPONSABLES_MUNICIPALES = [
    ("Jefe del Departamento de Evaluación de la UIPPE", "Jefa del Departamento de Evaluación de la UIPPE"),
    ("Subcontralor de Auditoría y Control", "Subcontralora de Auditoría y Control"),
    ("Enlace de Planeación {de_dependencia}", "Enlace de Planeación {de_dependencia}"),
    ("Subdirector de Egresos de la Tesorería Municipal", "Subdirectora de Egresos de la Tesorería Municipal"),
    ("Coordinador Administrativo {de_dependencia}", "Coordinadora Administrativa {de_dependencia}"),
    ("Titular de la UIPPE", "Titular de la UIPPE"),
]

# --- addresses --------------------------------------------------------------

CALLES = [
    ("calle", "Hidalgo"), ("Avenida", "Independencia"), ("Av.", "Benito Juárez"), ("calle", "Nicolás Bravo"),
    ("Paseo", "Tollocan"), ("calle", "Sor Juana Inés de la Cruz"), ("Avenida", "José María Morelos y Pavón"),
    ("calle", "Lerdo de Tejada"), ("Boulevard", "Isidro Fabela"), ("calle", "Ignacio López Rayón"),
    ("Avenida", "Solidaridad Las Torres"), ("calle", "Vicente Guerrero"), ("Plaza", "de la Constitución"),
]
COLONIAS = ["Centro", "La Merced", "Santa Clara", "Zona Industrial", "San Sebastián", "Reforma y Ferrocarriles Nacionales",
            "Universidad", "Barrio de Santa Cruz", "San Bernardino", "Los Ángeles", "Federal", "Electricistas"]

# --- evaluation -------------------------------------------------------------

# Type as the record holds it -> how running text names the evaluation.
TIPOS_EVALUACION = {
    "Diseño": "Evaluación de Diseño",
    "Consistencia y Resultados": "Evaluación de Consistencia y Resultados",
    "Procesos": "Evaluación de Procesos",
    "Específica": "Evaluación Específica",
    "Específica de Desempeño": "Evaluación Específica de Desempeño",
    "Impacto": "Evaluación de Impacto",
}

# Year mottos printed in the page header (invented in the style of the genre).
LEMAS = {
    2016: ["2016. Año del Centenario de la Instalación del Congreso Constituyente",
           "2016. Año del Fortalecimiento de las Instituciones Mexiquenses"],
    2017: ["2017. Año del Centenario de las Constituciones Mexicana y Mexiquense de 1917",
           "2017. Año de la Transparencia y la Rendición de Cuentas"],
    2018: ["2018. Año del Bicentenario del Natalicio de Ignacio Ramírez Calzada, El Nigromante",
           "2018. Año de la Planeación con Resultados"],
    2019: ["2019. Año del Centésimo Aniversario Luctuoso de Emiliano Zapata Salazar, El Caudillo del Sur",
           "2019. Año de la Gestión Pública Orientada a Resultados"],
    2020: ["2020. Año de Laura Méndez de Cuenca; emblema de la mujer Mexiquense",
           "2020. Año de la Salud y el Bienestar de las Familias Mexiquenses"],
    2021: ["2021. Año de la Consumación de la Independencia y la Grandeza de México",
           "2021. Año de la Evaluación y la Mejora Continua"],
    2022: ["2022. Año del Quincentenario de Toluca, Capital del Estado de México",
           "2022. Año de la Integridad en el Servicio Público"],
    2023: ["2023. Año del Septuagésimo Aniversario del Reconocimiento del Derecho al Voto de las Mujeres en México",
           "2023. Año de la Innovación Gubernamental"],
    2024: ["2024. Año del Bicentenario de la Erección del Estado Libre y Soberano de México",
           "2024. Año de la Participación Ciudadana"],
    2025: ["2025. Año del Bicentenario de la Vida Municipal en el Estado de México",
           "2025. Año de la Mujer Indígena"],
    2026: ["2026. Año de la Eficiencia en el Gasto Público"],
}

ORDINALES = ["PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA",
             "DÉCIMA", "DÉCIMA PRIMERA", "DÉCIMA SEGUNDA", "DÉCIMA TERCERA", "DÉCIMA CUARTA"]

# --- ASM tables -------------------------------------------------------------

ENCABEZADOS_NUMERO = ["No.", "No.", "Núm.", "#", "No"]
ENCABEZADOS_HALLAZGO = ["Hallazgo", "Hallazgo", "Hallazgos"]
ENCABEZADOS_RECOMENDACION = ["Recomendación", "Recomendación", "Recomendaciones"]
ENCABEZADOS_ACTIVIDAD = ["Actividad comprometida", "Actividad comprometida", "Actividades comprometidas",
                         "Acción de mejora comprometida"]
ENCABEZADOS_FECHA = ["Fecha comprometida", "Fecha de cumplimiento", "Fecha compromiso"]
ETIQUETAS_FILA_FECHA = ["Fecha comprometida de cumplimiento:", "Fecha comprometida de cumplimiento:",
                        "Fecha de cumplimiento:", "Fecha compromiso:"]

CONECTORES_HALLAZGO = [
    "Derivado de la {evaluacion} al {programa_corto}, se observa que", "Asimismo, se identificó que",
    "De igual manera, se encontró que", "Además, se detectó que", "Por su parte, se observa que",
    "También, se observó que", "Del análisis también se encontró que", "En materia administrativa, se detectó que",
    "Adicionalmente, se identificó que", "Se observó que", "Con relación a la operación, se advierte que",
]
CONECTOR_FINAL = "Finalmente, se identifica que"

# (problem, activities, recommendation); {programa_corto} and {sujeto} are filled in.
ASM_GENERALES = [
    ("no existe un diagnóstico actualizado que identifique, caracterice y cuantifique el problema que atiende el {programa_corto}",
     ["Elaborar un diagnóstico actualizado del problema que atiende el programa, con la cuantificación de la población potencial y objetivo.",
      "Publicar el diagnóstico en la página de internet de {sujeto}."],
     "elaborar un diagnóstico que sustente la intervención y defina plazos para su revisión y actualización"),
    ("la Matriz de Indicadores para Resultados (MIR) no cuenta con indicadores suficientes para medir el logro del propósito",
     ["Rediseñar la Matriz de Indicadores para Resultados conforme a la Metodología del Marco Lógico.",
      "Incorporar al menos un indicador de resultados por cada componente y validar las fichas técnicas con la UIPPE."],
     "revisar la lógica vertical y horizontal de la MIR e incorporar indicadores de resultados"),
    ("los procedimientos para la selección de beneficiarios no se encuentran documentados ni estandarizados",
     ["Elaborar y publicar un manual de procedimientos para la selección de beneficiarios.",
      "Capacitar al personal operativo en la aplicación del manual."],
     "documentar los criterios de elegibilidad y los procedimientos de selección"),
    ("no se cuenta con un padrón de beneficiarios sistematizado que permita conocer la demanda total de apoyos",
     ["Integrar un padrón único de beneficiarios en una base de datos con clave única de identificación.",
      "Establecer un procedimiento de depuración y actualización trimestral del padrón."],
     "sistematizar el padrón de beneficiarios y establecer mecanismos para su actualización"),
    ("las metas de los indicadores no están orientadas al desempeño y se establecen por debajo de lo alcanzado en ejercicios anteriores",
     ["Establecer metas con base en la línea base y el comportamiento histórico de cada indicador.",
      "Documentar la metodología para el cálculo de las metas."],
     "revisar las metas de los indicadores para que sean retadoras y factibles"),
    ("no se dispone de mecanismos para conocer el grado de satisfacción de la población atendida",
     ["Diseñar y aplicar una encuesta de satisfacción a una muestra representativa de la población atendida.",
      "Elaborar un informe de resultados de la encuesta y un plan de acción."],
     "implementar un instrumento para medir la satisfacción de la población atendida"),
    ("la información reportada en los informes trimestrales no es consistente con los registros administrativos de {sujeto}",
     ["Implementar un mecanismo de conciliación trimestral entre los registros administrativos y los informes de avance.",
      "Designar a un enlace responsable de la validación de la información reportada."],
     "fortalecer los controles de calidad de la información reportada"),
    ("no existe un plan estratégico de mediano plazo que establezca los resultados que se pretenden alcanzar",
     ["Elaborar un plan estratégico con horizonte de al menos tres años, con objetivos, metas e indicadores.",
      "Someter el plan a la aprobación del órgano de gobierno."],
     "elaborar un plan estratégico que oriente la operación hacia resultados"),
    ("el programa no cuenta con lineamientos de operación publicados que regulen la entrega de los bienes y servicios",
     ["Elaborar los lineamientos de operación del programa.",
      "Publicar los lineamientos en el periódico oficial \"Gaceta del Gobierno\"."],
     "emitir y publicar lineamientos de operación"),
    ("se carece de un sistema de seguimiento del ejercicio de los recursos del {programa_corto} que permita conocer su destino por concepto de gasto",
     ["Desarrollar un sistema informático de seguimiento del ejercicio de los recursos por partida y concepto de gasto.",
      "Generar reportes mensuales de avance físico y financiero."],
     "implementar un sistema de seguimiento físico y financiero de los recursos"),
    ("los documentos de la evaluación no se encuentran publicados en la página de internet del sujeto evaluado",
     ["Publicar en la página de internet los documentos de la evaluación y el presente Convenio, conforme a la normatividad aplicable."],
     "publicar los resultados de la evaluación en un apartado visible de la página de internet"),
    ("no se identifican mecanismos de coordinación con otras instancias que atienden a la misma población",
     ["Identificar los programas federales, estatales y municipales complementarios y firmar convenios de colaboración.",
      "Establecer mesas de trabajo interinstitucionales con periodicidad semestral."],
     "establecer mecanismos formales de coordinación interinstitucional"),
    ("el personal que opera el programa no ha recibido capacitación en materia de Presupuesto basado en Resultados",
     ["Gestionar cursos de capacitación en Presupuesto basado en Resultados y Metodología del Marco Lógico para el personal operativo."],
     "capacitar al personal en la gestión para resultados"),
    ("los expedientes de los proyectos no contienen la evidencia documental del cumplimiento de las metas",
     ["Integrar expedientes únicos por proyecto con evidencia fotográfica, actas de entrega-recepción y reportes de avance.",
      "Revisar trimestralmente la integración de los expedientes."],
     "integrar expedientes completos de cada proyecto"),
]
ASM_POR_TEMA = {
    "salud": [
        ("la cobertura de vacunación en menores de cinco años se encuentra por debajo de la meta establecida",
         ["Realizar jornadas intensivas de vacunación en las localidades con menor cobertura.",
          "Actualizar el censo nominal de menores de cinco años por unidad médica."],
         "fortalecer las estrategias de vacunación en localidades de alta marginación"),
        ("el abasto de medicamentos en las unidades de primer nivel no se registra de forma oportuna",
         ["Implementar un sistema de control de inventarios de medicamentos en las unidades de primer nivel."],
         "mejorar el registro y control del abasto de medicamentos"),
    ],
    "educacion": [
        ("no se cuenta con información sobre el estado físico de la infraestructura de los planteles beneficiados",
         ["Levantar un diagnóstico de la infraestructura física educativa de los planteles beneficiados.",
          "Priorizar la atención de los planteles con mayores necesidades."],
         "elaborar un inventario del estado de la infraestructura educativa"),
        ("la plantilla de personal registrada no coincide con la nómina pagada con recursos del fondo",
         ["Conciliar la plantilla de personal con la nómina pagada y aclarar las diferencias.",
          "Establecer un procedimiento de conciliación semestral."],
         "conciliar periódicamente la plantilla de personal con la nómina"),
    ],
    "dif": [
        ("los desayunos escolares no se entregan con la periodicidad establecida en los lineamientos",
         ["Elaborar un calendario de distribución de desayunos escolares y supervisar su cumplimiento en cada plantel."],
         "supervisar la distribución oportuna de los desayunos escolares"),
        ("no se mide el estado nutricional de la población beneficiaria al inicio y al final del ciclo",
         ["Realizar la toma de peso y talla a la población beneficiaria al inicio y al final del ciclo escolar.",
          "Elaborar un reporte de resultados del estado nutricional."],
         "medir el efecto de los apoyos alimentarios en el estado nutricional"),
    ],
    "campo": [
        ("los apoyos a productores se entregan fuera del ciclo agrícola, lo que reduce su aprovechamiento",
         ["Ajustar el calendario de entrega de apoyos al ciclo agrícola primavera-verano."],
         "alinear la entrega de apoyos con el calendario agrícola"),
    ],
    "movilidad": [
        ("no se cuenta con un registro actualizado de las concesiones del servicio de transporte público",
         ["Actualizar el padrón de concesiones del servicio de transporte público y digitalizar los expedientes."],
         "actualizar y digitalizar el registro de concesiones"),
    ],
    "agua": [
        ("el volumen de agua residual tratada no se mide de forma sistemática en las plantas de tratamiento",
         ["Instalar medidores de flujo en las plantas de tratamiento y registrar mensualmente el volumen tratado."],
         "medir sistemáticamente el volumen de agua tratada"),
        ("las pérdidas físicas en la red de distribución no se encuentran cuantificadas",
         ["Elaborar un estudio de sectorización y balance hidráulico de la red de distribución."],
         "cuantificar las pérdidas de agua en la red"),
    ],
    "seguridad": [
        ("no existe una metodología para diseñar programas de prevención del delito a partir de diagnósticos locales",
         ["Llevar a cabo marchas exploratorias en los territorios a intervenir para detectar factores de riesgo."],
         "diseñar los programas de prevención con base en diagnósticos territoriales"),
        ("se identificaron deficiencias en el proceso de capacitación del personal de seguridad pública",
         ["Diseñar e implementar un mecanismo de control del cumplimiento del Programa Rector de Profesionalización."],
         "fortalecer la profesionalización de los elementos"),
    ],
    "proteccion_civil": [
        ("el atlas de riesgos no se encuentra actualizado y no incluye los fenómenos perturbadores recientes",
         ["Actualizar el atlas de riesgos con los fenómenos perturbadores registrados en los últimos tres años.",
          "Difundir el atlas de riesgos entre la población."],
         "actualizar el atlas de riesgos y difundirlo"),
    ],
    "alumbrado": [
        ("no se cuenta con un censo de luminarias que permita conocer el estado y consumo de la red de alumbrado",
         ["Realizar el censo de luminarias del municipio con su georreferenciación.",
          "Elaborar un programa de sustitución por tecnología ahorradora."],
         "levantar un censo georreferenciado de luminarias"),
    ],
    "social": [
        ("las obras realizadas no se encuentran en las zonas de atención prioritaria o en localidades con mayor grado de rezago social",
         ["Focalizar la cartera de obras en las zonas de atención prioritaria.",
          "Documentar la ubicación de cada obra con su clave de localidad."],
         "focalizar la inversión en las zonas de atención prioritaria"),
    ],
    "obra": [
        ("los expedientes técnicos de obra no cuentan con el acta de entrega-recepción a los beneficiarios",
         ["Integrar el acta de entrega-recepción en los expedientes técnicos de todas las obras concluidas."],
         "completar la documentación de cierre de las obras"),
    ],
}
# Extra sentences that make long cells.
AMPLIACIONES = [
    "Lo anterior limita la toma de decisiones basada en evidencia.",
    "Esta situación se presentó en la mayoría de las áreas ejecutoras revisadas.",
    "Dicha situación dificulta la rendición de cuentas sobre el uso de los recursos públicos.",
    "Cabe señalar que esta observación ya había sido identificada en evaluaciones anteriores.",
    "Lo anterior se documenta en el informe final de la evaluación.",
    "La información disponible no permite verificar el avance de las metas comprometidas.",
]
VIÑETAS_ACTIVIDAD = [
    "Elaborar un programa de trabajo con responsables y plazos.",
    "Designar a un enlace institucional para el seguimiento.",
    "Presentar evidencia documental del cumplimiento ante \"LA SECRETARÍA\".",
    "Capacitar al personal involucrado.",
    "Generar reportes trimestrales de avance.",
    "Publicar los resultados en la página de internet institucional.",
    "Actualizar el manual de procedimientos correspondiente.",
    "Validar la información con la UIPPE.",
]
PIES_FOTO = [
    "Reunión de trabajo con las áreas ejecutoras.", "Entrega de apoyos a la población beneficiaria.",
    "Sesión de seguimiento de los Aspectos Susceptibles de Mejora.", "Capacitación al personal operativo.",
    "Supervisión en campo.", "Instalación de mesa de trabajo interinstitucional.",
]
