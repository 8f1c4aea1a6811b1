"""The module import graph and entry points: which parts of the code reach each integration.

`build.build_module_graph` reads the tree (cached per file by content),
`resolve` turns import specs into edges between files, `reach` walks the graph
backwards from each integration's evidence, `report` shapes the answer and
`mermaid` draws it.
"""
