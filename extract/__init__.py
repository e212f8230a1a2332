"""convenios: turn convenio PDFs into validated, traceable records.

The pipeline (see `extract.pipeline`) runs these stages in order:

    pdf / ocr -> Page[] -> tables -> layout -> fields -> record -> export
"""
