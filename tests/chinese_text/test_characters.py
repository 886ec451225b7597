import pytest

from chinese_text.characters import describe, fold_width, unwanted_characters, without_unwanted


@pytest.mark.parametrize(
    "character", ["\x00", "\x08", "\x1b", "\x7f", "\u202e", "\u200b", "\u200d", "\ufeff", "\u2066"]
)
def test_control_and_invisible_format_characters_are_unwanted(character):
    assert unwanted_characters(f"城北{character}街道") == [character]
    assert without_unwanted(f"城北{character}街道") == "城北街道"


@pytest.mark.parametrize(
    "text",
    [
        "本报讯（王艳）\n“迎新年”健步走，\t共计150余人。",
        "城北\u3000街道",  # an ideographic space, and below a private-use character: not printable, but kept
        "城北\ue000街道",
        "城北街道",
    ],
)
def test_newlines_tabs_wide_spaces_and_chinese_punctuation_are_kept(text):
    assert unwanted_characters(text) == [] and without_unwanted(text) == text


def test_a_character_nobody_can_see_is_named():
    assert describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert describe("\x08") == "U+0008 CONTROL"


def test_fullwidth_digits_and_letters_fold_to_ascii():
    assert fold_width("２０２１年ＣＯＶＩＤ－１９　疫情") == "2021年COVID-19 疫情"
