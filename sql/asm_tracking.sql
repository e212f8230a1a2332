-- ASM tracking over the Parquet folder that `convenios extract --out OUT` writes.
--
-- Run it from the DuckDB CLI, pointing it at the folder first:
--   duckdb -c "SET VARIABLE parquet_dir = 'OUT/parquet'" -c ".read sql/asm_tracking.sql" \
--          -c "FROM compromisos_vencidos(DATE '2019-08-15')"
-- Without the SET, it reads ./out/parquet.  Views read the files at query time,
-- so a rerun of the extraction needs no reload.
--
-- Status rules (the same as extract/tracking.py; a deadline day is still in term):
--   vigente               fecha_corte <= fecha_comprometida
--   en_plazo_de_prorroga  fecha_comprometida < fecha_corte <= fecha_limite_prorroga
--   vencido               past both (past the deadline alone when there is no Prórroga clause)
--   sin_fecha             the deadline could not be read
-- Reviewer marks ("cumplido") live in corrections files; `convenios track --out FILE.parquet`
-- writes the statuses with the marks applied.

SET VARIABLE parquet_dir = coalesce(getvariable('parquet_dir'), 'out/parquet');

-- One view per table; every file holds its own typed anio_firma column, so no Hive options are needed.
CREATE OR REPLACE VIEW convenios AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/convenios/*/*.parquet');
CREATE OR REPLACE VIEW partes AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/partes/*/*.parquet');
CREATE OR REPLACE VIEW hallazgos AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/hallazgos/*/*.parquet');
CREATE OR REPLACE VIEW recomendaciones AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/recomendaciones/*/*.parquet');
CREATE OR REPLACE VIEW responsables AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/responsables/*/*.parquet');
CREATE OR REPLACE VIEW advertencias AS
    SELECT * FROM read_parquet(getvariable('parquet_dir') || '/advertencias/*/*.parquet');

-- Every commitment, hallazgo or recomendación, with the convenio it belongs to
-- and the last day the longest extension allowed by the Prórroga clause reaches.
CREATE OR REPLACE VIEW compromisos AS
WITH items AS (
    SELECT sha256, 'hallazgo' AS tipo, orden, numero, actividad_comprometida,
           fecha_comprometida, precision_fecha, revisar
    FROM hallazgos
    UNION ALL
    SELECT sha256, 'recomendacion' AS tipo, orden, numero, actividad_comprometida,
           fecha_comprometida, precision_fecha, revisar
    FROM recomendaciones
)
SELECT c.sha256, c.archivo, c.sujeto_evaluado, c.evaluacion_siglas, c.anio_firma,
       i.tipo, i.orden, i.numero, i.actividad_comprometida,
       i.fecha_comprometida, i.precision_fecha, c.prorroga_max_dias,
       i.fecha_comprometida + c.prorroga_max_dias AS fecha_limite_prorroga,
       i.revisar
FROM items AS i
JOIN convenios AS c USING (sha256);

-- Each commitment's status on a cut-off date: FROM seguimiento(DATE '2019-08-15').
CREATE OR REPLACE MACRO seguimiento(fecha_corte) AS TABLE
SELECT *,
       CASE
           WHEN fecha_comprometida IS NULL THEN 'sin_fecha'
           WHEN fecha_corte <= fecha_comprometida THEN 'vigente'
           WHEN fecha_corte <= fecha_limite_prorroga THEN 'en_plazo_de_prorroga'
           ELSE 'vencido'
       END AS estatus_por_fecha
FROM compromisos;

-- Question 1: how many commitments each evaluated agency took on, per signing year.
CREATE OR REPLACE VIEW compromisos_por_dependencia_y_anio AS
SELECT sujeto_evaluado,
       anio_firma,
       count(*) FILTER (WHERE tipo = 'hallazgo') AS hallazgos,
       count(*) FILTER (WHERE tipo = 'recomendacion') AS recomendaciones,
       count(*) AS compromisos
FROM compromisos
GROUP BY sujeto_evaluado, anio_firma
ORDER BY sujeto_evaluado, anio_firma;

-- Question 2: what falls due in a given month: FROM compromisos_que_vencen_en(2019, 7).
CREATE OR REPLACE MACRO compromisos_que_vencen_en(anio, mes) AS TABLE
SELECT *
FROM compromisos
WHERE year(fecha_comprometida) = anio AND month(fecha_comprometida) = mes
ORDER BY fecha_comprometida, sujeto_evaluado, sha256, tipo, orden;

-- Question 3: what is overdue (past the deadline and every extension) on a date:
-- FROM compromisos_vencidos(current_date).
CREATE OR REPLACE MACRO compromisos_vencidos(fecha_corte) AS TABLE
SELECT *
FROM seguimiento(fecha_corte)
WHERE estatus_por_fecha = 'vencido'
ORDER BY fecha_limite_prorroga, fecha_comprometida, sujeto_evaluado, sha256, tipo, orden;
