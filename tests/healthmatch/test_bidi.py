"""healthmatch/bidi.py: user text isolated inline in <bdi>, free-text inputs with dir="auto",
sentences built in Python with their names isolated; and the shared field include using it."""

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from healthmatch.bidi import bdi, dir_auto, format_isolated
from tests.bidi import ORG, RLO, TITLE, assert_isolated


def render(source, **context):
    return Template(source).render(Context(context))


def test_bdi_escapes_and_isolates():
    html = bdi(f"{RLO}<b>Ward & co</b>")
    assert html == f"<bdi>{RLO}&lt;b&gt;Ward &amp; co&lt;/b&gt;</bdi>"
    assert isinstance(html, SafeString)


def test_bdi_keeps_html_that_is_safe_already():
    assert bdi(mark_safe("a<br>b")) == "<bdi>a<br>b</bdi>"


def test_bdi_leaves_nothing_as_nothing_so_a_default_follows():
    assert bdi("") == "" and bdi(None) is None
    assert render('{{ value|bdi|default:"—" }}', value="") == "—"


def test_the_filter_needs_no_load_and_works_inside_blocktranslate():
    html = render(
        "{% load i18n %}{% blocktranslate with org=name|bdi %}{{ org }} is not verified yet."
        "{% endblocktranslate %} {{ name|bdi }}",
        name=ORG,
    )
    assert html == f"<bdi>{ORG}</bdi> is not verified yet. <bdi>{ORG}</bdi>"


def test_format_isolated_escapes_our_words_and_isolates_theirs():
    html = format_isolated("<%(org)s> & %(name)s", org=ORG, name="<i>x</i>")
    assert html == f"&lt;<bdi>{ORG}</bdi>&gt; &amp; <bdi>&lt;i&gt;x&lt;/i&gt;</bdi>"
    assert isinstance(html, SafeString)


class Form(forms.Form):
    title = forms.CharField()
    summary = forms.CharField(widget=forms.Textarea)
    q = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
    code = forms.CharField(widget=forms.TextInput(attrs={"dir": "ltr"}))
    count = forms.IntegerField()
    email = forms.EmailField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    ok = forms.BooleanField()


def test_dir_auto_goes_on_free_text_inputs_only():
    form = Form(initial={"title": TITLE})
    assert dir_auto(form["title"]) == (
        f'<input type="text" name="title" value="{TITLE}" dir="auto" required id="id_title">'
    )
    for name in ("summary", "q"):
        assert 'dir="auto"' in dir_auto(form[name])
    assert 'dir="ltr"' in dir_auto(form["code"]) and "auto" not in dir_auto(form["code"])
    for name in ("count", "email", "kind", "ok"):
        assert dir_auto(form[name]) == str(form[name])


def test_the_shared_field_include_renders_a_typed_title_with_dir_auto():
    form = Form(data={"title": TITLE, "summary": ORG})
    html = render_to_string("includes/field.html", {"field": form["title"]})
    assert f'value="{TITLE}" dir="auto"' in html
    html = render_to_string("includes/field.html", {"field": form["summary"]})
    (textarea,) = assert_isolated(html, ORG)
    assert textarea.tag == "textarea"
