"""Did you mean: a list that shows no row offers itself once, with every typed word that may
misspell a known name respelled, in its search and in its filters by a person's name
("Suleimani" → Soleimani; `search.suggestions.close_names`, two queries, asked only then)."""

from ..search.suggestions import close_names, respelled


class SuggestedNames:
    name_fields = ()  # the filters by a person's name or alias

    def suggestion(self):
        """(text, address) of this list with its search and name filters respelled, its
        other filters kept; None when no typed word may misspell a known name."""
        data = getattr(self.form, "cleaned_data", {})
        typed = {name: data[name] for name in self.name_fields if data.get(name)}
        query = getattr(self, "search_query", None)
        if query:
            typed = {"q": query.text, **typed}
        offered = close_names(list(typed.values())) if typed else []
        changed = {name: respelled(value, offered) for name, value in typed.items()}
        changed = {name: value for name, value in changed.items() if value != typed[name]}
        if not changed:
            return None
        kept = self.parameters_but("page", *changed)
        kept.update(changed)
        return "; ".join(self.described(name, value) for name, value in changed.items()), (
            f"?{kept.urlencode()}"
        )

    def described(self, name, value):
        """The search as respelled; a filter as its label and value ("Participant: …")."""
        if name == "q":
            return value
        return f"{str(self.form[name].label).split(' (')[0]}: {value}"
