from contacts.lists.pagination import CappedPaginator


class LargeTableAdmin:
    """Change lists that stay quick on millions of rows: capped counts, no full count."""

    paginator = CappedPaginator
    show_full_result_count = False
    list_per_page = 50
