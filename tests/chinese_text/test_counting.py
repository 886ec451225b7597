from chinese_text.counting import character_count, paragraphs


def test_character_count_counts_printed_characters_not_whitespace():
    assert character_count("本报讯 近日，城北街道。\n（王艳）") == 15


def test_paragraphs_drops_blank_lines_and_surrounding_space():
    assert paragraphs("  第一段。\r\n\n\n第二段。  \n") == ["第一段。", "第二段。"]
