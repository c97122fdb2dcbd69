"""Word documents (.docx, read with python-docx: the ``docx`` extra).

- :mod:`.document`: open a document (a clear one-line error for anything that is not a readable
  .docx) and list its paragraphs in reading order, each with its place and the text pieces of
  its runs;
- :mod:`.prose`: the text that is linted (paragraphs apart, quotation styles quoted) and the map
  from its offsets back to a paragraph and an offset in it;
- :mod:`.edit`: apply replacements inside the runs, keeping their formatting;
- :mod:`.check`: lint a .docx file for ``backyard-lint check`` (and write the fixed copy).
"""

SUFFIX = ".docx"
FIXED_SUFFIX = ".fixed.docx"
