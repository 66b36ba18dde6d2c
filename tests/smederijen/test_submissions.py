"""One form, one submission (decision 0022): `submit_once`, its token tag and the daily
cleanup, and the group registration form that uses them.

The races on PostgreSQL (twenty posts of one form at once) are in
tests/projecten/test_submission_concurrency.py; each form's own double post is
with that form's view tests.
"""

import datetime
import uuid

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import View

from smederijen.models import FormSubmission, Group
from smederijen.submissions import TOKEN_FIELD, Shown, SubmitOnceMixin, submit_once
from smederijen.tasks import delete_expired_form_submissions
from tests import factories

pytestmark = pytest.mark.django_db

GROUP_CREATE = reverse("smederijen:group-create")
TOKEN_INPUT = '<input type="hidden" name="submission_token" value="{}">'


def _post(user, data, path="/iets/maken/", files=None):
    request = RequestFactory().post(path, {**data, **(files or {})})
    request.user = user
    return request


class Counter:
    """A run() that counts how often it ran and leads to /gemaakt/<n>/."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return f"/gemaakt/{self.runs}/"


def _token_of(response) -> str:
    content = response.content.decode()
    start = content.index('name="submission_token" value="') + len(
        'name="submission_token" value="'
    )
    return content[start : start + 36]


# --- the tag ----------------------------------------------------------------------------------


def test_the_tag_renders_a_new_token_for_each_form_and_queries_nothing(
    django_assert_num_queries,
):
    template = Template("{% load submissions %}{% submission_token %}|{% submission_token %}")
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        first, second = template.render(Context({"request": request})).split("|")
    assert first != second
    for field in (first, second):
        token = field.split('value="')[1][:36]
        assert field == TOKEN_INPUT.format(uuid.UUID(token))


def test_the_tag_keeps_the_token_of_a_refused_post():
    token = str(uuid.uuid4())
    request = RequestFactory().post("/", {TOKEN_FIELD: token})
    rendered = Template("{% load submissions %}{% submission_token %}").render(
        Context({"request": request})
    )
    assert rendered == TOKEN_INPUT.format(token)


# --- submit_once ------------------------------------------------------------------------------


def test_the_second_post_with_the_same_token_runs_nothing_and_goes_where_the_first_went():
    user = factories.UserFactory()
    data = {"name": "x", TOKEN_FIELD: str(uuid.uuid4())}
    run = Counter()

    assert submit_once(_post(user, data), run) == "/gemaakt/1/"
    assert submit_once(_post(user, data), run) == "/gemaakt/1/"
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23)):
        assert submit_once(_post(user, {**data, "name": "changed"}), run) == "/gemaakt/1/"
    assert run.runs == 1
    assert FormSubmission.objects.get().result_url == "/gemaakt/1/"


def test_a_token_is_one_users_on_one_path():
    data = {TOKEN_FIELD: str(uuid.uuid4())}
    first, second = factories.UserFactory(), factories.UserFactory()
    run = Counter()

    submit_once(_post(first, data), run)
    assert submit_once(_post(second, data), run) == "/gemaakt/2/", "not the other's result"
    assert submit_once(_post(first, data, path="/iets/anders/"), run) == "/gemaakt/3/"
    assert run.runs == 3


def test_a_post_without_a_token_is_the_same_within_two_minutes_and_new_after():
    user = factories.UserFactory()
    data = {"body": "Goed idee!", "csrfmiddlewaretoken": "a"}
    run = Counter()
    now = timezone.now()

    with time_machine.travel(now, tick=False):
        submit_once(_post(user, data), run)
    with time_machine.travel(now + datetime.timedelta(seconds=119), tick=False):
        # another csrf token is the same form; other content is another one
        assert submit_once(_post(user, {**data, "csrfmiddlewaretoken": "b"}), run) == "/gemaakt/1/"
        assert submit_once(_post(user, {**data, "body": "Slecht idee"}), run) == "/gemaakt/2/"
    with time_machine.travel(now + datetime.timedelta(seconds=121), tick=False):
        assert submit_once(_post(user, data), run) == "/gemaakt/3/"
        assert submit_once(_post(user, data), run) == "/gemaakt/3/"
    assert run.runs == 3
    assert FormSubmission.objects.count() == 2, "the expired row gave way"


def test_a_post_without_a_token_differs_by_its_files_names_and_sizes():
    user = factories.UserFactory()
    run = Counter()

    def post(name, content):
        return _post(user, {"kind": "photo"}, files={"file": SimpleUploadedFile(name, content)})

    submit_once(post("a.jpg", b"1234"), run)
    submit_once(post("a.jpg", b"1234"), run)
    submit_once(post("a.jpg", b"12345"), run)
    submit_once(post("b.jpg", b"1234"), run)
    assert run.runs == 3


def test_a_refused_run_leaves_the_token_free_for_the_corrected_form():
    user = factories.UserFactory()
    data = {TOKEN_FIELD: str(uuid.uuid4())}
    run = Counter()

    def refused():
        run()
        raise ValidationError("Nog niet.")

    with pytest.raises(ValidationError):
        submit_once(_post(user, data), refused)
    assert not FormSubmission.objects.exists()
    assert submit_once(_post(user, data), run) == "/gemaakt/2/"
    assert submit_once(_post(user, data), run) == "/gemaakt/2/"


def test_a_page_shown_after_work_that_was_kept_sends_a_second_post_to_its_result():
    user = factories.UserFactory()
    data = {TOKEN_FIELD: str(uuid.uuid4())}
    page = object()

    assert submit_once(_post(user, data), lambda: Shown(page, "/concept/1/")) is page
    assert submit_once(_post(user, data), Counter()) == "/concept/1/"


def test_a_post_refused_because_the_first_committed_meanwhile_goes_where_the_first_went():
    class Edit(View):
        def post(self, request):
            # The first post of this form commits while this one is checked: the
            # proposal it submitted may no longer be edited.
            submit_once(_post(request.user, request.POST.dict()), lambda: "/voorstel/1/")
            raise PermissionDenied

    class EditOnce(SubmitOnceMixin, Edit):
        pass

    user = factories.UserFactory()
    response = EditOnce.as_view()(_post(user, {TOKEN_FIELD: str(uuid.uuid4())}))

    assert (response.status_code, response.url) == (302, "/voorstel/1/")
    with pytest.raises(PermissionDenied):
        Edit.as_view()(_post(user, {TOKEN_FIELD: str(uuid.uuid4())}))


def test_an_anonymous_post_is_kept_without_a_user():
    submit_once(_post(AnonymousUser(), {"a": "1"}), Counter())
    assert FormSubmission.objects.get().user is None


def test_the_daily_task_forgets_expired_forms_only():
    user = factories.UserFactory()
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=1, minutes=1), tick=False):
        submit_once(_post(user, {TOKEN_FIELD: str(uuid.uuid4())}), Counter())
    with time_machine.travel(now - datetime.timedelta(minutes=3), tick=False):
        submit_once(_post(user, {"no": "token"}), Counter())
    kept = {TOKEN_FIELD: str(uuid.uuid4())}
    submit_once(_post(user, kept), Counter())

    assert delete_expired_form_submissions() == 2
    assert list(FormSubmission.objects.values_list("path", flat=True)) == ["/iets/maken/"]


# --- the group registration form ---------------------------------------------------------------


def test_a_double_post_of_the_group_form_registers_one_group(client, resident):
    client.force_login(resident)
    form = client.get(GROUP_CREATE)
    data = {"name": "Dorpshuis De Kern", "kind": "dorpshuis", TOKEN_FIELD: _token_of(form)}

    first = client.post(GROUP_CREATE, data)
    second = client.post(GROUP_CREATE, data)

    group = Group.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == group.get_absolute_url()


def test_a_refused_group_form_is_shown_with_its_token_and_can_be_posted_again(
    client, resident, smederij
):
    factories.GroupFactory(area=smederij.area, name="De Kern")
    client.force_login(resident)
    token = str(uuid.uuid4())

    empty = client.post(GROUP_CREATE, {"name": "", "kind": "club", TOKEN_FIELD: token})
    taken = client.post(GROUP_CREATE, {"name": "de kern", "kind": "club", TOKEN_FIELD: token})
    assert empty.status_code == taken.status_code == 400
    assert _token_of(empty) == _token_of(taken) == token, "the same form, corrected"
    data = {"name": "De Kern 2", "kind": "club", TOKEN_FIELD: token}
    corrected, again = client.post(GROUP_CREATE, data), client.post(GROUP_CREATE, data)

    assert corrected.status_code == again.status_code == 302
    assert corrected.url == again.url == Group.objects.get(name="De Kern 2").get_absolute_url()
