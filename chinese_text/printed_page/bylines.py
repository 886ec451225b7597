"""Who wrote or photographed a story, as the page prints it: （王艳）, □ 王燕华, 刘和平 摄."""

import re

WRITER, PHOTOGRAPHER = "writer", "photographer"
# The commonest Chinese surnames (over 90% of people); a byline name starts with one, which keeps a
# closing parenthesis such as （试行） from passing for a byline.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝萧阎燕冀续畅薄郜茹"
)
_NAME = rf"[{SURNAMES}][\u3400-\u9fff]{{1,3}}"  # a person's name: a surname and one to three ideographs
# Names are parted by a space or 、; a line break may have swallowed the space (吴夏峰张晋晋).
_NAMES = rf"{_NAME}(?:[ 、]*{_NAME})*"
_NEWS_BYLINE = re.compile(rf"[（(]\s*(?:(文图|文/图|图/文|文|图)\s*[/／:：]?\s*)?({_NAMES})\s*[）)]\s*$")
_FEATURE_BYLINE = re.compile(rf"^\s*[□■]\s*({_NAMES})\s*$")
_PHOTO_CREDIT = re.compile(rf"^(.*?)\s*({_NAME})\s*摄\s*$")
_ROLES = {None: [WRITER], "文": [WRITER], "图": [PHOTOGRAPHER]}


def _authors(names, roles):
    found = []
    for token in re.split(r"[ 、]+", names.strip()):
        found += _run_together(token)
    return [{"name": name, "roles": list(roles)} for name in found]


# Two-character surnames: 欧阳文华 is one name, though 欧 and 文 each start one.
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
)


def _run_together(token):
    """A run of names printed without their space, cut where only one cut makes each a name of two or
    three characters that starts with a surname: 吴夏峰张晋晋 → 吴夏峰, 张晋晋; 刘洋王丽 → 刘洋, 王丽. Else
    the run as it is (欧阳文华)."""
    if len(token) < 4 or token.startswith(_COMPOUND_SURNAMES):
        return [token]
    cuts = [[] for _ in range(len(token) + 1)]
    cuts[0] = [[]]
    for start in range(len(token)):
        for size in (2, 3):
            end = start + size
            if end <= len(token) and token[start] in SURNAMES:
                cuts[end] += [[*names, token[start:end]] for names in cuts[start]][:2]
    return cuts[-1][0] if len(cuts[-1]) == 1 else [token]


def news_byline(line):
    """Split a news story's closing byline off its last line: 'text。（文/图 张晓斌 高裕鹏）' →
    ('text。', [{'name': '张晓斌', 'roles': ['writer', 'photographer']}, …]); (line, []) without one."""
    match = _NEWS_BYLINE.search(line)
    if not match:
        return line, []
    label, names = match.groups()
    roles = _ROLES.get(label, [WRITER, PHOTOGRAPHER])
    return line[: match.start()].rstrip(), _authors(names, roles)


def feature_byline(line):
    """The authors of a feature's byline line '□ 王燕华', or [] if the line is not one."""
    match = _FEATURE_BYLINE.match(line)
    return _authors(match.group(1), [WRITER]) if match else []


def follows_headline(line):
    """Whether a headline line is a feature's —— subtitle or □ byline, which stand under its headline."""
    return line.startswith("——") or bool(feature_byline(line))


def photo_credit(line):
    """(caption, photographer) for a caption line ending in 'NAME 摄', or None."""
    match = _PHOTO_CREDIT.match(line)
    if not match or not match.group(1):
        return None
    return match.group(1).strip(), match.group(2)
