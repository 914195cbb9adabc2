"""What counts as a salary figure (rolelint.checks.named.pay), shared by RL121, RL208 and RL209."""

import sys
import unicodedata

from rolelint.checks.named.pay import CURRENCY, _has_amount, _has_bare_amount
from rolelint.loaders import document_from_string
from rolelint.profession.advert_text import salary_mentions


def test_currency_signs_are_unicode_category_sc():
    signs = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Sc"}
    assert set(CURRENCY) == signs


def test_an_amount_with_its_currency_sign_after_it_is_a_figure():
    assert _has_amount("starting 2000€ monthly gross")
    assert _has_amount("45.000 € im Jahr")


def test_an_amount_in_any_currency_is_a_figure():
    assert _has_amount("up to ₹1500 per hour")
    assert _has_amount("¥300,000 a month")


def test_an_amount_in_a_currency_written_as_a_word_is_a_figure_in_any_case():
    assert _has_amount("49-53,000 Euros + 0.095% stock options")
    assert _has_amount("45,000 Dollars a year")
    assert _has_amount("28,000 pounds")
    assert not _has_amount("We raised 5,000,000 Euros last year.")


def test_sums_that_are_not_pay_stay_out_whatever_the_sign_stands():
    assert not _has_amount("We raised 5€ million last year.")
    assert not _has_amount("We are changing an $8T industry.")  # trillions written as T
    assert _has_amount("£30 to £40 an hour")  # "to" after an amount is no T
    assert not _has_amount("Wear a $5 T-shirt.")
    assert not _has_amount("A budget of 500€ for your kit.")
    assert not _has_amount("Python 3.12 and Django 5")


def test_the_401k_plan_is_not_a_figure_wherever_it_stands_in_its_line():
    assert not _has_amount("401K")
    assert not _has_amount("  401K ")
    assert not _has_amount("Health cover and a 401k with matching")


def test_an_amount_for_the_role_itself_is_pay_whatever_its_sentence_calls_it():
    assert _has_amount("We have a budget of £40,000 for this role, with an office and hardware budget.")
    assert _has_amount("The budget is $60,000 a year for the position.")
    # a budget for something else is still not pay
    assert not _has_amount("You will get a budget of £2,500 to build your home office.")
    assert not _has_amount("The team has a budget of £40,000 for the project.")
    # a sentence labelled as pay gives the job's pay, whatever it calls the sum
    assert _has_amount("Compensation: We have a budget between USD 40,000 and 50,000 per year depending on experience")
    assert _has_amount("Salary: a budget of $60,000 to $70,000")
    assert _has_amount("**Salary**: a budget of $60,000 to $70,000")
    assert not _has_amount("Pay: we raised $10 million in funding.")
    assert not _has_amount("Perks: a budget of £2,500 to build your home office.")


def test_only_the_first_amount_after_a_pay_label_is_pay_whatever_follows():
    document = document_from_string("# Developer\n\nSalary: £40,000 plus a £1,500 learning budget.\n", fmt="markdown")
    assert [(m.band.low, m.band.high) for m in salary_mentions(document)] == [(40000.0, 40000.0)]


def test_an_amount_in_a_currency_code_is_a_figure_where_its_sentence_says_it_is_pay():
    assert _has_amount("Rate: 180 PLN net / hour")
    assert _has_amount("INR 45,000 per month")
    assert _has_amount("A salary of 50.000 EUR")
    # a time zone is not a currency, a short number is not an amount, and a sum of another kind is not pay
    assert not _has_amount("Office hours from 0900 GMT daily")
    assert not _has_amount("Core hours 9-17 CET, paid holidays")
    assert not _has_amount("Over 500 APIs served a day")
    assert not _has_amount("We raised 5,000,000 USD in funding at a high rate")
    # without a word of pay or a period, a coded amount is not read as pay in running text
    assert not _has_amount("We sell 250 PHP licences")


def test_an_amount_in_a_currency_code_under_a_pay_heading_is_a_figure():
    from rolelint.checks.named.pay import has_salary_figure
    from rolelint.loaders import document_from_string

    under_pay = document_from_string("# Developer\n\n### Salary:\n- 27,000/= BDT - 35,000/= BDT\n", fmt="markdown")
    assert has_salary_figure(under_pay, under_pay.spans)
    elsewhere = document_from_string("# Developer\n\n### Tools\n- 27,000 BDT\n", fmt="markdown")
    assert not has_salary_figure(elsewhere, elsewhere.spans)


def test_an_amount_with_no_currency_is_a_figure_where_it_is_called_pay():
    from rolelint.checks.named.pay import has_salary_figure
    from rolelint.loaders import document_from_string

    for line in (
        "Salary: 45,000 to 55,000 per annum",
        "Salary: 45000 - 55000",
        "Salary: 55k plus bonus",
        "The salary is 45 000 - 55 000 gross.",
        "Salary: 2000 per month",
    ):
        document = document_from_string(f"# Product manager\n\n{line}\n", fmt="markdown")
        assert has_salary_figure(document, document.spans), line
    under_pay = document_from_string("# Product manager\n\n## Salary\n\nUp to 55k plus bonus.\n", fmt="markdown")
    assert has_salary_figure(under_pay, under_pay.spans)
    for line in (
        "We serve 10,000 customers a year.",  # a period, but no word of pay
        "Founded in 2012, we pay well.",  # a year
        "We raised 45,000 for charity and paid staff to run it.",  # raised: not pay
        "Call 0207 123 456 about pay.",  # a telephone number
        "Our pay is fair; see release 2.10.3.",
    ):
        document = document_from_string(f"# Product manager\n\n{line}\n", fmt="markdown")
        assert not has_salary_figure(document, document.spans), line


def _rl208(text: str) -> list[str]:
    from rolelint.loaders import document_from_string
    from rolelint.rulepacks import builtin_rules_dir, load_rules
    from rolelint.runner import run_rules

    document = document_from_string(text, fmt="markdown")
    rule = load_rules([builtin_rules_dir()])["RL208"]
    return [text[f.start : f.end] for f in run_rules([document], [rule], {})[document.path]]


def test_a_post_said_to_be_unpaid_states_its_pay():
    assert _rl208("# Design intern\n\n## Compensation\n\nInternships are unpaid.\n") == []
    # unpaid leave is a benefit, not the post's pay
    assert _rl208("# Designer\n\n## Compensation\n\nWe offer unpaid leave.\n") == ["## Compensation"]


def test_rupees_written_as_rs_or_inr_are_a_figure():
    assert _has_amount("A stipend of Rs. 45,000 per month")
    assert _has_amount("Rs 45000 a month")
    assert _has_amount("INR 45,000")
    assert _has_amount("PAY/PERKS: RS. 4.5 LAKH TO RS. 7.5 LAKH PER ANNUM")
    # the RS-232 and RS-485 standards are not rupees
    assert not _has_amount("Experience with RS 232, RS-485 and RS232 links")


def test_indian_digit_grouping_and_units_are_figures_where_the_sentence_says_pay():
    assert _has_amount("₹4,50,000 a year")
    assert _has_bare_amount("Salary: 4,50,000 per annum", in_pay=False)
    assert _has_bare_amount("Salary 8-10 lakh per annum", in_pay=False)
    assert _has_bare_amount("CTC: 12 LPA", in_pay=False)
    # a number of people in lakhs is not pay
    assert not _has_bare_amount("Our app serves 10 lakh users", in_pay=False)


def test_a_stipend_is_pay_by_a_period_and_not_a_sum_for_something():
    assert _has_amount("A stipend of £1,000 per month for the internship")
    assert not _has_amount("A £500 stipend for your home office")
    assert not _has_amount("a stipend of $2,000 to set up your desk")


def test_other_money_in_rupees_stays_out():
    assert not _has_amount("We raised Rs. 50 crore in funding")
    assert not _has_amount("A budget of Rs. 20,000 for your kit")


def test_an_amount_in_a_code_span_is_a_figure_as_a_reader_sees_it():
    # a job board's badge under the title: prose leaves code spans out, the pay check reads them
    badge = "# Engineer\n\n#### `💰 $174,000/yr - $235,000/yr` `🌎 REMOTE`\n\nWe build things.\n"
    assert _rl208(badge) == []
    assert _rl208("# Engineer\n\nWe pay `HK$15k-30k` per month.\n") == []
    # a code span with no amount in it is no figure
    assert _rl208("# Engineer\n\nWe use `python3 -m venv`.\n") == ["Engineer"]
    # code is not pay, fenced or inline
    fenced = "# Engineer\n\nWe build checkout.\n\n```js\nconst fee = '$2,500';\n```\n"
    assert _rl208(fenced) == ["Engineer"]
    assert _rl208("# Engineer\n\nWe write `let fee = '$2,500';` daily.\n") == ["Engineer"]
