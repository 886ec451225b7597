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
