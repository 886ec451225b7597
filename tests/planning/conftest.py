import pytest

from articles.roles import EDITOR, REPORTER
from tests.factories import staff_member


@pytest.fixture
def reporter():
    return staff_member(REPORTER, first_name="王艳")


@pytest.fixture
def editor():
    return staff_member(EDITOR, first_name="吴夏峰")
