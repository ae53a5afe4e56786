"""Collect articles from the web into `.md` files that `build` reads.

Sources list URLs (`feeds`: RSS and Atom; `urls`: a text file; `gdelt`: the GDELT DOC 2.0
API); `fetch` fetches them politely through the fetch guard (`guard`); `extract` takes the
main text out with trafilatura; `writer` names and writes the files and remembers what the
folder holds; `collector` ties them together and `cli` is `python -m analysis collect`.
"""
