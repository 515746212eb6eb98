"""Import: another tool's files in, checked passages of `corpus/` out.

`registry` lists the formats, one module each (`text`, `html`, `hypothesis`,
`w3c`, `brat`, `ptc`, `label_studio`, `doccano`), which read with the help of
`jsondoc`, `labels`, `selectors` and `marks`; `articles` reads the article,
`anchoring` places the marks, and `pipeline.run_import` does the whole import.
`limits` says how far a file from outside is read, and how messages quote it.
"""
