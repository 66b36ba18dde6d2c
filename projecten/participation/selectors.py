"""Reads of taking part: whether a resident supports a proposal, its comments a page at a time,
and the part of its page."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from projecten.models import Comment, Proposal
from projecten.workflow import OPEN_FOR_SUPPORT

# Comments a page, oldest first: a conversation reads from its beginning, and the newest
# comment is on the last page (issue 12: a proposal with 1,000 comments rendered them all).
COMMENTS_PER_PAGE = 50
# The query parameter of the comments' page; `page` is the proposal lists' own.
COMMENTS_PAGE_PARAMETER = "reacties"


def has_supported(*, user, proposal: Proposal) -> bool:
    """Read from the proposal's own query when `proposal_detail` asked it for `user`."""
    if not user.is_authenticated:
        return False
    known = getattr(proposal, "supported_by_user", None)
    if known is not None:
        return known
    return proposal.supports.filter(user=user).exists()


def comments_of(proposal: Proposal) -> QuerySet[Comment]:
    """The comments of a proposal in the order of its page, hidden ones included (their
    place shows the reason)."""
    return (
        Comment.objects.filter(proposal=proposal)
        .select_related("author", "hidden_by")
        .order_by("created_at", "pk")
    )


def comment_page_number(comment: Comment) -> int:
    """The page of the proposal's comments that shows `comment` (one query, on the index
    of (proposal, created_at)), so that a link to a comment reaches it."""
    before = Comment.objects.filter(proposal_id=comment.proposal_id).filter(
        Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk)
    )
    return before.count() // COMMENTS_PER_PAGE + 1


def comment_url(comment: Comment) -> str:
    """The proposal page at the comment's page, scrolled to the comment."""
    url = comment.proposal.get_absolute_url()
    number = comment_page_number(comment)
    query = f"?{COMMENTS_PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{url}{query}#reactie-{comment.pk}"


@dataclass(frozen=True)
class CommentPage:
    """One page of a proposal's comments with the links to the pages beside it."""

    comments: list[Comment] = field(default_factory=list)
    number: int = 1
    num_pages: int = 1
    previous_url: str | None = None
    next_url: str | None = None

    @property
    def paginated(self) -> bool:
        return self.num_pages > 1


def comment_page(*, proposal: Proposal, number) -> CommentPage:
    """The comments of page `number` (a page out of range or not a number gives the nearest
    page): one query for the page, and one for the count unless the proposal comes with
    it (`comment_total`), whatever the number of comments."""
    paginator = Paginator(comments_of(proposal), COMMENTS_PER_PAGE)
    total = getattr(proposal, "comment_total", None)
    if total is not None:
        # Counted in the proposal's own query (`proposal_detail`): no COUNT of its own.
        paginator.count = total
    page: Page = paginator.get_page(number)
    base = proposal.get_absolute_url()

    def link(n: int) -> str:
        query = f"?{COMMENTS_PAGE_PARAMETER}={n}" if n > 1 else ""
        return f"{base}{query}#reacties"

    return CommentPage(
        comments=list(page.object_list),
        number=page.number,
        num_pages=paginator.num_pages,
        previous_url=link(page.previous_page_number()) if page.has_previous() else None,
        next_url=link(page.next_page_number()) if page.has_next() else None,
    )


@dataclass(frozen=True)
class ParticipationPart:
    """What the support, comment and attachment parts of a proposal page may offer."""

    can_comment: bool
    can_hide: bool
    can_support: bool
    supported: bool
    can_unsupport: bool
    can_change: bool
    comments: CommentPage = field(default_factory=CommentPage)


def participation_part(*, user, proposal: Proposal, comments_page=1) -> ParticipationPart:
    supported = has_supported(user=user, proposal=proposal)
    return ParticipationPart(
        can_comment=user.has_perm("projecten.comment_proposal", proposal),
        can_hide=user.has_perm("projecten.hide_comment", proposal),
        can_support=user.has_perm("projecten.support_proposal", proposal),
        supported=supported,
        can_unsupport=supported
        and proposal.status in OPEN_FOR_SUPPORT
        and user.has_perm("projecten.remove_support", proposal),
        can_change=user.has_perm("projecten.change_proposal", proposal),
        comments=comment_page(proposal=proposal, number=comments_page),
    )
