"""Admin changelists of tables that grow with every year of the Smederijen (issue 12).

After twenty years the changelists of proposals, advice, votes and the ledger hold
hundreds of thousands of rows. Three habits keep them as fast as in the first year:

- no second full count: `show_full_result_count = False` (the admin counted the whole
  table again beside the filtered count, to say "of N");
- an estimated count for the unfiltered list on PostgreSQL (`EstimatedCountPaginator`):
  the planner's row estimate instead of counting every row to number the pages;
- search through the trigram indexes (`HistoryAdmin.get_search_results`): each searched
  column is asked on its own and the answers united, so that every column's index serves
  its part. Django's own search ORs the columns of several joined tables in one WHERE,
  which no index can serve. The icontains lookups are the same on SQLite (no index there).
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

# Below this many rows the real count is cheap enough, and exact.
ESTIMATE_FROM_ROWS = 50_000


class EstimatedCountPaginator(Paginator):
    """Counts as usual, except an unfiltered list of a big PostgreSQL table: its estimate
    (`pg_class.reltuples`, kept by ANALYZE and autovacuum), so that the page numbers do
    not cost a scan of the whole table. The last page may then be a little off."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where:
            connection = connections[queryset.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [queryset.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] >= ESTIMATE_FROM_ROWS:
                    return int(row[0])
        return super().count


class HistoryAdmin(admin.ModelAdmin):
    """A ModelAdmin for a table that grows with history; see the module's docstring."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        if not search_fields or not search_term:
            return queryset, False
        if any(field[0] in "^=@" for field in search_fields):
            # A lookup other than icontains: Django's own search.
            return super().get_search_results(request, queryset, search_term)
        model = queryset.model
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            matches = [
                model._default_manager.filter(**{f"{field}__icontains": bit})
                .order_by()
                .values("pk")
                for field in search_fields
            ]
            united = matches[0].union(*matches[1:]) if len(matches) > 1 else matches[0]
            queryset = queryset.filter(pk__in=united)
        # Each part selects primary keys: no row twice, no DISTINCT needed.
        return queryset, False
