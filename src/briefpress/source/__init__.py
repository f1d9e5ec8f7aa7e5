"""Reading the files a project is made of, by rules that are the same for every one.

A spec, brand.yml, a words file, a CSV, a font and a logo are all typed or chosen by
the charity, so all follow the same rules: the strict YAML reader that keeps each
value's line and column, the one text policy, the checks that a font or image file is
what it says, and errors located in the file. They live here, below both ``spec`` and
``brand``, so neither borrows from the other's internals.
"""
