"""Did you mean, for the filters by a person's name: a list that shows no row offers itself
with each name filter's words that may misspell a known name respelled ("Participant:
Suleimani" → Soleimani; `search.suggestions.close_names`, one query for every filter)."""

from ..search.suggestions import close_names, replaced


class SuggestedNames:
    name_fields = ()  # the filters by a person's name or alias

    def name_suggestion(self):
        """(text, address) of this list with every name filter respelled where one of its
        words may misspell a known name, its other filters kept; None when none may."""
        data = getattr(self.form, "cleaned_data", {})
        values = {name: data[name] for name in self.name_fields if data.get(name)}
        offered = close_names(" ".join(values.values())) if values else []
        respelled = {}
        for name, value in values.items():
            for word, spelling in offered:
                value = replaced(value, word, spelling)
            if value != values[name]:
                respelled[name] = value
        if not respelled:
            return None
        kept = self.parameters_but("page", *respelled)
        kept.update(respelled)
        labels = {name: str(self.form[name].label).split(" (")[0] for name in respelled}
        text = "; ".join(f"{labels[name]}: {value}" for name, value in respelled.items())
        return text, f"?{kept.urlencode()}"
