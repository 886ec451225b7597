from pathlib import Path

from chinese_text.printed_page.layout import LEAD, split_page
from chinese_text.segmentation import Segmenter

SAMPLE = (Path(__file__).resolve().parents[1] / "data/pages/sample_page.txt").read_text().splitlines()


def test_the_sample_page_splits_into_seven_bodies_two_headline_runs_and_two_photos():
    parts = split_page(SAMPLE)
    assert [body.lead for body in parts.bodies] == [LEAD, LEAD, LEAD, "", LEAD, "", LEAD]
    assert [[author["name"] for author in body.authors] for body in parts.bodies] == [
        ["王艳"],
        ["吴夏峰", "张晋晋"],
        ["王燕华"],
        [],
        ["王晶晶"],
        [],
        ["王艳"],
    ]
    assert parts.bodies[3].lines[0].startswith("曾经的离石区农业农村贫穷落后")
    assert parts.bodies[3].lines[-1] == "是离石区委区政府的最终目的。"
    assert parts.bodies[5].lines[-1].endswith("经济社会高质量发展的教育篇章。")
    assert parts.headline_runs == [
        [
            "栉风沐雨砥砺前行",
            "——离石区教育发展工作综述",
            "□ 王燕华",
            "产业扶贫结硕果",
            "——离石区产业助力脱贫攻坚工作综述",
            "□ 刘一荪",
            "离石区统一战线同心书画院举行",
            "成立揭牌仪式暨首届书画作品展",
            "城北街道开展“迎新年”健步走活动",
            "离石一中和朝阳小学举行",
            "深度合作签约仪式",
            "离石区妇联社会治理",
            "创新工作成效显著",
        ],
        ["吴城镇", "集中学习《论党的宣传思想工作》"],
    ]
    assert parts.photos == [
        ("吴城镇农产品公司员工正在加工土豆。", "刘和平"),
        ("西属巴街道养驴场。", "刘和平"),
    ]


COMPOSED = """合办：离石区融媒体中心
红枣喜获丰收本报讯 近日，信义镇千年村的红枣迎来丰收，
村民们忙着采摘、晾晒。
今年全村红枣种植面积达 500 亩。（文/图 张晓斌 高裕鹏）
核桃产业助农增收
——信义镇核桃产业发展纪实
□ 李晓东
走进信义镇小神头村，漫山遍野的核桃树
挂满了果实。近年来，信义镇大力发展核
桃产业，带动群众增收。
村民王大爷说：“种核桃让咱的日子越过越好。”
本报讯 1月3日，区妇联召开
工作会议。
（王艳）
"""


def test_a_headline_running_into_the_lead_a_headline_above_its_feature_and_bylines_on_either_line():
    parts = split_page(COMPOSED.splitlines())
    assert [body.lines[0] for body in parts.bodies] == [
        "近日，信义镇千年村的红枣迎来丰收，",
        "走进信义镇小神头村，漫山遍野的核桃树",
        "1月3日，区妇联召开",
    ]
    assert parts.bodies[0].lines[-1] == "今年全村红枣种植面积达 500 亩。"
    assert parts.bodies[0].authors == [
        {"name": "张晓斌", "roles": ["writer", "photographer"]},
        {"name": "高裕鹏", "roles": ["writer", "photographer"]},
    ]
    assert parts.bodies[1].lines[-1] == "村民王大爷说：“种核桃让咱的日子越过越好。”"
    assert parts.bodies[2].authors == [{"name": "王艳", "roles": ["writer"]}]
    assert parts.headline_runs == [
        ["红枣喜获丰收"],
        ["核桃产业助农增收", "——信义镇核桃产业发展纪实", "□ 李晓东"],
    ]


BROKEN_BYLINE = """区农业农村局
举办新型职业农民培训

志刚）

本报讯　2月8日，区农业农村
局举办新型职业农民培训班。

培训为期三天，全区80余名种
植大户参加。（闫

城北街道
开展文明交通劝导

（下转第2版）

本报讯　连日来，城北街道组织
志愿者开展文明劝导。（薛凯）
"""


def test_a_byline_the_column_broke_off_is_mended_wherever_its_end_came_out():
    parts = split_page(BROKEN_BYLINE.splitlines())
    assert [body.authors for body in parts.bodies] == [
        [{"name": "闫志刚", "roles": ["writer"]}],
        [{"name": "薛凯", "roles": ["writer"]}],
    ]
    assert parts.bodies[0].lines[-1] == "植大户参加。"
    assert parts.stray == []


def test_a_jump_line_standing_alone_is_furniture_not_a_headline():
    parts = split_page(BROKEN_BYLINE.splitlines())
    assert parts.headline_runs == [["区农业农村局", "举办新型职业农民培训"], ["城北街道", "开展文明交通劝导"]]


def test_a_byline_end_that_completes_nothing_is_left_for_the_editor():
    parts = split_page(["志刚）", "", "本报讯　2月8日，区农业农村局举办培训班。（王艳）"])
    assert parts.stray == ["志刚）"]


def test_a_byline_set_apart_joins_the_headline_whose_subtitle_has_none_yet():
    body = [
        "曾经的离石区农业农村贫穷落后",
        "、状况堪忧。近年来，离石区以习近",
        "平新时代中国特色社会主义思想为指",
        "导。",
    ]
    lines = ["产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述", "", "简讯", "", "□ 刘一荪", "", *body]
    assert split_page(lines).headline_runs == [
        ["产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述", "□ 刘一荪"],
        ["简讯"],
    ]


FEATURE_BYLINE_APART = """小小食用菌撑起致富伞

□ 高裕鹏 李琪瑞

在枣林乡的食用菌种植基
地，一排排菌棒整齐码放，菌
农们正忙着采摘香菇。

“一个大棚一年能收入3
万多元，比外出打工强多了。
”菌农李大海高兴地说。

近年来，枣林乡把食用菌
作为群众增收的主导产业，建
成大棚56座，带动160户群众
稳定增收。

莲花池街道
为辖区困难群众
送去冬日温暖

本报讯　近日，莲花池街
道组织志愿者走访慰问辖区困
难群众，为他们送去米、面、
油等生活物资和御寒衣物。

每到一户，志愿者都详细
询问群众的生活情况，叮嘱他
们注意防寒保暖。
"""


def test_a_feature_whose_byline_stands_apart_is_a_story_of_its_own():
    bodies = split_page(FEATURE_BYLINE_APART.splitlines()).bodies
    assert [(body.lines[0], body.lines[-1]) for body in bodies] == [
        ("在枣林乡的食用菌种植基", "稳定增收。"),
        ("近日，莲花池街", "们注意防寒保暖。"),
    ]


def test_a_column_first_line_stays_body_when_the_next_line_carries_a_mended_byline():
    block = ["活动吸引了600余名居民参", "加，现场欢声笑语不断。（詹", "晓云）"]
    lead = ["本报讯　4月15日，城北街道在辖", "区广场举办“邻里节”活动，拉近邻", "里距离。"]
    [body] = split_page([*lead, "", *block, "", "城北街道", "举办“邻里节”活动"]).bodies
    assert body.lines[-2:] == ["活动吸引了600余名居民参", "加，现场欢声笑语不断。"]
    assert body.authors == [{"name": "詹晓云", "roles": ["writer"]}]


def test_a_byline_on_a_line_of_its_own_set_apart_closes_the_text_before_it():
    news = ["本报讯　近日，城北街道新开发保", "洁、护绿等公益性岗位60个，优先", "安置辖区就业困难人员。"]
    lines = [*news, "", "目前，首批45名人员已全部上岗。", "", "（韦红）", "", "城北街道", "新增公益岗位60个"]
    parts = split_page(lines)
    assert [body.authors for body in parts.bodies] == [[{"name": "韦红", "roles": ["writer"]}]]
    assert parts.headline_runs == [["城北街道", "新增公益岗位60个"]]


def test_a_brief_whose_lead_in_ends_its_line_starts_on_the_next():
    lines = [
        "本报讯　12月28日，信义镇千年村的",
        "红枣迎来丰收季，村民们纷纷走进枣园",
        "",
        "简讯",
        "",
        "凤山街道清理卫生死角\u3000",
        "凤山街道清理卫生死角",  # bold's twin
        "凤山街道组织志愿者清理背街",
        "小巷卫生死角20余处，清运垃",
        "圾5吨。（李琪瑞）",
        "",
        "区医院开展健康讲座\u3000区",
        "区医院开展健康讲座",
        "医院在社区开展健康讲座。（王艳）",
    ]
    parts = split_page(lines)
    # The item opens a story of its own: it is not the news above it running on.
    assert [body.lines[0] for body in parts.bodies] == [
        "12月28日，信义镇千年村的",
        "凤山街道组织志愿者清理背街",
        "区",
    ]
    assert parts.headline_runs == [["简讯"], ["凤山街道清理卫生死角"], ["区医院开展健康讲座"]]


def test_a_byline_end_over_two_lines_of_its_own_block_is_mended():
    lines = [
        "本报讯　12月28日，信义镇千年村的",
        "红枣迎来丰收季，村民们纷纷走进枣园",
        "采摘。“今年的枣子卖了个好价钱。”村",
        "民刘金花笑着说。（",
        "",
        "千年村的红枣。\u3000高裕鹏 摄",
        "",
        "文/图 张晓斌 高裕鹏 李小龙",
        "）",
    ]
    [body] = split_page(lines).bodies
    assert [author["name"] for author in body.authors] == ["张晓斌", "高裕鹏", "李小龙"]
    assert body.lines[-1] == "民刘金花笑着说。"


BYLINE_BEFORE_ITS_HEADLINE = """区消防救援大队
开展消防宣传月活动

本报讯　10月以来，区消防救
援大队开展消防宣传月活动，深入
社区、学校、企业宣讲消防知识。（钱军）

□ 武丽娜

金秋十月，吴城镇的谷子地里
一片金黄。收割机来回穿梭，村民
们忙着装袋、运输。

金秋时节话丰收
——吴城镇小米产业发展见闻
"""


def test_a_byline_the_extractor_gives_before_its_headline_waits_for_it():
    parts = split_page(BYLINE_BEFORE_ITS_HEADLINE.splitlines())
    assert parts.headline_runs == [
        ["区消防救援大队", "开展消防宣传月活动"],
        ["金秋时节话丰收", "——吴城镇小米产业发展见闻", "□ 武丽娜"],
    ]


def test_a_brief_whose_lead_in_fills_its_line_has_its_text_after_an_ideographic_space_on_the_next():
    lines = [
        "简讯",
        "",
        "枣林乡开展冬季森林防火巡查",
        "枣林乡开展冬季森林防火巡查",  # bold's twin
        "\u3000近日，枣林乡组织护林员开展冬",
        "季森林防火巡查，排查火灾隐患。",
        "（田野）",
    ]
    parts = split_page(lines)
    assert [(body.lines[0], body.authors[0]["name"]) for body in parts.bodies] == [
        ("近日，枣林乡组织护林员开展冬", "田野")
    ]
    assert parts.headline_runs == [["简讯"], ["枣林乡开展冬季森林防火巡查"]]


JUMPED = """西属巴街道
为小微企业纾困解难

本报讯　今年以来，西属巴街道建立领导干部
包联企业制度，定期走访辖区小微企业，帮助解决
融资、用工等难题。

截至目前，街道已走访企业86家，协调解决问
题35个，帮助企业获得贷款1200余万元。街道还联

（下转第4版）

光伏板上发电
板下种菜养羊

本报讯　走进坪头乡的光伏产业园，一排排光
伏板整齐排列，板下种植的中药材长势喜人，不远
处的羊群正在悠闲觅食。

坪头乡党委负责人介绍，光伏电站建成后，乡
里引导村集体利用板下空间发展种植、养殖，形成
了“板上发电、板下种植、板间养殖”的复合模式
。

目前，该模式带动周边3个村集体年均增收20余
万元，吸纳当地群众就近务工60余人。（闫丽 薛宏
伟）
"""


def test_a_piece_that_jumps_to_another_page_ends_its_story_on_this_one():
    """Without the jump, the news that has yet to reach its byline takes the other story's end."""
    parts = split_page(JUMPED.splitlines(), words=Segmenter([]).matching_words)
    first, second = parts.bodies
    assert first.lines[-1] == "题35个，帮助企业获得贷款1200余万元。街道还联"
    assert first.authors == []
    assert second.lines[-1].startswith("万元，吸纳当地群众就近务工60余人。")
    assert [author["name"] for author in second.authors] == ["闫丽", "薛宏伟"]


LINE_SET_APART = """抓项目 促发展
我区一季度28个重点项目集中开工

，项目是经济发展的“压舱石”。
各部门要强化要素保障，实行专班
推进，确保项目早开工、早投产、
早见效。

仪式结束后，与会人员实地观
摩了部分开工项目建设现场。（任
志刚 刘婷）

本报讯　3月8日，我区2024年
一季度重点项目集中开工仪式在城
北工业园区举行。此次集中开工的
28个项目总投资56.3亿元，涵盖先
进制造、新能源、城市更新和民生
保障等领域。

开工仪式上，区发改局负责人
介绍了项目总体情况。据了解，今
年我区谋划实施重点项目120个，
年度计划投资98亿元，目前已有45
个项目完成前期手续。

区委主要负责人在讲话中指出
"""


def test_a_line_of_body_set_apart_goes_back_before_the_piece_that_opens_inside_its_sentence():
    parts = split_page(LINE_SET_APART.splitlines(), words=Segmenter([]).matching_words)
    assert parts.headline_runs == [["抓项目 促发展", "我区一季度28个重点项目集中开工"]]
    (body,) = parts.bodies
    at = body.lines.index("区委主要负责人在讲话中指出")
    assert body.lines[at + 1] == "，项目是经济发展的“压舱石”。"
    assert [author["name"] for author in body.authors] == ["任志刚", "刘婷"]


def test_a_headline_standing_alone_stays_one_where_no_piece_lacks_a_line():
    text = LINE_SET_APART.replace("，项目是经济发展的“压舱石”。", "项目是经济发展的“压舱石”。")
    parts = split_page(text.splitlines(), words=Segmenter([]).matching_words)
    assert ["区委主要负责人在讲话中指出"] in parts.headline_runs


def test_a_jump_at_the_end_of_a_line_of_text_ends_that_piece_and_leaves_the_body():
    text = JUMPED.replace("街道还联\n\n（下转第4版）", "街道还联（下转第4版）")
    parts = split_page(text.splitlines(), words=Segmenter([]).matching_words)
    first, second = parts.bodies
    assert first.lines[-1] == "题35个，帮助企业获得贷款1200余万元。街道还联"
    assert [author["name"] for author in second.authors] == ["闫丽", "薛宏伟"]


def test_a_story_whose_one_line_on_this_page_jumps_is_kept():
    text = ["城北街道", "开展健步走活动", "", "本报讯　1月2日，城北街道开展健步走活动（下转第2版）"]
    (body,) = split_page(text).bodies
    assert (body.lead, body.lines) == (LEAD, ["1月2日，城北街道开展健步走活动"])
