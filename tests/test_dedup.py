"""One test per dedup pattern: what a reader of the cleaned post would check."""

from pressclip.dedup import dedup
from pressclip.wraps import ends_sentence

A = "누리시는 다음 달 18일부터 광역버스 2개 노선을 새로 운행한다고 27일 밝혔다."
B = "두 노선에는 2층 전기버스 등 모두 14대가 투입되며, 배차 간격은 15분이다."
C = "요금은 교통카드 기준 2,800원이며, 수도권 통합환승할인이 적용된다."
D = "시는 개통 초기 혼잡을 막기 위해 정류장마다 안내 요원을 둔다."


def paras(lines, title=None):
    return dedup(lines, title).paragraphs


def test_exact_repeat_collapses_to_first():
    assert paras([A, B, A, C]) == [A, B, C]


def test_repeat_with_other_white_space_nbsp_and_zero_width():
    messy = "요금은\u00a0교통카드  기준 2,800원이며,\u200b 수도권 통합환승할인이\t적용된다."
    assert paras([C, B, messy]) == [C, B]


def test_repeat_with_full_width_forms_and_curly_quotes():
    plain = '과장은 "이용 현황을 살펴 증차도 검토하겠다"고 말했다. (2024)'
    fancy = "과장은 “이용 현황을 살펴 증차도 검토하겠다”고 말했다. （２０２４）"
    assert paras([plain, fancy]) == [plain]


def test_truncated_copy_before_full_keeps_full_at_first_position():
    cut = "그동안 누리시 신도심 주민들은 서울 도심으로 가려면 지하철을 두 차례"
    full = cut + " 갈아타야 해 편도 1시간 20분 이상이 걸렸다."
    assert paras([A, cut, B, full, C]) == [A, full, B, C]


def test_truncated_copy_after_full_and_ellipsis_copy():
    full = "그동안 누리시 신도심 주민들은 서울 도심으로 가려면 지하철을 갈아타야 했다."
    assert paras([full, B, full[:25] + "…"]) == [full, B]
    assert paras([full, B, full[:25] + "..."]) == [full, B]


def test_repeated_block():
    assert paras([A, B, C, D, B, C, D]) == [A, B, C, D]


def test_whole_body_pasted_twice():
    body = [A, B, C, D]
    result = dedup(body + body)
    assert result.paragraphs == body
    assert len(result.removed) == 4


def test_hard_wrap_is_joined_with_one_space():
    assert paras(["또 센터가 없는 농촌 지역 아동 80여", "명에게는 카드를 발급한다.", C]) == [
        "또 센터가 없는 농촌 지역 아동 80여 명에게는 카드를 발급한다.",
        C,
    ]


def test_wrap_over_three_lines():
    lines = [
        "도는 지역별로 전략과제 추진 상황을",
        "모니터링하고, 제도 개선이 필요하면",
        "정부에 건의한다.",
    ]
    assert paras(lines) == [" ".join(lines)]


def test_truncated_copy_is_dropped_not_joined_to_next_line():
    cut = "시는 방학 기간 관내 지역아동센터 23곳에 한 끼 급식"
    full = cut + " 단가를 4,000원에서 4,500원으로 올려 지원한다."
    assert paras([A, cut, full, B]) == [A, full, B]


def test_copy_cut_after_a_wrap_point_is_dropped():
    # The full paragraph is itself hard-wrapped; the copy runs past the wrap point.
    first, second = (
        "또 센터가 없는 농촌 지역 아동 80여",
        "명에게는 가까운 식당을 이용할 수 있는 카드를 발급한다.",
    )
    cut = first + " 명에게는 가까운"
    assert paras([cut, B, first, second]) == [first + " " + second, B]


def test_seed_pattern_block_repeat_around_a_wrap():
    wrap = "이를 통해 제도 개선이 필요하면 정부에 건의하고, 신규 사업의 정부예산 반영 등으로"
    tail = "각 사업이 원활히 진행되도록 지원하고 있다."
    assert paras([A, B, wrap, B, wrap, tail, C]) == [A, B, wrap + " " + tail, C]


def test_quote_wrap_repeated_line_then_tail():
    e = '도 관계자는 "사업이 차질 없이 진행되도록 점검하고,'
    f = '지원을 아끼지 않겠다"고 말했다.'
    assert paras([A, e, e, f]) == [A, e + " " + f]


def test_different_content_never_merges():
    one = "설명회: 3월 5일(화) 14시, 누리시청 대회의실"
    two = "설명회: 3월 12일(화) 14시, 동부청사 소회의실"
    assert paras([one, two]) == [one, two]


def test_two_word_labels_are_fields_not_wraps():
    one = "주민 설명회: 4월 15일(화) 19시, 한빛구청 대강당"
    two = "신청 방법 : 구 누리집에서 온라인으로 접수"
    three = "접수 기간: 4월 1일부터 4월 30일까지 평일 9시부터"
    assert paras([one, two, three]) == [one, two, three]
    # a sentence with a colon later on is still a wrapped line
    wrapped = "구는 이번 사업의 목표를 다음과 같이 정했다: 야간 근무자의 귀가 시간을"
    assert paras([wrapped, "절반으로 줄이는 것이다."]) == [wrapped + " 절반으로 줄이는 것이다."]


def test_list_items_are_not_joined():
    items = ["○ 기간: 2024년 3월부터", "○ 대상: 관내 어업인 120명", "○ 내용: 장비 지원"]
    assert paras(items) == items


def test_headline_repeating_the_title_is_dropped():
    title = "[누리시] 광역버스 2개 노선 신설(2024.02.27.)"
    assert paras(["광역버스 2개 노선 신설", A], title) == [A]
    assert paras(["[누리시] 광역버스 2개 노선 신설(2024.02.27.)", A], title) == [A]
    # Only at the top of the body, and only when it really repeats the title.
    assert paras([A, "광역버스 2개 노선 신설"], title) == [A, "광역버스 2개 노선 신설"]
    assert paras(["광역버스 노선 신설 안내", A], title)[0] == "광역버스 노선 신설 안내"


def test_short_lines_are_not_truncated_copies():
    assert paras(["문의", "문의: 대중교통과 031-000-0000"]) == [
        "문의",
        "문의: 대중교통과 031-000-0000",
    ]


def test_sentence_end_rule():
    assert ends_sentence("추진했다.") and ends_sentence("좋아요.") and ends_sentence("정말?")
    assert ends_sentence('"검토하겠다"고 말했다.') and ends_sentence("라고 했다.”")
    assert not ends_sentence("반영 등으로") and not ends_sentence("점검하고,")


def test_removed_lists_reasons():
    result = dedup([A, A])
    assert [r.reason.split(" (")[0] for r in result.removed] == ["repeat of body line 1"]


def test_empty_and_blank_lines():
    assert paras([]) == []
    assert paras(["", "  ", "\u00a0"]) == []


def test_short_repeated_lines_outside_a_pasted_block_stay():
    # Table cells and list labels repeat legitimately; only sentences mark a pasted copy.
    table = ["구분", "2023년", "2024년", "인원", "120", "135", "예산", "120", "135"]
    assert paras(table) == table


def test_short_line_inside_a_pasted_block_goes_with_it():
    short = "공통 전략도 추진한다."
    assert paras([A, short, B, A, short, B]) == [A, short, B]


def test_short_wrapped_lines_pasted_twice_give_one_paragraph():
    # Found by the property tests: no line is 20 characters, so no line-level copy counts as
    # a sentence, but once the wraps are joined the two paragraphs are the same.
    first, second = "누리시는 버스 노선을 두 개 새로", "운행한다고 밝혔다."
    assert paras([first, second, first, second]) == [first + " " + second]


def test_line_equal_to_a_wrapped_paragraph_is_a_copy_of_it():
    first, second = "누리시는 누리시는 누리시는 누리시는 누리시는", "누리시는 누리시는"
    whole = first + " " + second
    assert paras([first, second, whole]) == [whole]
    assert paras([whole, first, second]) == [whole]
