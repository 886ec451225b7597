"""Word segmentation for search and keywords.

rjieba (the Rust port of jieba) does the cutting: it gives the same tokens as jieba, about twenty times
faster (docs/benchmarks.md), which is what bulk indexing needs. jieba.analyse scores keywords by TF-IDF
over those same tokens. Both are given the newsroom's own words (townships, departments, places, authors,
terms), so that 西属巴街道 or 区教科局 stays one token.
"""

import copy
import re

import rjieba

from .characters import fold_width

WORD = re.compile(r"[^\W_]+")
# No keyword: a bare number (12, from 12月1日) or a lone character, which name no topic.
NOT_KEYWORD = re.compile(r"\d+|\w")
NOT_WORD = re.compile(r"[\W_]+")


# Words every story of the district shares: they say nothing about what one story is about.
COMMON_WORDS = frozenset({"离石区", "离石", "吕梁", "吕梁市", "本报讯", "全区", "我区", "记者", "通讯员"})


class Segmenter:
    def __init__(self, words=()):
        self.words = set()
        self._jieba = rjieba.Jieba()
        self._keyword_extractor = None
        self.add_words(words)

    def add_words(self, words):
        """Teach the segmenter more words (cheaper than building a new one)."""
        for word in sorted(set(words) - self.words):
            if word:
                self._jieba.add_word(word, None, None)
                self.words.add(word)

    def cut(self, text):
        """Words as jieba's precise mode cuts them, punctuation included."""
        return self._jieba.cut(text)

    def search_tokens(self, text):
        """Tokens for the index: each word, and also the shorter words inside long ones
        (统一战线 → 统一, 战线, 统一战线), so that a reader's shorter word still finds the story."""
        return self._words(self._jieba.cut_for_search, text)

    def matching_words(self, text):
        """The words two texts are compared by (a headline and its body): tokens of two characters or more."""
        return {word for word in self.search_tokens(text) if len(word) > 1}

    def query_terms(self, text):
        """The distinct words of a query, longest first (the order highlighting wants).

        Whole words suffice: the index holds every whole word as well as the shorter words inside it.
        """
        return sorted(set(self._words(self._jieba.cut, text)), key=lambda term: (-len(term), term))

    @staticmethod
    def _words(cut, text):
        # Cutting word runs alone keeps 3.5 or COVID-19 from gluing together differently in the two libraries,
        # and leaves nothing between the words but spaces.
        # Fullwidth digits and letters are folded, so that ２０２１ finds 2021 and the other way round.
        return [word for word in cut(NOT_WORD.sub(" ", fold_width(text)).lower()) if not word.isspace()]

    def keywords(self, text, count=8):
        """The words that characterize the text most, by TF-IDF with jieba's idf table."""
        if self._keyword_extractor is None:
            import jieba.analyse  # lazy for start-up time: it loads its idf table, 2.5 s

            # A copy shares jieba's idf table, loaded once; it only calls .cut(): ours, with our words.
            self._keyword_extractor = copy.copy(jieba.analyse.default_tfidf)
            self._keyword_extractor.tokenizer = self
            self._keyword_extractor.stop_words = self._keyword_extractor.stop_words | COMMON_WORDS
        keywords = self._keyword_extractor.extract_tags(text, topK=count * 2)
        return [word for word in keywords if WORD.fullmatch(word) and not NOT_KEYWORD.fullmatch(word)][:count]
