"""Chinese text handling for the newsroom: pinyin slugs, character counts, and (later) segmentation,
the gazetteer tagger and the page-text parser.

Nothing in this package imports Django, so every function here can be tested on plain strings.
"""
