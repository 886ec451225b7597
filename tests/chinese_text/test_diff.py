from chinese_text.diff import character_diff


def test_a_changed_number_in_chinese_text_is_one_deletion_and_one_insertion():
    assert character_diff("共计150余人参加", "共计160余人参加") == [
        ("equal", "共计1"),
        ("delete", "5"),
        ("insert", "6"),
        ("equal", "0余人参加"),
    ]


def test_inserted_characters_inside_a_sentence():
    assert character_diff("城北街道开展活动", "城北街道隆重开展活动") == [
        ("equal", "城北街道"),
        ("insert", "隆重"),
        ("equal", "开展活动"),
    ]


def test_identical_and_empty_texts():
    assert character_diff("本报讯", "本报讯") == [("equal", "本报讯")]
    assert character_diff("", "新") == [("insert", "新")]
    assert character_diff("旧", "") == [("delete", "旧")]


def test_a_change_in_one_paragraph_is_shown_by_characters_the_others_as_they_were():
    old = "城北街道开展健步走活动。\n共计150余人参加。\n活动取得圆满成功。"
    new = "城北街道开展健步走活动。\n共计160余人参加。\n活动取得圆满成功。"
    assert character_diff(old, new) == [
        ("equal", "城北街道开展健步走活动。\n共计1"),
        ("delete", "5"),
        ("insert", "6"),
        ("equal", "0余人参加。\n活动取得圆满成功。"),
    ]


def test_texts_too_long_to_compare_character_by_character_are_shown_replaced_whole():
    import random

    generator = random.Random(7)
    old = "".join(generator.choice("城北街道开展健步走活动共计余人参加") for _ in range(20_000))
    new = "".join(generator.choice("信义镇红枣丰收加工企业忙生产带动农民增收") for _ in range(20_000))
    assert character_diff(old, new) == [("delete", old), ("insert", new)]
    lines_old, lines_new = "\n".join(old), "\n".join(new)  # 20,000 one-character paragraphs each
    assert character_diff(lines_old, lines_new) == [("delete", lines_old), ("insert", lines_new)]
