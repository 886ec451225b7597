"""The gazetteer tagger: which townships and departments a story's text names.

It finds townships by name or alias, places (mapped to their township) and departments by full name or
printed short form. The longest name wins where names overlap (区委宣传部 over 宣传部), and an unqualified
short form right after 市, 省, 县 or 委 belongs to another level of government (市委宣传部, 市妇联).
"""

import re
from dataclasses import dataclass, field

OTHER_LEVEL = "市省县委国"


@dataclass
class Tags:
    townships: list = field(default_factory=list)
    departments: list = field(default_factory=list)


class GazetteerTagger:
    def __init__(self, townships, places, departments):
        """townships: {name: [aliases]}; places: {place: township}; departments: {name: [short forms]}.

        Returned tags are the canonical township and department names.
        """
        self._township_of = {}
        for name, aliases in townships.items():
            for form in (name, *aliases):
                self._township_of[form] = name
        for place, township in places.items():
            self._township_of.setdefault(place, township)
        self._department_of = {}
        for name, short_forms in departments.items():
            for form in (name, *short_forms):
                self._department_of[form] = name
        forms = sorted({*self._township_of, *self._department_of}, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def tag(self, text):
        tags = Tags()
        if self._pattern is None:
            return tags
        for match in self._pattern.finditer(text):
            form = match.group()
            if form in self._department_of:
                qualified = form.startswith(("区", "离石", "中共"))
                if not qualified and match.start() and text[match.start() - 1] in OTHER_LEVEL:
                    continue
                found, into = self._department_of[form], tags.departments
            else:
                found, into = self._township_of[form], tags.townships
            if found not in into:
                into.append(found)
        return tags
